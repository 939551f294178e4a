/**
 * Build step (esbuild.mjs): stamps the CLI bundle with its id (./code-cache-stamp.ts), runs it once, as `kubewise`
 * runs it, on a training lint, then writes its code cache (see ./code-cache.ts). Not shipped.
 *   node server/out/code-cache-train.js <bundle> <cache> <start script> <kubewise arguments…>
 * The lint's report is the caller's to discard; exit status 0 when the cache was written.
 */
import { compileBundle, runBundle, writeCache } from './code-cache';
import { stampBundleFile } from './code-cache-stamp';
import { tuneForShortRun } from './tiering';

const [bundle, cache, start, ...args] = process.argv.slice(2);
if (!bundle || !cache || !start) {
  process.stderr.write('usage: code-cache-train <bundle> <cache> <start script> <kubewise arguments…>\n');
  process.exit(2);
}
// the V8 flags `kubewise` runs with: they are part of what V8 checks before it takes a cache
tuneForShortRun();
stampBundleFile(bundle);
const compiled = compileBundle(bundle, undefined);
process.argv = [process.argv[0], start, ...args];
process.on('exit', (code) => {
  // 0 and 1 are the lint's verdicts; anything else (2: usage or internal error) means the run went wrong
  if (code > 1) return;
  writeCache(compiled, bundle, cache);
  process.exitCode = 0;
});
runBundle(compiled, start, require);
