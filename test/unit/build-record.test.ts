/**
 * The record that lets `npm run build` skip bundling when nothing changed (scripts/build-record.mjs, used by
 * esbuild.mjs): a build counts as current only while its recipe, the content of every input and every output are as
 * they were recorded. Driven on scratch files (the module is ES, so a child process imports it).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { repoRoot } from '../support/paths';

const work = mkdtempSync(join(tmpdir(), 'kubewise-build-record-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Each step changes the scratch files, then says whether the recorded build is current. */
const SCENARIO = `
import { isCurrent, writeRecord } from ${JSON.stringify(pathToFileURL(join(repoRoot, 'scripts', 'build-record.mjs')).href)};
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
const seen = {};
const step = (name, change, recipe = 'recipe 1') => { change(); seen[name] = isCurrent('record.json', recipe); };
writeFileSync('a.ts', 'export const a = 1;\\n');
writeFileSync('b.ts', 'export const b = 2;\\n');
writeFileSync('out.js', 'bundle\\n');
step('never built', () => {});
step('recorded', () => writeRecord('record.json', 'recipe 1', new Set(['a.ts', 'b.ts']), new Set(['out.js'])));
step('an input touched, same content', () => utimesSync('a.ts', new Date(0), new Date(0)));
step('an input edited', () => writeFileSync('a.ts', 'export const a = 10;\\n'));
step('the edit undone', () => writeFileSync('a.ts', 'export const a = 1;\\n'));
step('another recipe', () => {}, 'recipe 2');
step('an input deleted', () => rmSync('b.ts'));
step('the input back', () => writeFileSync('b.ts', 'export const b = 2;\\n'));
step('the output rewritten', () => writeFileSync('out.js', 'bundled again, longer\\n'));
step('recorded again', () => writeRecord('record.json', 'recipe 1', new Set(['a.ts', 'b.ts']), new Set(['out.js'])));
step('the output deleted', () => rmSync('out.js'));
step('the record unreadable', () => { writeFileSync('out.js', 'x'); writeFileSync('record.json', '{'); });
console.log(JSON.stringify(seen));
`;

test('a recorded build is current until its recipe, an input (by content) or an output changes', () => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCENARIO], { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    'never built': false,
    recorded: true,
    'an input touched, same content': true,
    'an input edited': false,
    'the edit undone': true,
    'another recipe': false,
    'an input deleted': false,
    'the input back': true,
    'the output rewritten': false,
    'recorded again': true,
    'the output deleted': false,
    'the record unreadable': false,
  });
});
