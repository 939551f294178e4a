import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'memory-limit-missing';
const run = (text: string) => lint(text, [ID]);

test('fires on every container without a memory limit; the merged container gets no fix', () => {
  const ds = run(readFixture(ID, 'fire'));
  assert.deepEqual(
    ds.map((d) => [where(d), d.message, d.fix?.title ?? null]),
    [
      ['15:11-15:19', 'Container "db" has no memory limit.', 'Add limits.memory: 512Mi'],
      ['19:11-22:23', 'Container "exporter" has no memory limit.', 'Add limits.memory: 64Mi (the request)'],
      ['30:34-30:70', 'Container "flow" has no memory limit.', 'Add limits.memory: 1Gi (the request)'],
      ['33:7-33:20', 'Container "empty" has no memory limit.', 'Add limits.memory: 512Mi'],
      ['37:9-38:18', 'Container "null-memory" has no memory limit.', 'Add limits.memory: 512Mi'],
      ['51:7-52:33', 'Container "a" has no memory limit.', 'Add limits.memory: 32Mi (the request)'],
      ['54:7-54:14', 'Container "b" has no memory limit.', null],
    ],
  );
  assert.deepEqual(run(readFixture(ID, 'pass')), []);
});

test('the limit equals the request when one is set, else 512Mi with a TODO', () => {
  const text = readFixture(ID, 'fire');
  const ds = run(text);
  assert.match(
    applyFix(text, ds[0]),
    /image: postgres:16\n {10}resources:\n {12}limits:\n {14}memory: 512Mi # TODO: set from measured usage\n/,
  );
  assert.match(applyFix(text, ds[1]), /cpu: 50m\n {12}limits:\n {14}memory: 64Mi\n---/);
  assert.match(applyFix(text, ds[2]), /resources: \{requests: \{memory: 1Gi\}, limits: \{memory: 1Gi\}\}\}/);
  assert.match(applyFix(text, ds[3]), /resources: \{limits: \{memory: 512Mi\}\}/);
  assert.match(applyFix(text, ds[4]), /limits:\n {10}memory: 512Mi # TODO: set from measured usage\n/);
  const all = fixAllText(text, [ID]);
  assert.deepEqual(run(all), []); // fixing "a" also fixes "b", which merges it
  assert.match(all, /- <<: \*base\n {6}name: b\n$/);
});

test('severity per profile', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: ['warning'],
    strict: ['warning'],
  });
});

test("suppressed by kube-linter's unset-memory-requirements", () => {
  const text = readFixture(ID, 'pass')
    .replace(
      '  name: web\n',
      '  name: web\n  annotations:\n    ignore-check.kube-linter.io/unset-memory-requirements: "x"\n',
    )
    .replace('limits: {memory: 256Mi}', 'requests: {memory: 256Mi}');
  assert.deepEqual(run(text), []);
  assert.equal(
    run(
      text.replace(
        'ignore-check.kube-linter.io/unset-memory-requirements',
        'ignore-check.kube-linter.io/unset-cpu-requirements',
      ),
    ).length,
    1,
  );
});
