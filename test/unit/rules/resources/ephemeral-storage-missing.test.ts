import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'ephemeral-storage-missing';
const strict = (text: string) => lint(text, [ID], { profile: 'strict' });

test('off by default, a warning in strict', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: [],
    strict: ['warning'],
  });
});

test('one fix inserts both request and limit, in block and flow style', () => {
  const text = readFixture(ID, 'fire');
  const ds = strict(text);
  assert.match(
    applyFix(text, ds[0]),
    /image: example\/agent:2\n {10}resources:\n {12}requests:\n {14}ephemeral-storage: 1Gi # TODO: set from measured usage\n {12}limits:\n {14}ephemeral-storage: 2Gi # TODO: set from measured usage\n {8}- name: logs/,
  );
  assert.match(
    applyFix(text, ds[1]),
    /ephemeral-storage: 500Mi # the limit starts here\n {12}limits:\n {14}ephemeral-storage: 500Mi\n/,
  );
  assert.match(
    applyFix(text, ds[2]),
    /limits: \{ephemeral-storage: 4Gi\}\n {12}requests:\n {14}ephemeral-storage: 4Gi\n/,
  );
  assert.match(
    applyFix(text, ds[3]),
    /resources: \{requests: \{cpu: 100m, ephemeral-storage: 1Gi # TODO: set from measured usage\n {12}\}, limits: \{ephemeral-storage: 2Gi\} # TODO: set from measured usage\n {12}\}\n$/,
  );
  assert.deepEqual(strict(fixAllText(text, [ID], { profile: 'strict' })), []);
});

test('inserting several keys into `{}` and at the end of a text without a final newline', () => {
  const base = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n';
  const [d1] = strict(base + '      resources: {}\n');
  assert.equal(
    applyFix(base + '      resources: {}\n', d1),
    base + '      resources: {requests: {ephemeral-storage: 1Gi}, limits: {ephemeral-storage: 2Gi}}\n',
  );
  const text = base + '      resources:\n        requests:\n          cpu: 1';
  const [d2] = strict(text);
  assert.equal(
    applyFix(text, d2),
    base +
      '      resources:\n        requests:\n          cpu: 1\n          ephemeral-storage: 1Gi # TODO: set from measured usage\n        limits:\n          ephemeral-storage: 2Gi # TODO: set from measured usage\n',
  );
});

// The fixtures as a table: test/fixtures/rules/ephemeral-storage-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('ephemeral-storage-missing', {
  valid: [{ code: fixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: fixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'noEphemeralStorage',
          data: { container: 'Container "agent"' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 22,
          severity: 'warning',
          fix: 'Add request and limit for ephemeral-storage',
        },
        {
          messageId: 'noEphemeralStorageLimit',
          data: { container: 'Container "logs"' },
          line: 14,
          column: 11,
          endLine: 16,
          endColumn: 63,
          severity: 'warning',
          fix: 'Add limit for ephemeral-storage',
        },
        {
          messageId: 'noEphemeralStorageRequest',
          data: { container: 'Container "cache"' },
          line: 19,
          column: 11,
          endLine: 20,
          endColumn: 45,
          severity: 'warning',
          fix: 'Add request for ephemeral-storage',
        },
        {
          messageId: 'noEphemeralStorage',
          data: { container: 'Container "flow"' },
          line: 23,
          column: 23,
          endLine: 23,
          endColumn: 44,
          severity: 'warning',
          fix: 'Add request and limit for ephemeral-storage',
        },
      ],
    },
  ],
});
