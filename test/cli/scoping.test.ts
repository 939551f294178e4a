/**
 * A repository of unrelated apps, each in its own folder with a README and no kustomization or chart
 * (test/fixtures/monorepo: `shop` and `blog`, both with a Deployment and a Service named `web` selecting
 * `app: web`; the blog defines a StorageClass the shop does not use). Linting one app's folder gives the findings it
 * gets beside its sibling, and the shop's monitoring/ Service still selects the pods of its app/ folder.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/rule-fixtures';
import { kubewise } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'kubewise-scoping-'));
cpSync(join(repoRoot(), 'test', 'fixtures', 'monorepo'), dir, { recursive: true });
mkdirSync(join(dir, '.git'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface JsonReport {
  files: Array<{
    path: string;
    diagnostics: Array<{ ruleId: string; message: string; range: { start: { line: number } } }>;
  }>;
}

/** `path:line rule message` of every finding, for the files under `prefix`. */
async function findings(args: string[], cwd: string, prefix = ''): Promise<string[]> {
  const r = await kubewise(['lint', '--profile', 'strict', '--format', 'json', ...args], { cwd });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  return report.files
    .map((f) => ({ ...f, path: f.path.split('\\').join('/') }))
    .filter((f) => f.path.startsWith(prefix))
    .flatMap((f) =>
      f.diagnostics.map((d) => `${f.path.slice(prefix.length)}:${d.range.start.line + 1} ${d.ruleId} ${d.message}`),
    )
    .sort();
}

const CROSS = ['--only', 'service-port-mismatch,service-selector-dangling,storageclass-not-found,pvc-not-found'];

test('sibling apps with READMEs: no Service is matched with the other app’s pods, no class with the other app’s classes', async () => {
  assert.deepEqual(await findings([...CROSS, '.'], dir), []);
});

test('linting one app alone gives the findings it gets beside its sibling (every rule)', async () => {
  for (const app of ['shop', 'blog']) {
    const together = await findings(['.'], dir, `${app}/`);
    const alone = await findings(['.'], join(dir, app));
    assert.ok(together.length > 0);
    assert.deepEqual(alone, together, app);
  }
});

test('without the READMEs the folders are one workspace: the leak the READMEs prevent', async () => {
  const bare = mkdtempSync(join(tmpdir(), 'kubewise-scoping-bare-'));
  try {
    cpSync(dir, bare, { recursive: true, filter: (src) => !/README\.md$/.test(src) });
    const all = await findings([...CROSS, '.'], bare);
    assert.ok(
      all.some((l) => l.startsWith('blog/service.yaml:11 service-port-mismatch')),
      all.join('\n'),
    );
    assert.ok(
      all.some((l) => l.startsWith('shop/app/pvc.yaml:7 storageclass-not-found')),
      all.join('\n'),
    );
    // the objects a message lists say which file each is in
    const blog = all.find((l) => l.startsWith('blog/service.yaml:11'))!;
    assert.match(
      blog,
      /Deployment "web" in \.\.\/shop\/app\/deployment\.yaml|Deployment "web" in shop\/app\/deployment\.yaml/,
    );
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
});

/**
 * test/fixtures/addon-monorepo: the shop's pods in `release/`, and `.github/release-cluster/` (its own README) that
 * runs no pods but adds a Service and an Ingress in front of the shop's frontend once the shop runs. Beside them an
 * unrelated `blog/` app whose Service (copied from the shop) selects `app: frontend` and none of its own pods.
 */
const addOns = mkdtempSync(join(tmpdir(), 'kubewise-scoping-addon-'));
cpSync(join(repoRoot(), 'test', 'fixtures', 'addon-monorepo'), addOns, { recursive: true });
mkdirSync(join(addOns, '.git'));
after(() => rmSync(addOns, { recursive: true, force: true }));

test('a folder that runs no pods sees the app its Services select; an app that runs pods is never joined so', async () => {
  assert.deepEqual(
    await findings(['--only', 'service-selector-dangling,service-port-mismatch,ingress-backend-dangling', '.'], addOns),
    [
      'blog/blog.yaml:25 service-selector-dangling Service selector app=frontend matches the pods of no workload in namespace "default" (searched 1 file: blog.yaml): the Service has no endpoints.',
    ],
  );
});

test('the app an add-on points at gets the findings it gets alone (every rule)', async () => {
  const together = await findings(['.'], addOns, 'release/');
  const alone = await findings(['.'], join(addOns, 'release'));
  assert.ok(together.length > 0);
  assert.deepEqual(alone, together);
});

test('an add-on whose selector matches no pods anywhere is still reported', async () => {
  const typo = mkdtempSync(join(tmpdir(), 'kubewise-scoping-addon-typo-'));
  try {
    cpSync(addOns, typo, { recursive: true });
    const file = join(typo, '.github', 'release-cluster', 'frontend-service.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('app: frontend', 'app: frontnd'));
    const all = await findings(['--only', 'service-selector-dangling', '.'], typo);
    assert.ok(
      all.some((l) => l.startsWith('.github/release-cluster/frontend-service.yaml:9 service-selector-dangling')),
      all.join('\n'),
    );
  } finally {
    rmSync(typo, { recursive: true, force: true });
  }
});
