/**
 * End to end in the browser: the packaged .vsix installed into code-server (VS Code 1.100 in a browser), driven
 * through Chromium like a user: open a manifest, see the squiggle and the Problems entry, apply the quick fix with
 * the keyboard, insert the HPA snippet by typing its prefix, see the completion list and a hover. Screenshots go to
 * test-results/ (gitignored).
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { Served } from '../extension/harness';
import { assertBuilt, installVsix, launchChromium, removeDir, startCodeServer, tempDir } from '../extension/harness';
import { repoRoot } from '../support/paths';
import { packageVsix, VSCE_FLAGS } from './workbench';

const RESULTS = join(repoRoot, 'test-results');
const MAX_VSIX_BYTES = 5 * 1024 * 1024;

let work: string;
let vsix: string;
let server: Served | undefined;
let browser: BrowserContext | undefined;
let page: Page;

/** The file names of a zip archive, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (
    let i = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])),
      n = zip.readUInt16LE(i + 10),
      at = zip.readUInt32LE(i + 16);
    n > 0;
    n--
  ) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

async function shot(name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `e2e-${name}.png`) });
}

/** The text of the visible editor lines (Monaco renders non-breaking spaces). */
async function editorText(): Promise<string> {
  return (await page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

async function waitForEditorText(re: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!re.test(await editorText())) {
    if (Date.now() > deadline) throw new Error(`the editor never showed ${re}:\n${await editorText()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function command(name: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
}

before(async () => {
  assertBuilt();
  work = tempDir('e2e');
  vsix = packageVsix(join(work, 'kubewise.vsix'));
  const workspace = join(work, 'workspace');
  cpSync(join(repoRoot, 'test', 'extension', 'fixtures', 'workspace'), workspace, { recursive: true });
  const userDataDir = join(work, 'user-data');
  const extensionsDir = join(work, 'extensions');
  installVsix(vsix, extensionsDir, userDataDir);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  // A quiet workbench: no welcome page, no trust prompt, no telemetry notice.
  cpSync(join(repoRoot, 'test', 'e2e', 'settings.json'), join(userDataDir, 'User', 'settings.json'));
  server = await startCodeServer({ userDataDir, extensionsDir, folder: workspace });
  browser = await launchChromium(join(work, 'chromium'));
  page = await browser.newPage();
  await page.goto(server.base + '/');
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (work && !process.env.KUBEWISE_KEEP_TMP) removeDir(work);
});

test('the .vsix is under 5 MB and holds only bundles and assets', () => {
  assert.ok(statSync(vsix).size < MAX_VSIX_BYTES, `${statSync(vsix).size} bytes`);
  const files = zipEntries(readFileSync(vsix)).filter((f) => f.startsWith('extension/'));
  assert.ok(files.includes('extension/client/out/extension.js'));
  assert.ok(files.includes('extension/server/out/server.js'));
  assert.deepEqual(
    files.filter((f) => /\.(ts|map)$|node_modules\/|\/src\/|^extension\/test\//.test(f)),
    [],
  );
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  for (const flag of VSCE_FLAGS.filter((f) => f.startsWith('--')))
    assert.ok(pkg.scripts.package.includes(flag), `npm run package uses ${flag}`);
});

test('a manifest shows the squiggle, the Problems entry and the status bar count', async () => {
  await command('Go to File');
  await page.keyboard.type('web.yaml');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
  const status = page.locator('.statusbar-item', { hasText: 'Kubewise' });
  await status.first().waitFor();
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel .monaco-list-row', { hasText: 'cpu-request-missing' });
  await problems.first().waitFor({ timeout: 30_000 });
  assert.match(await problems.first().innerText(), /no CPU request/);
  await shot('1-diagnostics');
});

test('the quick fix is applied with the keyboard', async () => {
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'cpu-request-missing' }).first();
  await row.click();
  await page.keyboard.press('Enter'); // opens the problem in the editor, cursor on it
  await page.locator('.monaco-editor.focused').waitFor();
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor();
  await shot('2-quick-fix-menu');
  const first = menu.locator('.monaco-list-row.action').first();
  assert.match(await first.innerText(), /requests\.cpu/);
  await page.keyboard.press('Enter');
  await waitForEditorText(/cpu: 100m # TODO/);
  await page
    .locator('.markers-panel .monaco-list-row', { hasText: 'cpu-request-missing' })
    .waitFor({ state: 'detached', timeout: 30_000 });
  await shot('3-fixed');
});

test('typing the HPA prefix inserts the HPA snippet', async () => {
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('---');
  await page.keyboard.press('Enter');
  await page.keyboard.type('k8s-hpa-cp');
  const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'k8s-hpa-cpu' });
  await suggestion
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(async () => {
      await page.keyboard.press('Control+Space');
      await suggestion.first().waitFor({ timeout: 15_000 });
    });
  await shot('4-snippet-suggestion');
  await page.keyboard.press('Enter');
  await waitForEditorText(/HorizontalPodAutoscaler/);
  await page.keyboard.press('Escape');
  const text = await editorText();
  assert.match(text, /kind: HorizontalPodAutoscaler/);
  assert.match(text, /apiVersion: autoscaling\/v2/);
  await shot('5-snippet');
});

test('the completion list offers enum values and hover shows the plain value of a quantity', async () => {
  // web.yaml, line 16: `          image: nginx:1.27`; a new line under it in the container
  await page.keyboard.press('Control+g');
  await page.keyboard.type('16');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('imagePullPolicy: ');
  const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'IfNotPresent' });
  await row
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(async () => {
      await page.keyboard.press('Control+Space');
      await row.first().waitFor({ timeout: 15_000 });
    });
  const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
  assert.ok(
    ['Always', 'IfNotPresent', 'Never'].every((v) => rows.some((r) => r.includes(v))),
    rows.join(' | '),
  );
  await shot('6-completion');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+K'); // the line goes again
  // (Monaco's DOM holds its lines in any order: wait for the typed line to be gone, not for a neighbourhood)
  const deadline = Date.now() + 15_000;
  while ((await editorText()).includes('imagePullPolicy')) {
    if (Date.now() > deadline) throw new Error('the typed line was not deleted');
    await new Promise((r) => setTimeout(r, 200));
  }

  // the `128Mi` of `memory: 128Mi`
  await page.locator('.editor-instance .view-line span span', { hasText: /128/ }).first().hover();
  const hover = page.locator('.monaco-hover', { hasText: '134,217,728 bytes' });
  await hover.first().waitFor({ timeout: 15_000 });
  assert.match(await hover.first().innerText(), /128Mi\s*= 134,217,728 bytes/);
  await shot('7-hover');
  await page.mouse.move(0, 0);
});

test('clicking the status-bar item opens the Problems view with its filter focused', async () => {
  await command('View: Close Panel');
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  await page.locator('.statusbar-item', { hasText: 'Kubewise' }).first().click();
  await page.locator('.markers-panel').waitFor({ state: 'visible' });
  // the extension focuses the filter after the view opens: wait for it (a slow machine may take a moment)
  const focused = await page
    .waitForFunction("!!document.activeElement && !!document.activeElement.closest('.viewpane-filter')", undefined, {
      timeout: 15_000,
    })
    .then(
      () => true,
      () => false,
    );
  assert.equal(focused, true, 'the filter box has the focus');
  await page.keyboard.type('kubewise');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'kubewise' }).first().waitFor();
  await shot('8-status-bar-problems');
});

test('the walkthrough is listed and opens on its first step', async () => {
  await command('Welcome: Open Walkthrough...');
  const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Kubewise' });
  await item.first().waitFor();
  await item.first().click();
  await page.locator('.gettingStartedContainer', { hasText: 'Open a manifest' }).first().waitFor();
  await page.locator('.gettingStartedContainer', { hasText: 'Write objects from snippets' }).first().waitFor();
  await shot('9-walkthrough');
});
