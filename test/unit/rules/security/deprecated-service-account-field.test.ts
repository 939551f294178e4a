import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('deprecated-service-account-field', () => {
  const RULE = ['deprecated-service-account-field'];
  const text = fixture('deprecated-service-account-field', 'fire.yaml');

  test('fires on the serviceAccount key in all three cases', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['9:7-9:21', '20:3-20:17', '31:3-31:17']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning', 'warning'],
    );
    assert.equal(said(ds[2]), 'deprecatedAliasDiffers {current=api, oldName=legacy}');
  });

  test('renames alone, removes a duplicate, and only suggests removing a conflicting one', () => {
    const [alone, same, conflict] = lint(text, RULE);
    assert.equal(
      applyFix(text, alone),
      text.replace('serviceAccount: web # old spelling', 'serviceAccountName: web # old spelling'),
    );
    assert.equal(
      applyFix(text, same),
      text.replace('  serviceAccountName: api\n  serviceAccount: api\n', '  serviceAccountName: api\n'),
    );
    assert.equal(conflict.fix, undefined);
    assert.equal(conflict.suggestions?.length, 1);
    assert.deepEqual(lint(fixAllText(text, RULE), RULE).map(where), ['30:3-30:17']);
  });

  test("kube-linter's annotation suppresses it", () => {
    const suppressed = text.replace(
      '  name: web\n',
      '  name: web\n  annotations:\n    ignore-check.kube-linter.io/deprecated-service-account-field: "legacy chart"\n',
    );
    assert.equal(lint(suppressed, RULE).length, 2);
  });
});

// The fixtures as a table: test/fixtures/rules/deprecated-service-account-field/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('deprecated-service-account-field', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'deprecatedAlias',
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 21,
          severity: 'warning',
          fix: 'Rename to serviceAccountName',
        },
        {
          messageId: 'deprecatedAliasRepeats',
          line: 'pod-both+7',
          column: 3,
          endLine: 'pod-both+7',
          endColumn: 17,
          severity: 'warning',
          fix: 'Remove the deprecated serviceAccount',
        },
        {
          messageId: 'deprecatedAliasDiffers',
          data: { oldName: 'legacy', current: 'api' },
          line: 'pod-conflict+7',
          column: 3,
          endLine: 'pod-conflict+7',
          endColumn: 17,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Remove the deprecated serviceAccount (serviceAccountName applies)' }],
        },
      ],
    },
  ],
});
