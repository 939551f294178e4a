import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'request-exceeds-limit';
const run = (text: string) => lint(text, [ID]);

test('fires on the request value, compared exactly; a shared request is not fixed', () => {
  assert.deepEqual(
    run(readFixture(ID, 'fire')).map((d) => [where(d), d.message, d.fix?.title ?? null]),
    [
      [
        '14:20-14:23',
        'Container "api" requests 2 CPU, more than its limit 1500m: the API server rejects a request above the limit.',
        'Set the CPU request to the limit (1500m)',
      ],
      [
        '19:69-19:72',
        'Container "flow" requests 2Gi memory, more than its limit 1.5Gi: the API server rejects a request above the limit.',
        'Set the memory request to the limit (1.5Gi)',
      ],
      [
        '27:21-27:24',
        'Pod requests 1 CPU, more than its limit 500m: the API server rejects a request above the limit.',
        'Set the CPU request to the limit (500m)',
      ],
      [
        '44:30-44:31',
        'Container "a" requests 3 CPU, more than its limit 2: the API server rejects a request above the limit.',
        null,
      ],
      [
        '49:25-49:29',
        'Container "b" requests 3 CPU, more than its limit 1: the API server rejects a request above the limit.',
        null,
      ],
    ],
  );
  assert.deepEqual(run(readFixture(ID, 'pass')), []);
});

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
