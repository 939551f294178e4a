/**
 * The CLI bundle with a V8 code cache built beside it at build time (server/out/cli-main.cache, made by
 * ./code-cache-train.ts from a lint of the examples). A `kubewise` process otherwise spends a tenth of a lint of a
 * big file compiling: parsing the 4 MB bundle, then each function the first time it runs. With the cache, V8 takes
 * the bytecode of every function the training run used as it was compiled then.
 *
 * The cache is only ever read here: nothing is written on the user's machine. It is used when its header names this
 * exact bundle and the length of the data that follows, and V8 then checks the rest: its own version and flags, the
 * source's length, and a checksum of the data (`--verify-snapshot-checksum`, set before the cache is made and before
 * it is read: see `CACHE_FLAGS`). In every other case (a cache of another build, a damaged file, another Node) the
 * bundle is compiled as without a cache: slower, never different.
 *
 * Which bundle a cache belongs to: the build stamps the bundle with an id made from its content, on its last line
 * (./code-cache-stamp.ts), and the cache's header repeats it. A start reads that line rather than hashing the 3 MB
 * bundle, and loads no hashing module: CRC-32s of both files by `node:zlib` (loading it, then hashing) were 2 % of a
 * lint of a big file. The id says which build made the bundle; an edit of the built bundle by hand keeps the old id,
 * and then only V8's length check stands between it and the old bytecode (`npm run build` makes both anew).
 */
import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

const MAGIC = 'kubewise-code-cache 3\n';
/** The header line: the bundle's id (sixteen hex digits), a space, the data's length as twelve decimal digits. */
const HEADER_LENGTH = MAGIC.length + 16 + 1 + 12 + 1;

/** The last line of a stamped bundle: this, then its id (./code-cache-stamp.ts). */
export const BUNDLE_ID_PREFIX = '//# kubewise-bundle ';
const BUNDLE_ID_LINE = /\/\/# kubewise-bundle ([0-9a-f]{16})\n$/;

/**
 * V8 flags set before a cache is made and before one is read (V8 turns down a cache made under other flags): with
 * this one V8 writes a checksum of the cache data and verifies it, natively and in well under a millisecond. The flag
 * is process-wide, so V8 also verifies its startup snapshot for each worker thread started later (`--jobs`): about
 * 3 ms per worker, measured, against runs of a second or more that use them.
 */
export const CACHE_FLAGS = '--verify-snapshot-checksum';

/** What became of the cache: used, turned down by V8, not for this bundle (or damaged), or not there. */
export type CacheStatus = 'accepted' | 'rejected' | 'mismatch' | 'absent';

export interface CompiledBundle {
  readonly script: Script;
  readonly status: CacheStatus;
}

/** The id a stamped bundle ends with; undefined for a bundle without one. */
export function bundleIdOf(bundle: Buffer): string | undefined {
  const tail = bundle.toString('latin1', Math.max(0, bundle.length - BUNDLE_ID_PREFIX.length - 17));
  return BUNDLE_ID_LINE.exec(tail)?.[1];
}

/** The header line naming the bundle with id `id` and cache data of `length` bytes. */
function headerLine(id: string, length: number): string {
  return `${id} ${String(length).padStart(12, '0')}\n`;
}

/** How a module's text begins once CommonJS has wrapped it: a function of exports, require, module, __filename, __dirname. */
export const MODULE_WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';

/**
 * The bundle's text as V8 compiles it: the function CommonJS makes of a module. The build writes the CLI bundle
 * that way already (esbuild.mjs: the wrapper's first line above the code, `})` below it), so that V8 compiles the
 * text as read: Node keeps a decoded text of more than a megabyte outside V8's heap, where a wrapper joined here
 * made V8 copy all 3 MB onto its heap at every start (as large objects, which count toward its first full
 * collection). A bundle without the wrapper (the tests' small ones) is wrapped here, on the first line, so that line
 * numbers and source maps still match. The build keeps the bundle ASCII (esbuild.mjs), and ASCII decodes as Latin-1
 * at half the cost of UTF-8.
 */
function sourceOf(bundle: Buffer): string {
  const text = isAscii(bundle) ? bundle.toString('latin1') : bundle.toString('utf8');
  return text.startsWith(MODULE_WRAPPER_START) ? text : `${MODULE_WRAPPER_START}${text}\n})`;
}

/** The V8 cache data in a cache file, when the file is for this bundle and whole (V8 checks the data itself). */
export function cachedDataFor(bundle: Buffer, file: Buffer): Buffer | undefined {
  if (file.length < HEADER_LENGTH || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const id = bundleIdOf(bundle);
  const data = file.subarray(HEADER_LENGTH);
  if (!id || file.toString('latin1', MAGIC.length, HEADER_LENGTH) !== headerLine(id, data.length)) return undefined;
  return data;
}

/** A cache file for `bundle` (which must be stamped) holding V8's cache data. */
export function cacheFile(bundle: Buffer, data: Buffer): Buffer {
  const id = bundleIdOf(bundle);
  if (!id) throw new Error('a code cache is made for a stamped bundle only (see code-cache-stamp.ts)');
  return Buffer.concat([Buffer.from(`${MAGIC}${headerLine(id, data.length)}`, 'latin1'), data]);
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
  setFlagsFromString(CACHE_FLAGS);
  const script = new Script(sourceOf(bundle), { filename: bundlePath, ...(cachedData && { cachedData }) });
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
 * Runs the compiled bundle as the module `startFile` (the `kubewise` script that loaded it), with that script's
 * `require`: the bundle requires only Node's own modules (a `require` made for the bundle's path would load
 * `node:module` first, for nothing). Its `__filename` is the start script, so worker threads it starts
 * (`new Worker(__filename)`) come in through the cache as well.
 */
export function runBundle(compiled: CompiledBundle, startFile: string, startRequire: NodeJS.Require): void {
  const fn = compiled.script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  fn.call(module.exports, module.exports, startRequire, module, startFile, dirname(startFile));
}

/**
 * Writes the cache of a bundle that has run (build time only: see ./code-cache-train.ts). Taken after the run, it
 * holds every function compiled so far, not only those compiled before the first line ran.
 */
export function writeCache(compiled: CompiledBundle, bundlePath: string, cachePath: string): void {
  writeFileSync(cachePath, cacheFile(readFileSync(bundlePath), compiled.script.createCachedData()));
}
