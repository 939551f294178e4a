/**
 * The CLI bundle's code cache (server/src/cli/code-cache.ts): used only for the bundle it was made from (by the id the
 * build stamps on it) and while intact, turned down by V8 when it does not fit or its data is damaged, and in every
 * case the bundle runs the same.
 */
import { strict as assert } from 'node:assert';
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { after, test } from 'node:test';
import type { CompiledBundle } from '../../server/src/cli/code-cache';
import {
  bundleIdOf,
  cacheFile,
  compileBundle,
  MODULE_WRAPPER_START,
  runBundle,
  writeCache,
} from '../../server/src/cli/code-cache';
import { stampBundle } from '../../server/src/cli/code-cache-stamp';
import { DEPLOY, ensureBuilt, kubewiseProcess, ROOT, workspace } from './helpers';

const ws = workspace({ 'deploy.yaml': DEPLOY });
/** This module as the tests load it, for probes in other processes. */
const CODE_CACHE = join(ROOT, 'test/out/server/src/cli/code-cache.js');
after(() => ws.cleanup());

/** A small bundle, stamped as the build stamps: it records what it ran as, and a function compiled only when called. */
function bundleText(answer: string): string {
  return stampBundle(`globalThis.codeCacheTest = { filename: __filename, answer: () => ${JSON.stringify(answer)} };\n`);
}

function runIt(compiled: CompiledBundle): { filename: string; answer: string } {
  runBundle(compiled, join(ws.dir, 'start.js'), require);
  const out = (globalThis as { codeCacheTest?: { filename: string; answer(): string } }).codeCacheTest!;
  return { filename: out.filename, answer: out.answer() };
}

/**
 * Compiles and runs a bundle in a new process: V8 consults a cache only for a source it has not compiled yet, and
 * this process may have compiled it.
 */
function inNewProcess(bundle: string, cache: string): { status: string; answer: string } {
  const probe = `const c = require(${JSON.stringify(CODE_CACHE)});
    const compiled = c.compileBundle(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
    c.runBundle(compiled, __filename, require);
    process.stdout.write(JSON.stringify({ status: compiled.status, answer: globalThis.codeCacheTest.answer() }));`;
  const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { status: string; answer: string };
}

test('a cache made after a run is accepted for the same bundle, and the bundle runs as the start script', () => {
  const bundle = join(ws.dir, 'accepted.js');
  const cache = `${bundle}.cache`;
  writeFileSync(bundle, bundleText('first'));
  const fresh = compileBundle(bundle, cache);
  assert.equal(fresh.status, 'absent');
  assert.deepEqual(runIt(fresh), { filename: join(ws.dir, 'start.js'), answer: 'first' });
  writeCache(fresh, bundle, cache);
  assert.deepEqual(inNewProcess(bundle, cache), { status: 'accepted', answer: 'first' });
});

test('a bundle written as a wrapped module (as the build writes the CLI) runs as one, not as a function left uncalled', () => {
  const bundle = join(ws.dir, 'wrapped.js');
  const cache = `${bundle}.cache`;
  const body = `globalThis.codeCacheTest = { filename: __filename, answer: () => 'wrapped' };`;
  writeFileSync(bundle, stampBundle(`${MODULE_WRAPPER_START}\n${body}\n})\n`));
  delete (globalThis as { codeCacheTest?: unknown }).codeCacheTest;
  const fresh = compileBundle(bundle, cache);
  assert.deepEqual(runIt(fresh), { filename: join(ws.dir, 'start.js'), answer: 'wrapped' });
  writeCache(fresh, bundle, cache);
  assert.deepEqual(inNewProcess(bundle, cache), { status: 'accepted', answer: 'wrapped' });
});

test('a cache of another bundle of the same length is not used: the new bundle runs', () => {
  // V8 itself compares only the source's length: without the header's hash, the old bytecode would run.
  const bundle = join(ws.dir, 'changed.js');
  const cache = `${bundle}.cache`;
  writeFileSync(bundle, bundleText('older'));
  const old = compileBundle(bundle, cache);
  runIt(old);
  writeCache(old, bundle, cache);
  writeFileSync(bundle, bundleText('newer'));
  const compiled = compileBundle(bundle, cache);
  assert.equal(compiled.status, 'mismatch');
  assert.equal(runIt(compiled).answer, 'newer');
});

test('a damaged cache is not used, and one V8 turns down is compiled without: the bundle runs the same', () => {
  const bundle = join(ws.dir, 'damaged.js');
  const cache = `${bundle}.cache`;
  writeFileSync(bundle, bundleText('intact'));
  const first = compileBundle(bundle, cache);
  runIt(first);
  writeCache(first, bundle, cache);
  const good = readFileSync(cache);
  assert.deepEqual(inNewProcess(bundle, cache), { status: 'accepted', answer: 'intact' });

  // a damaged header (the bundle's id) or a cut file: not for this bundle
  const header = Buffer.from(good);
  header[good.indexOf(bundleIdOf(readFileSync(bundle))!)] ^= 0x01;
  writeFileSync(cache, header);
  const damaged = compileBundle(bundle, cache);
  assert.equal(damaged.status, 'mismatch');
  assert.equal(runIt(damaged).answer, 'intact');
  writeFileSync(cache, good.subarray(0, good.length - 1));
  assert.deepEqual(inNewProcess(bundle, cache), { status: 'mismatch', answer: 'intact' });

  // damaged data: V8 verifies its checksum and turns it down
  const data = Buffer.from(good);
  data[data.length - 10] ^= 0xff;
  writeFileSync(cache, data);
  assert.deepEqual(inNewProcess(bundle, cache), { status: 'rejected', answer: 'intact' });

  // a well-formed file for this bundle holding V8 data of another script: V8's own checks turn it down
  const other = new Script('(function () { return 1; })');
  writeFileSync(cache, cacheFile(readFileSync(bundle), other.createCachedData()));
  assert.deepEqual(inNewProcess(bundle, cache), { status: 'rejected', answer: 'intact' });
});

