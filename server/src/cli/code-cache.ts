/**
 * The CLI bundle with a V8 code cache built beside it at build time (server/out/cli-main.cache, made by
 * ./code-cache-train.ts from a lint of the examples). A `kubewise` process otherwise spends a tenth of a lint of a
 * big file compiling: parsing the 4 MB bundle, then each function the first time it runs. With the cache, V8 takes
 * the bytecode of every function the training run used as it was compiled then.
 *
 * The cache is only ever read here: nothing is written on the user's machine. It is used when its header names this
 * exact bundle (its length and CRC-32) and its payload is intact (CRC-32 too: V8 itself checks the payload's length
 * and its own version and flags, not its content); V8 then still rejects it when it comes from another V8 version or
 * other flags (a Node version other than the build's, `--max-semi-space-size`, …). In every such case the bundle is
 * compiled as without a cache: slower, never different. CRC-32 rather than a cryptographic hash: it guards against
 * accidents (a rebuilt bundle, a damaged file), not attacks (whoever can write the cache can write the bundle), and
 * costs a third of SHA-1 over the 4 MB bundle on every start. A Node without `zlib.crc32` (before 20.15) compiles
 * without the cache.
 */
import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

const MAGIC = 'kubewise-code-cache 2\n';
/** A header line: eight hex digits of CRC-32, a space, the length in bytes as twelve decimal digits. */
const LINE_LENGTH = 8 + 1 + 12 + 1;
const HEADER_LENGTH = MAGIC.length + 2 * LINE_LENGTH;

/** What became of the cache: used, turned down by V8, not for this bundle (or damaged), or not there. */
export type CacheStatus = 'accepted' | 'rejected' | 'mismatch' | 'absent';

export interface CompiledBundle {
  readonly script: Script;
  readonly status: CacheStatus;
}

/** `zlib.crc32` where Node has it (20.15 and later). */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** A header line naming `bytes`; undefined without `zlib.crc32`. */
function checkLine(bytes: Uint8Array): string | undefined {
  if (!crc32) return undefined;
  return `${crc32(bytes).toString(16).padStart(8, '0')} ${String(bytes.length).padStart(12, '0')}\n`;
}

/**
 * The bundle's text as CommonJS wraps a module (one line longer at the end only, so that line numbers and source
 * maps still match): a function of exports, require, module, __filename and __dirname. The build keeps the bundle
 * ASCII (esbuild.mjs), and ASCII decodes as Latin-1 at half the cost of UTF-8.
 */
function wrap(bundle: Buffer): string {
  const text = isAscii(bundle) ? bundle.toString('latin1') : bundle.toString('utf8');
  return `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
}

/** The V8 cache data in a cache file, when the file is for this bundle and intact. */
export function cachedDataFor(bundle: Buffer, file: Buffer): Buffer | undefined {
  if (file.length < HEADER_LENGTH || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const header = file.toString('latin1', MAGIC.length, HEADER_LENGTH);
  const data = file.subarray(HEADER_LENGTH);
  const bundleLine = checkLine(bundle);
  if (!bundleLine || header !== `${bundleLine}${checkLine(data)}`) return undefined;
  return data;
}

/** A cache file for `bundle` holding V8's cache data (needs `zlib.crc32`: only the build makes one). */
export function cacheFile(bundle: Buffer, data: Buffer): Buffer {
  const bundleLine = checkLine(bundle);
  if (!bundleLine) throw new Error('a code cache needs zlib.crc32 (Node 20.15 or later)');
  return Buffer.concat([Buffer.from(`${MAGIC}${bundleLine}${checkLine(data)}`, 'latin1'), data]);
}

/** Compiles the bundle at `bundlePath`, with the cache at `cachePath` when it is there and fits. */
export function compileBundle(bundlePath: string, cachePath: string | undefined): CompiledBundle {
  const bundle = readFileSync(bundlePath);
  let file: Buffer | undefined;
  try {
    if (cachePath) file = readFileSync(cachePath);
  } catch {
    // no cache (a build that skipped it, an unusual install): compile as usual
  }
  const cachedData = file && cachedDataFor(bundle, file);
  const script = new Script(wrap(bundle), { filename: bundlePath, ...(cachedData && { cachedData }) });
  const status: CacheStatus = !file
    ? 'absent'
    : !cachedData
      ? 'mismatch'
      : script.cachedDataRejected
        ? 'rejected'
        : 'accepted';
  return { script, status };
}

/**
 * Runs the compiled bundle as the module `startFile` (the `kubewise` script that loaded it): its `__filename` is
 * that script, so worker threads it starts (`new Worker(__filename)`) come in through the cache as well. The bundle
 * requires only Node's own modules.
 */
export function runBundle(compiled: CompiledBundle, bundlePath: string, startFile: string): void {
  const fn = compiled.script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  fn.call(module.exports, module.exports, createRequire(bundlePath), module, startFile, dirname(startFile));
}

/**
 * Writes the cache of a bundle that has run (build time only: see ./code-cache-train.ts). Taken after the run, it
 * holds every function compiled so far, not only those compiled before the first line ran.
 */
export function writeCache(compiled: CompiledBundle, bundlePath: string, cachePath: string): void {
  writeFileSync(cachePath, cacheFile(readFileSync(bundlePath), compiled.script.createCachedData()));
}
