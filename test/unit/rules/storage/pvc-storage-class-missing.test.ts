import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['pvc-storage-class-missing'];

describe('pvc-storage-class-missing', () => {
  test('volumeClaimTemplates are checked too', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers: [{name: db, image: postgres:17}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
`;
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['10:24-10:28']);
    assert.equal(said(ds[0]), 'noStorageClassName {label=volumeClaimTemplate "data"}');
  });
});

// The fixtures as a table: test/fixtures/rules/pvc-storage-class-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('pvc-storage-class-missing', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noStorageClassName',
          data: { label: 'PersistentVolumeClaim "data"' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 13,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});
