import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'ephemeral-storage-missing';
const strict = (text: string) => lint(text, [ID], { profile: 'strict' });

test('off by default, a warning in strict', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: [],
    strict: ['warning'],
  });
});

test('one diagnostic per container says what is missing', () => {
  assert.deepEqual(
    strict(readFixture(ID, 'fire')).map((d) => `${where(d)} ${d.message}`),
    [
      '10:11-10:22 Container "agent" has no ephemeral-storage request or limit.',
      '14:11-16:63 Container "logs" has no ephemeral-storage limit.',
      '19:11-20:45 Container "cache" has no ephemeral-storage request.',
      '23:23-23:44 Container "flow" has no ephemeral-storage request or limit.',
    ],
  );
  assert.deepEqual(strict(readFixture(ID, 'pass')), []);
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
