import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { diagnosticsInAppended, lintWorkspace } from '../../../support/workspace-lint';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['networkpolicy-missing'];
const fixture = (name: string): string => readFixture('rules', 'networkpolicy-missing', name);

const POLICY = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-default-deny
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
  ingress: [] # TODO: allow the traffic these pods must accept
`;

describe('networkpolicy-missing', () => {
  test('the fix appends a default-deny policy for the selector labels after the workload; it passes every rule', () => {
    const text = fixture('fire.yaml');
    const [d] = lint(text, RULE);
    assert.equal(d.fix?.title, 'Add a default-deny NetworkPolicy for the pods of Deployment "api"');
    const fixed = applyFix(text, d);
    assert.equal(
      fixed,
      text.replace('          image: example/api:3.0\n', '          image: example/api:3.0\n' + POLICY),
    );
    assert.deepEqual(lint(fixed, RULE), []);
    assert.deepEqual(diagnosticsInAppended(text, d, 'strict'), []);
    assert.equal(fixAllText(text, RULE), fixed);
  });

  test('a policy name already taken gets a suffix; without pod labels there is no fix', () => {
    const text = fixture('fire.yaml').replace('name: db-ingress', 'name: api-default-deny');
    assert.match(lint(text, RULE)[0].fix!.edits[0].newText, /name: api-default-deny-2\n/);
    const bare =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: a, image: busybox:1.36}]\n';
    const [d] = lint(bare, RULE);
    assert.equal(where(d), '4:9-4:10');
    assert.equal(d.fix, undefined);
  });

  test('across a workspace: policies in another file; a policy of another namespace does not count', () => {
    const out = lintWorkspace('networkpolicy-missing', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [['app/workloads.yaml', [['23:9-23:12', 'info']]]],
    );
    assert.equal(
      said(out.get('app/workloads.yaml')![0]),
      'noPolicySelectsPods {ns=shop, searchedFiles=searched 2 files: app/workloads.yaml, policies/shop.yaml, what=Deployment "api"}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/networkpolicy-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('networkpolicy-missing', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noPolicySelectsPods',
          data: { ns: 'shop', what: 'Deployment "api"', searchedFiles: 'searched 1 file: untitled:manifest.yaml' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 12,
          severity: 'info',
          fix: 'Add a default-deny NetworkPolicy for the pods of Deployment "api"',
        },
      ],
    },
  ],
});
