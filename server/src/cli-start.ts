/**
 * The `kubewise` command (server/out/cli.js, package.json `bin.kubewise`): loads the CLI bundle (server/src/cli.ts,
 * bundled to server/out/cli-main.js) with the code cache built beside it, so that V8 does not compile the bundle
 * anew in every process (see ./cli/code-cache.ts), under V8 settings for a short run (./cli/tiering.ts).
 * `KUBEWISE_DEBUG=1` also says whether the cache was used.
 */
import { join } from 'node:path';
import { compileBundle, runBundle } from './cli/code-cache';
import { tuneForShortRun } from './cli/tiering';

tuneForShortRun();
const bundle = join(__dirname, 'cli-main.js');
const compiled = compileBundle(bundle, join(__dirname, 'cli-main.cache'));
if (process.env.KUBEWISE_DEBUG) process.stderr.write(`kubewise: code cache ${compiled.status}\n`);
runBundle(compiled, __filename, require);
