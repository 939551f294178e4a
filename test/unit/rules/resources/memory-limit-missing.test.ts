import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'memory-limit-missing';
const run = (text: string) => lint(text, [ID]);

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

// The fixtures as a table: test/fixtures/rules/memory-limit-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('memory-limit-missing', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'noMemoryLimit',
          data: { container: 'Container "db"' },
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 19,
          severity: 'warning',
          fix: 'Add limits.memory: 512Mi',
        },
        {
          messageId: 'noMemoryLimit',
          data: { container: 'Container "exporter"' },
          line: 19,
          column: 11,
          endLine: 22,
          endColumn: 23,
          severity: 'warning',
          fix: 'Add limits.memory: 64Mi (the request)',
        },
        {
          messageId: 'noMemoryLimit',
          data: { container: 'Container "flow"' },
          line: 'pod-shapes+7',
          column: 34,
          endLine: 'pod-shapes+7',
          endColumn: 70,
          severity: 'warning',
          fix: 'Add limits.memory: 1Gi (the request)',
        },
        {
          messageId: 'noMemoryLimit',
          data: { container: 'Container "empty"' },
          line: 'pod-shapes+10',
          column: 7,
          endLine: 'pod-shapes+10',
          endColumn: 20,
          severity: 'warning',
          fix: 'Add limits.memory: 512Mi',
        },
        {
          messageId: 'noMemoryLimit',
          data: { container: 'Container "null-memory"' },
          line: 'pod-shapes+14',
          column: 9,
          endLine: 'pod-shapes+15',
          endColumn: 18,
          severity: 'warning',
          fix: 'Add limits.memory: 512Mi',
        },
        {
          messageId: 'noMemoryLimit',
          data: { container: 'Container "a"' },
          line: 'pod-merged+12',
          column: 7,
          endLine: 'pod-merged+13',
          endColumn: 33,
          severity: 'warning',
          fix: 'Add limits.memory: 32Mi (the request)',
        },
        {
          messageId: 'noMemoryLimit',
          data: { container: 'Container "b"' },
          line: 'pod-merged+15',
          column: 7,
          endLine: 'pod-merged+15',
          endColumn: 14,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
