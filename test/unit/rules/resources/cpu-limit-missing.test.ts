import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'cpu-limit-missing';
const strict = (text: string) => lint(text, [ID], { profile: 'strict' });

test('off by default; on as a warning in strict or when set', () => {
  const text = readFixture(ID, 'fire');
  assert.deepEqual(severitiesByProfile(text, ID), { minimal: [], recommended: [], strict: ['warning'] });
  assert.equal(lint(text, [ID], { rules: { [ID]: 'info' } })[0].severity, 'info');
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

// The fixtures as a table: test/fixtures/rules/cpu-limit-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('cpu-limit-missing', {
  valid: [{ code: fixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: fixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'noCpuLimit',
          data: { container: 'Container "db"' },
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 19,
          severity: 'warning',
          fix: 'Add limits.cpu: 500m',
        },
        {
          messageId: 'noCpuLimit',
          data: { container: 'Container "exporter"' },
          line: 19,
          column: 11,
          endLine: 22,
          endColumn: 27,
          severity: 'warning',
          fix: 'Add limits.cpu: 100m (the request)',
        },
        {
          messageId: 'noCpuLimit',
          data: { container: 'Container "flow"' },
          line: 'pod-shapes+7',
          column: 34,
          endLine: 'pod-shapes+7',
          endColumn: 65,
          severity: 'warning',
          fix: 'Add limits.cpu: 1 (the request)',
        },
        {
          messageId: 'noCpuLimit',
          data: { container: 'Container "empty"' },
          line: 'pod-shapes+10',
          column: 7,
          endLine: 'pod-shapes+10',
          endColumn: 20,
          severity: 'warning',
          fix: 'Add limits.cpu: 500m',
        },
        {
          messageId: 'noCpuLimit',
          data: { container: 'Container "null-cpu"' },
          line: 'pod-shapes+14',
          column: 9,
          endLine: 'pod-shapes+15',
          endColumn: 15,
          severity: 'warning',
          fix: 'Add limits.cpu: 500m',
        },
        {
          messageId: 'noCpuLimit',
          data: { container: 'Container "a"' },
          line: 'pod-merged+12',
          column: 7,
          endLine: 'pod-merged+13',
          endColumn: 29,
          severity: 'warning',
          fix: 'Add limits.cpu: 10m (the request)',
        },
        {
          messageId: 'noCpuLimit',
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
