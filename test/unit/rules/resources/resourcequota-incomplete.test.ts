import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'resourcequota-incomplete';
const run = (text: string) => lint(text, [ID]);

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

// The fixtures as a table: test/fixtures/rules/resourcequota-incomplete/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('resourcequota-incomplete', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'quotaLeavesUnbounded',
          data: { quota: 'ResourceQuota "compute"', list: 'requests.memory, limits.cpu' },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 7,
          severity: 'info',
          fix: 'Add requests.memory, limits.cpu to spec.hard',
        },
        {
          messageId: 'quotaLeavesUnbounded',
          data: { quota: 'ResourceQuota "no-hard"', list: 'requests.cpu, requests.memory, limits.cpu, limits.memory' },
          line: 'resourcequota-no-hard+5',
          column: 1,
          endLine: 'resourcequota-no-hard+5',
          endColumn: 5,
          severity: 'info',
          fix: 'Add requests.cpu, requests.memory, limits.cpu, limits.memory to spec.hard',
        },
        {
          messageId: 'quotaLeavesUnbounded',
          data: { quota: 'ResourceQuota "flow"', list: 'requests.cpu, limits.cpu, limits.memory' },
          line: 'resourcequota-flow+6',
          column: 3,
          endLine: 'resourcequota-flow+6',
          endColumn: 7,
          severity: 'info',
          fix: 'Add requests.cpu, limits.cpu, limits.memory to spec.hard',
        },
      ],
    },
  ],
});
