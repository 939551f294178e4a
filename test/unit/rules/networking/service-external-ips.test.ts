import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['service-external-ips'];
const fixture = (name: string): string => readFixture('rules', 'service-external-ips', name);

describe('service-external-ips', () => {
  test('flags externalIPs on the key, as a warning, and the fix deletes them', () => {
    const text = fixture('fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, d.fix?.title]),
      [['11:3-11:14', 'warning', 'Delete externalIPs']],
    );
    assert.equal(said(ds[0]), 'externalIps {list=203.0.113.10, 203.0.113.11}');
    assert.equal(applyFix(text, ds[0]), text.replace('  externalIPs:\n    - 203.0.113.10\n    - 203.0.113.11\n', ''));
  });

  test('flow style', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}], externalIPs: [1.2.3.4]}\n';
    const [d] = lint(text, RULE);
    assert.equal(where(d), '4:29-4:40');
    assert.equal(
      applyFix(text, d),
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/service-external-ips/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('service-external-ips', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'externalIps',
          data: { list: '203.0.113.10, 203.0.113.11' },
          line: 11,
          column: 3,
          endLine: 11,
          endColumn: 14,
          severity: 'warning',
          fix: 'Delete externalIPs',
        },
      ],
    },
  ],
});
