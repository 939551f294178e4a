import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../support/lint';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the web tier
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
        - name: side
          image: busybox:1.36
          resources:
            limits:
              cpu: 200m
`;

test('cpu-request-missing fires per container and its fix inserts the request', () => {
  const ds = lint(DEPLOY, ['cpu-request-missing']);
  assert.deepEqual(ds.map(where), ['9:11-9:20', '13:11-15:24']);
  const fixed = applyFix(DEPLOY, ds[0]);
  assert.match(fixed, /image: nginx:1.27\n {10}resources:\n {12}requests:\n {14}cpu: 100m # TODO/);
  assert.equal(lint(fixed, ['cpu-request-missing']).length, 1);
  const all = fixAllText(DEPLOY, ['cpu-request-missing']);
  assert.equal(lint(all, ['cpu-request-missing']).length, 0);
  assert.match(all, /requests:\n {14}cpu: 200m\n/);
  assert.match(all, /# the web tier/);
});

test('yaml-syntax reports duplicate keys and tabs', () => {
  const ds = lint('apiVersion: v1\nkind: Pod\nkind: Pod\n', ['yaml-syntax']);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].ruleId, 'yaml-syntax');
});
