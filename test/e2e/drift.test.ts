/**
 * Live drift end to end: the packaged .vsix in code-server (VS Code 1.100 in Chromium), KUBECONFIG pointing at the
 * test API server whose `api` Deployment was changed with `kubectl edit`. A user opens the manifest, chooses the
 * cluster context, and reads the CodeLens and the hover of the differing line as text. The screenshot goes to
 * test-results/ (gitignored); with KUBEWISE_DOCS_IMAGES=1 also to docs/images/drift.png.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Served } from '../extension/harness';
import { assertBuilt, installVsix, launchChromium, removeDir, startCodeServer, tempDir } from '../extension/harness';
import { driftObjects } from '../support/drift-cluster';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver';
import type { FakeObjects } from '../support/fake-objects';
import { repoRoot } from '../support/paths';

const RESULTS = join(repoRoot, 'test-results');

const API = `# The shop's API: applied with kubectl apply -f.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  labels:
    app: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: shop/api:2.0.0
          ports:
            - containerPort: 8080
`;

const VSCE_FLAGS = [
  '--skip-license',
  '--baseContentUrl',
  'https://github.com/kubewise/kubewise/blob/main',
  '--baseImagesUrl',
  'https://github.com/kubewise/kubewise/raw/main',
];

let work: string;
let objects: FakeObjects;
let cluster: FakeApiServer;
let server: Served | undefined;
let browser: BrowserContext | undefined;
let page: Page;

async function command(name: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
}

before(async () => {
  assertBuilt();
  work = tempDir('e2e-drift');
  const vsix = join(work, 'kubewise.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', ...VSCE_FLAGS, '-o', vsix], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(r.status, 0, `vsce package failed:\n${r.stdout}${r.stderr}`);
  const workspace = join(work, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'api.yaml'), API);
  const userDataDir = join(work, 'user-data');
  const extensionsDir = join(work, 'extensions');
  installVsix(vsix, extensionsDir, userDataDir);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  cpSync(join(repoRoot, 'test', 'e2e', 'settings.json'), join(userDataDir, 'User', 'settings.json'));
  objects = driftObjects();
  cluster = await startFakeApiServer({ objects });
  server = await startCodeServer({
    userDataDir,
    extensionsDir,
    folder: workspace,
    env: { KUBECONFIG: kubeconfigFor(cluster, { context: 'prod' }) },
  });
  browser = await launchChromium(join(work, 'chromium'));
  page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(server.base + '/');
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await cluster?.stop();
  if (work && !process.env.KUBEWISE_KEEP_TMP) removeDir(work);
});

test('a drifted Deployment: the lens names the context, the hover gives the live value and who set it', async () => {
  await command('Go to File');
  await page.keyboard.type('api.yaml');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'kind: Deployment' }).first().waitFor();
  await command('Kubewise: Choose Cluster Context');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'prod' }).first().waitFor();
  await page.keyboard.press('Enter');
  const lens = page.locator('.codelens-decoration', { hasText: '1 field differs' }).first();
  await lens.waitFor({ timeout: 60_000 });
  assert.match(await lens.innerText(), /1 field differs \(prod, changed .+ ago\)/);
  const image = page.locator('.view-line', { hasText: 'image: shop/api:2.0.0' }).first();
  const box = (await image.boundingBox())!;
  await page.mouse.move(box.x + 120, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover', { hasText: 'shop/api:2.0.1-hotfix' }).first();
  await hover.waitFor({ timeout: 30_000 });
  assert.match(await hover.innerText(), /kubectl-edit/);
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, 'e2e-drift.png') });
  if (process.env.KUBEWISE_DOCS_IMAGES) await page.screenshot({ path: join(repoRoot, 'docs', 'images', 'drift.png') });
  assert.deepEqual(objects.writes, []);
});