test('a bundle without the stamp gets no cache, and a stamp is one last line made from the content', () => {
  const bare = 'globalThis.codeCacheTest = { filename: __filename, answer: () => "bare" };\n';
  assert.equal(bundleIdOf(Buffer.from(bare)), undefined);
  assert.throws(() => cacheFile(Buffer.from(bare), Buffer.from('data')), /stamped bundle/);
  const bundle = join(ws.dir, 'bare.js');
  writeFileSync(bundle, bare);
  // a cache written for the stamped text does not fit the same text unstamped
  writeFileSync(`${bundle}.cache`, cacheFile(Buffer.from(stampBundle(bare)), Buffer.from('data')));
  assert.equal(compileBundle(bundle, `${bundle}.cache`).status, 'mismatch');

  const stamped = stampBundle(bare);
  assert.ok(stamped.startsWith(bare));
  assert.match(stamped.slice(bare.length), /^\/\/# kubewise-bundle [0-9a-f]{16}\n$/);
  assert.equal(stampBundle(stamped), stamped, 'stamping again changes nothing');
  assert.equal(stampBundle(bare.slice(0, -1)), stamped, 'a missing last newline is added first');
  const other = stampBundle(bare.replace('bare', 'baRe'));
  assert.notEqual(bundleIdOf(Buffer.from(other)), bundleIdOf(Buffer.from(stamped)));
  // stamping an edited stamped bundle replaces its stamp
  const edited = stampBundle(stamped.replace('bare', 'BARE'));
  assert.equal(edited.match(/kubewise-bundle/g)?.length, 1);
  assert.notEqual(bundleIdOf(Buffer.from(edited)), bundleIdOf(Buffer.from(stamped)));
});

test('a bundle that is not ASCII is read as UTF-8, with its cache as without', () => {
  const bundle = join(ws.dir, 'utf8.js');
  const cache = `${bundle}.cache`;
  writeFileSync(bundle, bundleText('≤ 1 Gi → ok'));
  const first = compileBundle(bundle, cache);
  assert.equal(runIt(first).answer, '≤ 1 Gi → ok');
  writeCache(first, bundle, cache);
  assert.deepEqual(inNewProcess(bundle, cache), { status: 'accepted', answer: '≤ 1 Gi → ok' });
});

test('the built CLI bundle is ASCII (read as Latin-1, half the cost of UTF-8), stamped, and already wrapped', () => {
  ensureBuilt();
  const bundle = readFileSync(join(ROOT, 'server/out/cli-main.js'));
  assert.ok(isAscii(bundle));
  assert.ok(bundleIdOf(bundle));
  // so that V8 compiles the text as read (outside its heap), not a copy with the wrapper joined on
  assert.equal(bundle.toString('latin1', 0, MODULE_WRAPPER_START.length), MODULE_WRAPPER_START);
});

test('the built CLI ships a cache that kubewise, with its V8 settings, accepts (KUBEWISE_DEBUG says so)', () => {
  ensureBuilt();
  const r = spawnSync(process.execPath, [join(ROOT, 'server/out/cli.js'), '--version'], {
    encoding: 'utf8',
    env: { ...process.env, KUBEWISE_DEBUG: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, 'kubewise: code cache accepted\n');
});

test('kubewise with a damaged or missing cache prints the same as with its own', () => {
  ensureBuilt();
  const args = ['lint', '--format', 'json', 'deploy.yaml'];
  const expected = kubewiseProcess(args, { cwd: ws.dir });
  assert.equal(expected.code, 0, expected.stderr);
  assert.match(expected.stdout, /cpu-request-missing/);
  // a copy of the installed package: package.json two folders up, the script, the bundle and a damaged cache
  const pkg = join(ws.dir, 'pkg');
  mkdirSync(join(pkg, 'server', 'out'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  for (const f of ['cli.js', 'cli-main.js']) copyFileSync(join(ROOT, 'server/out', f), join(pkg, 'server/out', f));
  const cache = readFileSync(join(ROOT, 'server/out/cli-main.cache'));
  cache[cache.length >> 1] ^= 0xff;
  const cli = join(pkg, 'server', 'out', 'cli.js');
  const runCopy = () => spawnSync(process.execPath, [cli, ...args], { cwd: ws.dir, encoding: 'utf8' });
  const missing = runCopy();
  writeFileSync(join(pkg, 'server/out/cli-main.cache'), cache);
  const damaged = runCopy();
  for (const r of [missing, damaged]) {
    assert.deepEqual({ code: r.status, stdout: r.stdout, stderr: r.stderr }, expected);
  }
});
