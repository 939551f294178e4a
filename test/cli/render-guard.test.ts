/**
 * `kubewise lint --fix` on charts and overlays renders again after fixing, with the real helm and kubectl: a fix
 * whose render fails (a values schema, a JSON 6902 `test` op) is rolled back and reported as not fixed, naming the
 * finding, the file and the render error, and "Fixed N problems" counts only the fixes that held. On a shop whose
 * base two overlays share, every file is still YAML after --fix --unsafe-fixes, and both overlays still build.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { kubeToolsDir, kubectlPath } from '../support/kube-tools';
import { RENDER_FIXTURES } from '../support/render';
import { kubewise } from './helpers';

const withTools = { PATH: `${kubeToolsDir()}${delimiter}${process.env.PATH ?? ''}` };
// (removed when the process ends: the CLI tests share one process, where a top-level afterEach would run after
// every other file's tests too)
const copies: string[] = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of some render fixtures in a temporary folder with a .git marker (no settings file of the repository). */
function copy(...folders: string[]): string {
  const work = mkdtempSync(join(tmpdir(), 'kubewise-render-guard-'));
  copies.push(work);
  mkdirSync(join(work, '.git'));
  for (const f of folders) cpSync(join(RENDER_FIXTURES, f), join(work, f), { recursive: true });
  return work;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test("a values fix that the chart's schema rejects is rolled back and reported; the fixes that render are kept", async () => {
  const dir = copy('helm/schema-guarded');
  const values = join(dir, 'helm/schema-guarded/values.yaml');
  const before = readFileSync(values, 'utf8');
  const r = await kubewise(['lint', '--fix', '--unsafe-fixes', 'helm/schema-guarded'], { cwd: dir, env: withTools });
  // values.yaml is as it was: requests are not allowed by values.schema.json
  assert.equal(readFileSync(values, 'utf8'), before);
  assert.match(
    r.stderr,
    /^kubewise: not fixed: helm\/schema-guarded\/values\.yaml:4:1 \[cpu-request-missing\] Container "web" has no CPU request\..* The fix was rolled back: the render fails: helm template failed: .*additional properties 'requests' not allowed/m,
    r.stderr,
  );
  // the template's own fix (topology spread) held and is the only one counted
  assert.match(r.stdout, /^Fixed 1 problem in 1 file\.$/m, r.stdout);
  assert.match(r.stdout, /^Rolled back 2 fixes that broke the render/m, r.stdout);
  assert.match(
    readFileSync(join(dir, 'helm/schema-guarded/templates/deployment.yaml'), 'utf8'),
    /topologySpreadConstraints/,
  );
  // and the chart still renders
  const again = await kubewise(['lint', 'helm/schema-guarded', '-f', 'json'], { cwd: dir, env: withTools });
  assert.doesNotMatch(again.stdout, /render-failed/);
});

test("a base fix that an overlay's JSON 6902 test op refuses is rolled back; the other fixes of that base are kept", async () => {
  const dir = copy('kustomize-guarded');
  const base = join(dir, 'kustomize-guarded/base/deployment.yaml');
  const r = await kubewise(['lint', '--fix', '--unsafe-fixes', 'kustomize-guarded/overlay'], {
    cwd: dir,
    env: withTools,
  });
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('kubewise: not fixed: '));
  assert.deepEqual(
    lines.map((l) => l.split(' ').slice(3, 5).join(' ')),
    [
      'kustomize-guarded/base/deployment.yaml:18:11 [memory-limit-missing]',
      'kustomize-guarded/base/deployment.yaml:19:13 [memory-request-missing]',
    ],
    r.stderr,
  );
  for (const l of lines)
    assert.match(
      l,
      /The fix was rolled back: the render fails: kustomize build failed: testing value \/spec\/template\/spec\/containers\/0\/resources failed/,
    );
  const fixed = readFileSync(base, 'utf8');
  // the resources are as the test op wants them; the hardening the overlay does not guard is in
  assert.match(fixed, /^ {10}resources:\n {12}requests:\n {14}cpu: 100m\n(?! {14}memory)/m, fixed);
  assert.match(fixed, /allowPrivilegeEscalation: false/);
  const count = /^Fixed (\d+) problems in 1 file\.$/m.exec(r.stdout);
  assert.ok(count, r.stdout);
  const build = spawnSync(kubectlPath(), ['kustomize', join(dir, 'kustomize-guarded/overlay')], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
});

test('--fix --unsafe-fixes on a base shared by two overlays: every file still YAML, no overlay value in the base, both build', async () => {
  const dir = copy('kustomize-shop');
  const overlays = ['kustomize-shop/overlays/staging', 'kustomize-shop/overlays/prod'];
  const r = await kubewise(['lint', '--fix', '--unsafe-fixes', ...overlays], { cwd: dir, env: withTools });
  assert.match(r.stdout, /^Fixed \d+ problems in \d+ files\.$/m, r.stdout);
  for (const file of filesUnder(join(dir, 'kustomize-shop'))) {
    const text = readFileSync(file, 'utf8');
    for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, [], `${file}:\n${text}`);
    // documents stay apart, collections stay block style
    assert.doesNotMatch(text, /\S---/, file);
    assert.doesNotMatch(text, /^\s*\[\{/m, file);
  }
  const apps = readFileSync(join(dir, 'kustomize-shop/base/apps.yaml'), 'utf8');
  for (const overlayValue of ['250m', '256Mi', 'latest', '2.0', 'staging', 'prod'])
    assert.ok(!apps.includes(overlayValue), `${overlayValue} written into the shared base:\n${apps}`);
  // prod deletes the worker's read-only root filesystem with a null: the base keeps its setting, the patch is fixed
  assert.match(readFileSync(join(dir, 'kustomize-shop/base/worker.yaml'), 'utf8'), /readOnlyRootFilesystem: true/);
  assert.match(
    readFileSync(join(dir, 'kustomize-shop/overlays/prod/worker-writable.yaml'), 'utf8'),
    /readOnlyRootFilesystem: true/,
  );
  for (const o of overlays) {
    const build = spawnSync(kubectlPath(), ['kustomize', join(dir, o)], { encoding: 'utf8' });
    assert.equal(build.status, 0, `${o}: ${build.stderr}`);
  }
});
