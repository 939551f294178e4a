import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['host-path-volume'];
const fixture = (name: string): string => readFixture('rules', 'host-path-volume', name);

describe('host-path-volume', () => {
  test('finds hostPath in every pod-carrying kind, through anchors, and without a path', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: a, image: busybox:1.36}]
          volumes:
            - name: one
              hostPath: &hp {path: /data}
            - name: two
              hostPath: *hp
            - name: three
              hostPath: {}
`;
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['13:15-13:23', '15:15-15:23', '17:15-17:23']);
    assert.equal(said(ds[1]), 'hostPathVolume {path=/data, volume=Volume "two"}');
    assert.equal(said(ds[2]), 'hostPathVolumeWithoutPath {volume=Volume "three"}');
  });

  test('is suppressed by the annotation on the pod template and by polaris hostPathSet-exempt', () => {
    const base = fixture('fire.yaml');
    const annotated = base.replace(
      '      labels:\n        app: log-shipper\n    spec:',
      '      labels:\n        app: log-shipper\n      annotations:\n        ignore-check.kubewise.dev/host-path-volume: "node agent"\n    spec:',
    );
    assert.notEqual(annotated, base);
    assert.deepEqual(lint(annotated, RULE), []);
    const polaris = base.replace(
      '  name: log-shipper\n',
      '  name: log-shipper\n  annotations:\n    polaris.fairwinds.com/hostPathSet-exempt: "true"\n',
    );
    assert.deepEqual(lint(polaris, RULE), []);
  });

  test('is an error in every profile where the Namespace enforces baseline', () => {
    const ns = (level: string): string =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: agents\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n---\n`;
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: agents\nspec:\n  containers:\n    - name: c\n      image: x:1\n  volumes:\n    - name: h\n      hostPath:\n        path: /var/log\n';
    for (const profile of ['minimal', 'recommended', 'strict'] as const) {
      const ds = lint(ns('baseline') + pod, RULE, { profile });
      assert.deepEqual(
        ds.map((d) => d.severity),
        ['error'],
        profile,
      );
      assert.equal(said(ds[0]), 'hostPathVolume {path=/var/log, volume=Volume "h"}');
    }
    assert.deepEqual(lint(ns('privileged') + pod, RULE, { profile: 'minimal' }), []);
    assert.deepEqual(
      lint(ns('privileged') + pod, RULE).map((d) => d.severity),
      ['warning'],
    );
    assert.deepEqual(lint(ns('baseline') + pod, RULE, { rules: { 'host-path-volume': 'off' } }), []);
  });
});

// The fixtures as a table: test/fixtures/rules/host-path-volume/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('host-path-volume', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'hostPathVolume',
          data: { volume: 'Volume "varlog"', path: '/var/log' },
          line: 24,
          column: 11,
          endLine: 24,
          endColumn: 19,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
