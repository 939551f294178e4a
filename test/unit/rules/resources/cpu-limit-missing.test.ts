import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'cpu-limit-missing';
const strict = (text: string) => lint(text, [ID], { profile: 'strict' });

test('off by default; on as a warning in strict or when set', () => {
  const text = readFixture(ID, 'fire');
  assert.deepEqual(severitiesByProfile(text, ID), { minimal: [], recommended: [], strict: ['warning'] });
  assert.equal(lint(text, [ID], { rules: { [ID]: 'info' } })[0].severity, 'info');
});

test('fires on every container without a CPU limit', () => {
  assert.deepEqual(
    strict(readFixture(ID, 'fire')).map((d) => [where(d), d.message, d.fix?.title ?? null]),
    [
      ['15:11-15:19', 'Container "db" has no CPU limit.', 'Add limits.cpu: 500m'],
      ['19:11-22:27', 'Container "exporter" has no CPU limit.', 'Add limits.cpu: 100m (the request)'],
      ['30:34-30:65', 'Container "flow" has no CPU limit.', 'Add limits.cpu: 1 (the request)'],
      ['33:7-33:20', 'Container "empty" has no CPU limit.', 'Add limits.cpu: 500m'],
      ['37:9-38:15', 'Container "null-cpu" has no CPU limit.', 'Add limits.cpu: 500m'],
      ['51:7-52:29', 'Container "a" has no CPU limit.', 'Add limits.cpu: 10m (the request)'],
      ['54:7-54:14', 'Container "b" has no CPU limit.', null],
    ],
  );
  assert.deepEqual(strict(readFixture(ID, 'pass')), []);
});

test('the inserted limit always carries a TODO: how much burst to allow is a choice', () => {
  const text = readFixture(ID, 'fire');
  const ds = strict(text);
  assert.match(applyFix(text, ds[1]), /memory: 64Mi\n {12}limits:\n {14}cpu: 100m # TODO: set from measured usage\n/);
  assert.match(
    applyFix(text, ds[2]),
    /resources: \{requests: \{cpu: 1\}, limits: \{cpu: 1\} # TODO: set from measured usage\n {6}\}\}/,
  );
  assert.deepEqual(strict(fixAllText(text, [ID], { profile: 'strict' })), []);
});
