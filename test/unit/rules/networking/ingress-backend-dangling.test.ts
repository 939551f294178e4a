import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';
import { fixture as ruleFixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['ingress-backend-dangling'];
const fixture = (name: string): string => readFixture('rules', 'ingress-backend-dangling', name);

describe('ingress-backend-dangling', () => {
  test('flags a port the Service lacks and a Service that does not exist', () => {
    const text = fixture('fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix, d.suggestions?.map((s) => s.title)]),
      [
        ['13:17-13:21', 'warning', false, ['Use port 80']],
        ['22:23-22:30', 'warning', false, ['Use Service "api"']],
      ],
    );
    assert.equal(said(ds[0]), 'servicePortNotFound {bName=web, list=http=80, port=8080}');
    assert.equal(
      said(ds[1]),
      'serviceNotFound {bName=api-svc, ns=default, searchedFiles=searched 1 file: untitled:manifest.yaml}',
    );
    const fixed = applyEdits(applyEdits(text, ds[0].suggestions![0].edits), ds[1].suggestions![0].edits);
    assert.match(fixed, /number: 80 # the Service listens on 80/);
    assert.match(fixed, /name: api # no such Service/);
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('the pre-v1 backend shape (serviceName/servicePort) is read too', () => {
    const text =
      'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  backend:\n    serviceName: web\n    servicePort: http\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n';
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['8:18-8:22']);
    assert.equal(said(ds[0]), 'serviceNamedPortNotFound {bName=web, list=80, port=http}');
  });

  test('across a workspace: a warning where Services of the namespace live beside the Ingress, else information', () => {
    const out = lintWorkspace('ingress-backend-dangling', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [
        [
          'app/ingress.yaml',
          [
            ['27:27-27:31', 'warning'],
            ['32:23-32:29', 'warning'],
          ],
        ],
        [
          'edge/ingress.yaml',
          [
            ['12:13-12:17', 'info'],
            ['22:23-22:26', 'info'],
          ],
        ],
      ],
    );
    assert.equal(
      said(out.get('edge/ingress.yaml')![1]),
      'serviceNotFound {bName=api, ns=edge, searchedFiles=searched 3 files: app/ingress.yaml, app/services.yaml, edge/ingress.yaml}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/ingress-backend-dangling/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('ingress-backend-dangling', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'servicePortNotFound',
          data: { bName: 'web', port: '8080', list: 'http=80' },
          line: 13,
          column: 17,
          endLine: 13,
          endColumn: 21,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Use port 80' }],
        },
        {
          messageId: 'serviceNotFound',
          data: { bName: 'api-svc', ns: 'default', searchedFiles: 'searched 1 file: untitled:manifest.yaml' },
          line: 22,
          column: 23,
          endLine: 22,
          endColumn: 30,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Use Service "api"' }],
        },
      ],
    },
  ],
});
