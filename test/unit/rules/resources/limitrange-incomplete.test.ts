import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'limitrange-incomplete';
const run = (text: string) => lint(text, [ID]);

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

// The fixtures as a table: test/fixtures/rules/limitrange-incomplete/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('limitrange-incomplete', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'containerEntryMissing',
          data: { missing: 'defaultRequest.cpu, defaultRequest.memory, default.cpu, default.memory' },
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 22,
          severity: 'info',
          fix: 'Add defaultRequest.cpu, defaultRequest.memory, default.cpu, default.memory',
        },
        {
          messageId: 'noContainerLimits',
          data: { limitRange: 'LimitRange "storage-only"' },
          line: 'limitrange-storage-only+6',
          column: 3,
          endLine: 'limitrange-storage-only+6',
          endColumn: 9,
          severity: 'info',
          fix: 'Add a Container entry with defaults and a maximum',
        },
        {
          messageId: 'noContainerLimits',
          data: { limitRange: 'LimitRange "empty"' },
          line: 'limitrange-empty+5',
          column: 1,
          endLine: 'limitrange-empty+5',
          endColumn: 5,
          severity: 'info',
          fix: 'Add a Container entry with defaults and a maximum',
        },
      ],
    },
  ],
});
