import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'limitrange-incomplete';
const run = (text: string) => lint(text, [ID]);

test('fires on Container entries without defaults and on LimitRanges without one', () => {
  assert.deepEqual(
    run(readFixture(ID, 'fire')).map((d) => `${where(d)} ${d.message}`),
    [
      '9:7-9:22 LimitRange Container entry has no defaultRequest.cpu, defaultRequest.memory, default.cpu, default.memory.',
      '19:3-19:9 LimitRange "storage-only" has no `type: Container` limits: containers without resources of their own get no defaults.',
      '27:1-27:5 LimitRange "empty" has no `type: Container` limits: containers without resources of their own get no defaults.',
    ],
  );
  assert.deepEqual(run(readFixture(ID, 'pass')), []);
});

test('inserted defaults respect the written max and min', () => {
  const text = readFixture(ID, 'fire');
  const ds = run(text);
  const fixed = applyFix(text, ds[0]);
  assert.match(
    fixed,
    /min: \{cpu: 50m\}\n {6}defaultRequest:\n {8}cpu: 100m # TODO: set from measured usage\n {8}memory: 128Mi # TODO: set from measured usage\n {6}default:\n {8}cpu: 500m # TODO: set from measured usage\n {8}memory: 256Mi # TODO: set from measured usage\n---/,
  );
  assert.match(applyFix(text, ds[1]), /max: \{storage: 10Gi\}\n {4}- type: Container\n {6}defaultRequest:\n/);
  assert.match(
    applyFix(text, ds[2]),
    /spec: \{limits: \[\{type: Container, defaultRequest: \{cpu: 100m, memory: 128Mi\}, default: \{cpu: 500m, memory: 512Mi\}, max: \{memory: 2Gi\}\}\]\} # TODO: set from measured usage\n$/,
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
