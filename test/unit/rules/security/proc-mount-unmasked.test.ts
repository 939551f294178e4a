import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'proc-mount-unmasked';

describe(R, () => {
  test('the fix deletes procMount', () => {
    const text = fixture(R, 'fire.yaml');
    const [d] = lint(text, [R]);
    assert.equal(applyFix(text, d), text.replace('procMount: Unmasked # nested containers', '# nested containers'));
  });
});

// The fixtures as a table: test/fixtures/rules/proc-mount-unmasked/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('proc-mount-unmasked', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'unmaskedProcMount',
          data: { container: 'Container "buildkit"', value: 'Unmasked' },
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 28,
          severity: 'warning',
          fix: 'Delete procMount',
        },
      ],
    },
  ],
});
