import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['cronjob-deadline'];

describe('cronjob-deadline', () => {
  test('flags a CronJob without startingDeadlineSeconds and inserts 300', () => {
    const text = fx('cronjob-deadline', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['6:1-6:5', 'info', true]]);
    assert.equal(
      applyFix(text, ds[0]),
      `${text}  startingDeadlineSeconds: 300 # TODO: how late a missed run may still start\n`,
    );
  });
});

// The fixtures as a table: test/fixtures/rules/cronjob-deadline/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('cronjob-deadline', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'noStartingDeadline',
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 5,
          severity: 'info',
          fix: 'Set startingDeadlineSeconds: 300',
        },
      ],
    },
  ],
});
