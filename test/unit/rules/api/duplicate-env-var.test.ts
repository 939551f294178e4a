import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture, ruleTester } from '../../../support/rule-tester';

const fx = (rule: string, file: string): string => readFixture('rules', rule, file);

describe('duplicate-env-var', () => {
  const RULE = ['duplicate-env-var'];
  test('reports the overridden entry and deletes it, keeping the runtime value', () => {
    const text = fx('duplicate-env-var', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['12:15-12:30']);
    assert.equal(said(ds[0]), 'envVarOverriddenLater {line=16, name=LOG_LEVEL, value=web}');
    const fixed = applyFix(text, ds[0]);
    // the entry goes; its comment stays
    assert.equal(
      fixed,
      text.replace(
        '            - name: LOG_LEVEL # first value\n              value: debug\n',
        '            # first value\n',
      ),
    );
    assert.deepEqual(lint(fixed, RULE), []);
  });
});

// The fixtures as a table: test/fixtures/rules/duplicate-env-var/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('duplicate-env-var', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'envVarOverriddenLater',
          data: { name: 'LOG_LEVEL', value: 'web', line: 16 },
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 30,
          severity: 'warning',
          fix: 'Delete this "LOG_LEVEL" entry',
        },
      ],
    },
  ],
});
