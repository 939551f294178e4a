/**
 * `npm start` (client/scripts/start.mjs) in its browser mode: it serves VS Code with the extension from this
 * checkout on examples/, prints the URL, and that URL shows Kubewise's diagnostics on an example manifest.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertBuilt, launchChromium, removeDir, tempDir } from '../extension/harness';
import { repoRoot } from '../support/paths';

async function openExample(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // A fresh VS Code asks whether to trust the folder, as it would ask a user.
  const trust = page.getByRole('button', { name: 'Yes, I trust the authors' });
  await trust.waitFor({ timeout: 15_000 }).then(
    () => trust.click(),
    () => undefined,
  );
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('Go to File');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Go to File' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.type('resources.yaml');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'resources.yaml' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page
    .locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning')
    .first()
    .waitFor({ timeout: 60_000 });
  await page.locator('.statusbar-item', { hasText: 'Kubewise' }).first().waitFor();
}

test(
  'npm start serves VS Code on examples/ with the extension, at the URL it prints',
  { timeout: 180_000 },
  async () => {
    assertBuilt();
    const work = tempDir('start');
    const child = spawn(process.execPath, [join(repoRoot, 'client', 'scripts', 'start.mjs'), '--browser'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const browser = await launchChromium(join(work, 'chromium'));
    const page = await browser.newPage();
    try {
      const deadline = Date.now() + 90_000;
      let url: string | undefined;
      while (!(url = /Kubewise in VS Code \(browser\): (\S+)/.exec(output)?.[1])) {
        assert.ok(Date.now() < deadline, `no URL printed:\n${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(decodeURIComponent(url), /folder=.*\/examples&payload=.*extensionDevelopmentPath/);
      await openExample(page, url);
      mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(repoRoot, 'test-results', 'npm-start.png') });
    } catch (e) {
      mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(repoRoot, 'test-results', 'npm-start-failure.png') }).catch(() => undefined);
      throw e;
    } finally {
      await browser.close();
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      removeDir(work);
    }
  },
);
