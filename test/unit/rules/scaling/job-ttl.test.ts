import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['job-ttl'];

describe('job-ttl', () => {
  test('flags a Job without ttlSecondsAfterFinished and inserts one hour', () => {
    const text = fx('job-ttl', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['6:1-6:5', 'info', true]]);
    assert.equal(
      applyFix(text, ds[0]),
      `${text}  ttlSecondsAfterFinished: 3600 # TODO: how long the finished Job stays for inspection\n`,
    );
  });
});

// The fixtures as a table: test/fixtures/rules/job-ttl/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('job-ttl', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'noTtlAfterFinished',
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 5,
          severity: 'info',
          fix: 'Set ttlSecondsAfterFinished: 3600',
        },
      ],
    },
  ],
});
