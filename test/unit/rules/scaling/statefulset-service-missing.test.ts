import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { diagnosticsInAppended, lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['statefulset-service-missing'];

const SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: shop
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - name: postgres
      port: 5432
      targetPort: postgres
`;

describe('statefulset-service-missing', () => {
  test('the fix appends a headless Service with the pod labels and the container ports', () => {
    const text = fx('statefulset-service-missing', 'fire.yaml');
    const [d] = lint(text, RULE);
    const at = text.indexOf('---\n');
    assert.equal(applyFix(text, d), text.slice(0, at) + SERVICE + text.slice(at));
    assert.deepEqual(diagnosticsInAppended(text, d, 'strict'), []);
  });

  test('information when no Service of the namespace is in the workspace', () => {
    const text = fx('statefulset-service-missing', 'fire.yaml').split('---\n')[0];
    assert.deepEqual(brief(lint(text, RULE)), [['7:16-7:18', 'info', true]]);
  });

  test('across a workspace', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('statefulset-service-missing', RULE)), [
      ['db/statefulsets.yaml', '27:16-27:21', 'warning', true],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/statefulset-service-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('statefulset-service-missing', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'headlessServiceNotFound',
          data: {
            serviceName: 'db',
            ns: 'shop',
            searchedFiles: 'searched 1 file: untitled:manifest.yaml',
          },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 18,
          severity: 'warning',
          fix: 'Add headless Service "db"',
        },
        {
          messageId: 'serviceNotHeadless',
          data: { serviceName: 'cache', clusterIP: 'unset' },
          line: 30,
          column: 16,
          endLine: 30,
          endColumn: 21,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
