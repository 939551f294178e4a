import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, lintIds as lint, ruleTester } from '../../../support/rule-tester';

const ID = 'memory-request-missing';
const run = (text: string) => lint(text, [ID]);

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
    run(text).map((d) => String(d.data?.container).split('"')[1]),
    ['flow', 'empty', 'null-resources', 'null-cpu', 'job'],
  );
});

// The fixtures as a table: test/fixtures/rules/memory-request-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('memory-request-missing', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'noMemoryRequest',
          data: { container: 'Container "web"' },
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 20,
          severity: 'warning',
          fix: 'Add requests.memory: 128Mi',
        },
        {
          messageId: 'noMemoryRequestDefaultsToLimit',
          data: { container: 'Container "limited"', limitText: '256Mi' },
          line: 19,
          column: 11,
          endLine: 21,
          endColumn: 59,
          severity: 'warning',
          fix: 'Add requests.memory: 256Mi (the limit)',
        },
        {
          messageId: 'noMemoryRequest',
          data: { container: 'Init container "init"' },
          line: 26,
          column: 13,
          endLine: 27,
          endColumn: 24,
          severity: 'warning',
          fix: 'Add requests.memory: 128Mi',
        },
        {
          messageId: 'noMemoryRequest',
          data: { container: 'Container "flow"' },
          line: 'pod-shapes+7',
          column: 34,
          endLine: 'pod-shapes+7',
          endColumn: 63,
          severity: 'warning',
          fix: 'Add requests.memory: 128Mi',
        },
        {
          messageId: 'noMemoryRequest',
          data: { container: 'Container "empty"' },
          line: 'pod-shapes+10',
          column: 7,
          endLine: 'pod-shapes+10',
          endColumn: 20,
          severity: 'warning',
          fix: 'Add requests.memory: 128Mi',
        },
        {
          messageId: 'noMemoryRequest',
          data: { container: 'Container "null-resources"' },
          line: 'pod-shapes+13',
          column: 7,
          endLine: 'pod-shapes+13',
          endColumn: 17,
          severity: 'warning',
          fix: 'Add requests.memory: 128Mi',
        },
        {
          messageId: 'noMemoryRequest',
          data: { container: 'Container "null-cpu"' },
          line: 'pod-shapes+17',
          column: 9,
          endLine: 'pod-shapes+19',
          endColumn: 20,
          severity: 'warning',
          fix: 'Add requests.memory: 128Mi',
        },
        {
          messageId: 'noMemoryRequest',
          data: { container: 'Container "job"' },
          line: 'cronjob-nightly+13',
          column: 15,
          endLine: 'cronjob-nightly+13',
          endColumn: 24,
          severity: 'warning',
          fix: 'Add requests.memory: 128Mi',
        },
      ],
    },
  ],
});
