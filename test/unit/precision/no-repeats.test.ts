/**
 * Messages never repeat a list entry: a port or a class named five times is named once.
 * The fixture names each entry several times; every message must name it exactly once, in first-seen order.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { distinct } from '../../../server/src/model/text';
import { lint } from '../../support/lint';
import { repoRoot } from '../../support/rule-fixtures';

const text = readFileSync(join(repoRoot(), 'test', 'fixtures', 'precision', 'no-repeats.yaml'), 'utf8');
const STRICT = { profile: 'strict' as const };

function messageOf(rule: string): string {
  const ds = lint(text, [rule], STRICT);
  assert.equal(ds.length, 1, `${rule}: ${ds.map((d) => d.message).join('\n')}`);
  return ds[0].message;
}

const count = (message: string, entry: string): number => message.split(entry).length - 1;

test('distinct keeps the first occurrence of each entry, in order', () => {
  assert.deepEqual(distinct(['b', 'a', 'b', 'c', 'a']), ['b', 'a', 'c']);
});

test('service-external-ips names each address once', () => {
  const m = messageOf('service-external-ips');
  assert.equal(count(m, '203.0.113.7'), 1, m);
  assert.match(m, /203\.0\.113\.7, 198\.51\.100\.2/);
});

test('rbac-exec-attach names pods/exec once', () => {
  const m = messageOf('rbac-exec-attach');
  assert.equal(count(m, 'pods/exec'), 1, m);
});

test('rbac-secrets-access names each verb once', () => {
  const m = messageOf('rbac-secrets-access');
  assert.match(m, /subjects get all secrets/, m);
});

test('rbac-escalation-verbs names each verb once', () => {
  const m = messageOf('rbac-escalation-verbs');
  for (const v of ['escalate (', 'bind (']) assert.equal(count(m, v), 1, m);
});

test('rbac-cluster-admin-binding names each subject once', () => {
  const m = messageOf('rbac-cluster-admin-binding');
  assert.equal(count(m, 'alice'), 1, m);
  assert.match(m, /User alice, User bob/);
  assert.doesNotMatch(m, /more/);
});

test('selector-template-mismatch names each expression value once', () => {
  const m = messageOf('selector-template-mismatch');
  assert.equal(count(m, 'backend'), 1, m);
  assert.match(m, /\(backend, edge\)/);
});
