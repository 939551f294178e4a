import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['pvc-storage-request-missing'];
const fixture = (name: string): string => readFixture('rules', 'pvc-storage-request-missing', name);

describe('pvc-storage-request-missing', () => {
  test('the fix requests the written limit, else 1Gi with a TODO', () => {
    const text = fixture('fire.yaml');
    const [pvc, vct] = lint(text, RULE);
    assert.equal(pvc.fix?.title, 'Add resources.requests.storage: 10Gi');
    assert.equal(
      applyFix(text, pvc),
      text.replace(
        '      storage: 10Gi # a limit alone is not enough\n',
        '      storage: 10Gi # a limit alone is not enough\n    requests:\n      storage: 10Gi\n',
      ),
    );
    assert.equal(vct.fix?.title, 'Add resources.requests.storage: 1Gi');
    assert.equal(
      applyFix(text, vct),
      text.replace(
        '        storageClassName: fast\n',
        '        storageClassName: fast\n        resources:\n          requests:\n            storage: 1Gi # TODO: the capacity this claim needs\n',
      ),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });

  test('generic ephemeral volumes are claims too', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers: [{name: a, image: busybox:1.36}]
  volumes:
    - name: work
      ephemeral:
        volumeClaimTemplate:
          spec:
            accessModes: [ReadWriteOnce]
`;
    const [d] = lint(text, RULE);
    assert.equal(where(d), '11:11-11:15');
    assert.equal(said(d), 'noStorageRequest {label=ephemeral volume "work"}');
    assert.match(
      applyFix(text, d),
      /accessModes: \[ReadWriteOnce\]\n {12}resources:\n {14}requests:\n {16}storage: 1Gi # TODO/,
    );
  });

  test('a PVC without spec gets one', () => {
    const text = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: x\n';
    const [d] = lint(text, RULE);
    assert.equal(where(d), '4:9-4:10');
    assert.equal(
      applyFix(text, d),
      text + 'spec:\n  resources:\n    requests:\n      storage: 1Gi # TODO: the capacity this claim needs\n',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/pvc-storage-request-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('pvc-storage-request-missing', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noStorageRequest',
          data: { label: 'PersistentVolumeClaim "data"' },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 12,
          severity: 'error',
          fix: 'Add resources.requests.storage: 10Gi',
        },
        {
          messageId: 'noStorageRequest',
          data: { label: 'volumeClaimTemplate "pgdata"' },
          line: 'statefulset-db+23',
          column: 15,
          endLine: 'statefulset-db+23',
          endColumn: 21,
          severity: 'error',
          fix: 'Add resources.requests.storage: 1Gi',
        },
      ],
    },
  ],
});
