import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['volume-unused'];
const fixture = (name: string): string => readFixture('rules', 'volume-unused', name);

describe('volume-unused', () => {
  test('the fix deletes the volume entry, keeping comments around it', () => {
    const text = fixture('fire.yaml');
    const [cache, certs] = lint(text, RULE);
    assert.equal(
      applyFix(text, cache),
      text.replace('        - name: cache\n          emptyDir:\n            sizeLimit: 1Gi\n', ''),
    );
    assert.equal(
      applyFix(text, certs),
      text.replace('        - name: certs\n          secret:\n            secretName: api-certs\n', ''),
    );
    const all = fixAllText(text, RULE);
    assert.equal(all, text.replace(/ {8}- name: cache[\s\S]*$/, ''));
    assert.match(all, /# left over from the old cache\n$/);
  });

  test('the only volume goes with its volumes key', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  volumes:
    - name: x
      emptyDir: {}
  containers:
    - name: a
      image: busybox:1.36
`;
    const [d] = lint(text, RULE);
    assert.equal(where(d), '7:13-7:14');
    assert.equal(applyFix(text, d), text.replace('  volumes:\n    - name: x\n      emptyDir: {}\n', ''));
  });

  test('a volume list shared through an alias is reported without a fix', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers: [{name: a, image: busybox:1.36}]
      volumes: &vols
        - {name: x, emptyDir: {}}
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      containers: [{name: b, image: busybox:1.36, volumeMounts: [{name: x, mountPath: /x}]}]
      volumes: *vols
`;
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), !!d.fix]),
      [['10:18-10:19', false]],
    );
  });
});

// The fixtures as a table: test/fixtures/rules/volume-unused/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('volume-unused', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'volumeNeverMounted',
          data: { vName: 'cache' },
          line: 19,
          column: 17,
          endLine: 19,
          endColumn: 22,
          severity: 'info',
          fix: 'Delete volume "cache"',
        },
        {
          messageId: 'volumeNeverMounted',
          data: { vName: 'certs' },
          line: 22,
          column: 17,
          endLine: 22,
          endColumn: 22,
          severity: 'info',
          fix: 'Delete volume "certs"',
        },
      ],
    },
  ],
});
