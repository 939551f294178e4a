import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'resourcequota-incomplete';
const run = (text: string) => lint(text, [ID]);

test('fires on compute quotas that miss some of the four keys', () => {
  assert.deepEqual(
    run(readFixture(ID, 'fire')).map((d) => `${where(d)} ${d.message}`),
    [
      '8:3-8:7 ResourceQuota "compute" does not bound requests.memory, limits.cpu.',
      '17:1-17:5 ResourceQuota "no-hard" does not bound requests.cpu, requests.memory, limits.cpu, limits.memory.',
      '25:3-25:7 ResourceQuota "flow" does not bound requests.cpu, limits.cpu, limits.memory.',
    ],
  );
  assert.deepEqual(run(readFixture(ID, 'pass')), []);
});

test('inserted limits are never below the written requests', () => {
  const text = readFixture(ID, 'fire');
  const ds = run(text);
  assert.match(
    applyFix(text, ds[0]),
    /pods: "50"\n {4}requests.memory: 8Gi # TODO: set from measured usage\n {4}limits.cpu: 20 # TODO: set from measured usage\n---/,
  );
  assert.match(applyFix(text, ds[1]), /scopes: \[NotTerminating\]\n {2}hard:\n {4}requests.cpu: 4 # TODO/);
  assert.match(
    applyFix(text, ds[2]),
    /hard: \{requests.memory: 4Gi, requests.cpu: 4 # TODO: set from measured usage\n {4}, limits.cpu: 8 # TODO: set from measured usage\n {4}, limits.memory: 16Gi # TODO: set from measured usage\n {4}\}\n$/,
  );
  assert.deepEqual(run(fixAllText(text, [ID])), []);
});

test('an info in recommended and strict, off in minimal', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: ['info'],
    strict: ['info'],
  });
});
