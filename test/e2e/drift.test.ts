/**
 * Live drift end to end: the packaged .vsix in code-server (VS Code 1.100 in Chromium), KUBECONFIG pointing at the
 * test API server whose `api` Deployment was changed with `kubectl edit`. A user opens the manifest, chooses the
 * cluster context, and reads the CodeLens and the hover of the differing line as text. The screenshot goes to
 * test-results/ (gitignored); with KUBEWISE_DOCS_IMAGES=1 also to docs/images/drift.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { driftObjects } from '../support/drift-cluster';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver';
import type { FakeObjects } from '../support/fake-objects';
import { repoRoot } from '../support/paths';
import { openFile, openWorkbench, runCommand, type Workbench } from './workbench';

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

let objects: FakeObjects;
let cluster: FakeApiServer | undefined;
let bench: Workbench | undefined;
let page: Page;

const command = (name: string): Promise<void> => runCommand(page, name);

before(async () => {
  objects = driftObjects();
  cluster = await startFakeApiServer({ objects });
  bench = await openWorkbench({
    name: 'e2e-drift',
    files: { 'api.yaml': API },
    env: { KUBECONFIG: kubeconfigFor(cluster, { context: 'prod' }) },
    viewport: { width: 1280, height: 720 },
  });
  page = bench.page;
});

after(async () => {
  await bench?.close();
  await cluster?.stop();
});

test('a drifted Deployment: the lens names the context, the hover gives the live value and who set it', async () => {
  await openFile(page, 'api.yaml');
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
