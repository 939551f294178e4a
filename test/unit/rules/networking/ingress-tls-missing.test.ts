import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['ingress-tls-missing'];
const fixture = (name: string): string => readFixture('rules', 'ingress-tls-missing', name);

describe('ingress-tls-missing', () => {
  test("the fix inserts a tls entry for the rules' hosts with a placeholder Secret", () => {
    const text = fixture('fire.yaml');
    const [d] = lint(text, RULE);
    assert.equal(d.fix?.title, 'Add a tls entry (secretName shop-tls)');
    const fixed = applyFix(text, d);
    assert.equal(
      fixed,
      text +
        '  tls:\n    - hosts:\n        - shop.example.com\n        - www.example.com\n      secretName: shop-tls # TODO: a Secret of type kubernetes.io/tls with the certificate\n',
    );
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('an empty tls list is replaced; no hosts means no hosts list', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  tls: []\n  defaultBackend:\n    service: {name: web, port: {number: 80}}\n';
    const [d] = lint(text, RULE);
    assert.equal(where(d), '6:3-6:6');
    assert.equal(said(d), 'noTls {ingress=Ingress "x"}');
    assert.equal(
      applyFix(text, d),
      text.replace(
        'tls: []',
        'tls: [{secretName: x-tls}] # TODO: a Secret of type kubernetes.io/tls with the certificate',
      ),
    );
  });
});

// The fixtures as a table: test/fixtures/rules/ingress-tls-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('ingress-tls-missing', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noTlsForHosts',
          data: { ingress: 'Ingress "shop"', hosts: 'shop.example.com, www.example.com' },
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 5,
          severity: 'info',
          fix: 'Add a tls entry (secretName shop-tls)',
        },
      ],
    },
  ],
});
