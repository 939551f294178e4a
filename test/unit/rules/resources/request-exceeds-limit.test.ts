import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'request-exceeds-limit';
const run = (text: string) => lint(text, [ID]);

test('the fix sets the request to the limit, keeping the comment', () => {
  const text = readFixture(ID, 'fire');
  const ds = run(text);
  assert.match(applyFix(text, ds[0]), /requests:\n {14}cpu: 1500m # two cores\n/);
  assert.match(applyFix(text, ds[1]), /requests: \{memory: 1\.5Gi\}, limits: \{memory: 1\.5Gi\}/);
  const all = fixAllText(text, [ID]);
  assert.equal(run(all).length, 2); // the shared request stays for the author
});

test('an error in every profile', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: ['error'],
    recommended: ['error'],
    strict: ['error'],
  });
});

test('suppressed by a comment at the end of the request line', () => {
  const text = readFixture(ID, 'fire').replace(
    'cpu: "2" # two cores',
    'cpu: "2" # kubewise-ignore request-exceeds-limit: testing the admission error',
  );
  assert.equal(run(text).length, 4);
});

// The fixtures as a table: test/fixtures/rules/request-exceeds-limit/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('request-exceeds-limit', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'requestAboveLimit',
          data: { owner: 'Container "api"', trim: '2', resourceWord: 'CPU', limitText: '1500m' },
          line: 14,
          column: 20,
          endLine: 14,
          endColumn: 23,
          severity: 'error',
          fix: 'Set the CPU request to the limit (1500m)',
        },
        {
          messageId: 'requestAboveLimit',
          data: { owner: 'Container "flow"', trim: '2Gi', resourceWord: 'memory', limitText: '1.5Gi' },
          line: 19,
          column: 69,
          endLine: 19,
          endColumn: 72,
          severity: 'error',
          fix: 'Set the memory request to the limit (1.5Gi)',
        },
        {
          messageId: 'requestAboveLimit',
          data: { owner: 'Pod', trim: '1', resourceWord: 'CPU', limitText: '500m' },
          line: 'pod-pod-level+7',
          column: 21,
          endLine: 'pod-pod-level+7',
          endColumn: 24,
          severity: 'error',
          fix: 'Set the CPU request to the limit (500m)',
        },
        {
          messageId: 'requestAboveLimit',
          data: { owner: 'Container "a"', trim: '3', resourceWord: 'CPU', limitText: '2' },
          line: 'pod-shared+12',
          column: 30,
          endLine: 'pod-shared+12',
          endColumn: 31,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'requestAboveLimit',
          data: { owner: 'Container "b"', trim: '3', resourceWord: 'CPU', limitText: '1' },
          line: 'pod-shared+17',
          column: 25,
          endLine: 'pod-shared+17',
          endColumn: 29,
          severity: 'error',
          fix: null,
        },
      ],
    },
  ],
});
