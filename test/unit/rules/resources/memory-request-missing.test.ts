import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'memory-request-missing';
const run = (text: string) => lint(text, [ID]);

test('fires on every container without a memory request', () => {
  assert.deepEqual(
    run(readFixture(ID, 'fire')).map((d) => `${where(d)} ${d.message}`),
    [
      '15:11-15:20 Container "web" has no memory request.',
      '19:11-21:59 Container "limited" has no memory request (Kubernetes defaults it to the limit, 256Mi).',
      '26:13-27:24 Init container "init" has no memory request.',
      '35:34-35:63 Container "flow" has no memory request.',
      '38:7-38:20 Container "empty" has no memory request.',
      '41:7-41:17 Container "null-resources" has no memory request.',
      '45:9-47:20 Container "null-cpu" has no memory request.',
      '61:15-61:24 Container "job" has no memory request.',
    ],
  );
  assert.deepEqual(run(readFixture(ID, 'pass')), []);
});

test('the fix inserts 128Mi with a TODO, or copies the limit', () => {
  const text = readFixture(ID, 'fire');
  const ds = run(text);
  assert.match(
    applyFix(text, ds[0]),
    /image: nginx:1\.27\n {10}resources:\n {12}requests:\n {14}memory: 128Mi # TODO: set from measured usage\n {8}- name: limited/,
  );
  assert.equal(ds[1].fix!.title, 'Add requests.memory: 256Mi (the limit)');
  assert.match(
    applyFix(text, ds[1]),
    /memory: 256Mi # the request defaults to this\n {12}requests:\n {14}memory: 256Mi\n/,
  );
  // a null `memory:` is filled in place, keeping the sibling
  assert.match(
    applyFix(text, ds[6]),
    /requests:\n {10}memory: 128Mi # TODO: set from measured usage\n {10}cpu: 100m\n/,
  );
  const all = fixAllText(text, [ID]);
  assert.deepEqual(run(all), []);
  assert.match(all, /# the web tier/);
});

test('severity per profile', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: ['warning'],
    strict: ['warning'],
  });
});

test('suppressed by the Polaris annotation', () => {
  const text = readFixture(ID, 'fire').replace(
    '  name: web # the web tier\n',
    '  name: web # the web tier\n  annotations:\n    polaris.fairwinds.com/memoryRequestsMissing-exempt: "true"\n',
  );
  // the Deployment's three containers are exempt; the Pod and the CronJob are not
  assert.deepEqual(
    run(text).map((d) => d.message.split('"')[1]),
    ['flow', 'empty', 'null-resources', 'null-cpu', 'job'],
  );
});
