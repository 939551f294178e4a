/**
 * The bundles take `yaml` from its ES module build (esbuild.mjs), with scripts/yaml-log.mjs in place of that build's
 * console logging: yaml's warnings must still go through `process.emitWarning`, as with its Node build.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const SHIM = pathToFileURL(join(__dirname, '../../../../scripts/yaml-log.mjs')).href;

test("yaml's warnings go through process.emitWarning at the levels yaml's Node build uses", () => {
  const probe = `import { warn } from ${JSON.stringify(SHIM)};
    const emitted = [];
    process.emitWarning = (w) => emitted.push(w.message);
    for (const level of ['warn', 'debug', 'error', 'silent']) warn(level, new Error('Unresolved tag at ' + level));
    process.stdout.write(JSON.stringify(emitted));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), ['Unresolved tag at warn', 'Unresolved tag at debug']);
  assert.equal(r.stderr, '');
});
