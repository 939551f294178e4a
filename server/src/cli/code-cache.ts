/**
 * The CLI bundle with a V8 code cache built beside it at build time (server/out/cli-main.cache, made by
 * ./code-cache-train.ts from a lint of the examples). A `kubewise` process otherwise spends a tenth of a lint of a
 * big file compiling: parsing the 4 MB bundle, then each function the first time it runs. With the cache, V8 takes
 * the bytecode of every function the training run used as it was compiled then.
 *
 * The cache is only ever read here: nothing is written on the user's machine. It is used when its header names this
 * exact bundle (SHA-1 of its bytes) and its payload is intact (SHA-1 too: V8 itself checks the payload's length and
 * its own version and flags, not its content); V8 then still rejects it when it comes from another V8 version or
 * other flags (a Node version other than the build's, `--max-semi-space-size`, …). In every such case the bundle is
 * compiled as without a cache: slower, never different.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

const MAGIC = 'kubewise-code-cache 1\n';
const HASH_HEX = 40;
const HEADER_LENGTH = MAGIC.length + 2 * (HASH_HEX + 1);

/** What became of the cache: used, turned down by V8, not for this bundle (or damaged), or not there. */
export type CacheStatus = 'accepted' | 'rejected' | 'mismatch' | 'absent';

export interface CompiledBundle {
  readonly script: Script;
  readonly status: CacheStatus;
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * The bundle's text as CommonJS wraps a module (one line longer at the end only, so that line numbers and source
 * maps still match): a function of exports, require, module, __filename and __dirname.
 */
function wrap(bundle: Buffer): string {
  return `(function (exports, require, module, __filename, __dirname) {${bundle.toString('utf8')}\n})`;
}

/** The V8 cache data in a cache file, when the file is for this bundle and intact. */
export function cachedDataFor(bundle: Buffer, file: Buffer): Buffer | undefined {
  if (file.length < HEADER_LENGTH || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const header = file.toString('latin1', MAGIC.length, HEADER_LENGTH);
  const data = file.subarray(HEADER_LENGTH);
  if (header !== `${sha1(bundle)}\n${sha1(data)}\n`) return undefined;
  return data;
}

/** A cache file for `bundle` holding V8's cache data. */
export function cacheFile(bundle: Buffer, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${MAGIC}${sha1(bundle)}\n${sha1(data)}\n`, 'latin1'), data]);
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
