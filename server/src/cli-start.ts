/**
 * The `kubewise` command (server/out/cli.js, package.json `bin.kubewise`): loads the CLI bundle (server/src/cli.ts,
 * bundled to server/out/cli-main.js) with the code cache built beside it, so that V8 does not compile the bundle
 * anew in every process (see ./cli/code-cache.ts).
 */
import { join } from 'node:path';
import { compileBundle, runBundle } from './cli/code-cache';

const bundle = join(__dirname, 'cli-main.js');
runBundle(compileBundle(bundle, join(__dirname, 'cli-main.cache')), bundle, __filename);
