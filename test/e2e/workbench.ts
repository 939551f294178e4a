/**
 * The packaged extension in a real VS Code (code-server) driven through Chromium: what every end-to-end test of a
 * feature starts from. Packages the current bundles as a .vsix (as `npm run package` does, without the rebuild),
 * installs it into a fresh user-data folder with test/e2e/settings.json, serves a workspace of the given files and
 * opens the workbench in Chromium.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  assertBuilt,
  installVsix,
  launchChromium,
  removeDir,
  startCodeServer,
  tempDir,
  type Served,
} from '../extension/harness';
import { repoRoot } from '../support/paths';

/** As package.json's `package` script (README links need a base URL). */
export const VSCE_FLAGS = [
  '--skip-license',
  '--baseContentUrl',
  'https://github.com/kubewise/kubewise/blob/main',
  '--baseImagesUrl',
  'https://github.com/kubewise/kubewise/raw/main',
];

/** `npm run package` without the rebuild (npm test has just built): vsce on the current bundles. */
export function packageVsix(out: string): string {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', ...VSCE_FLAGS, '-o', out], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(r.status, 0, `vsce package failed:\n${r.stdout}${r.stderr}`);
  return out;
}

export interface Workbench {
  readonly work: string;
  readonly page: Page;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** The temporary folder's prefix. */
  readonly name: string;
  /** The workspace's files, by name. */
  readonly files: Readonly<Record<string, string>>;
  /** The environment of the VS Code server (KUBECONFIG …). */
  readonly env?: NodeJS.ProcessEnv;
  readonly viewport: { readonly width: number; readonly height: number };
}

export async function openWorkbench(o: WorkbenchOptions): Promise<Workbench> {
  assertBuilt();
  const work = tempDir(o.name);
  const vsix = packageVsix(join(work, 'kubewise.vsix'));
  const workspace = join(work, 'workspace');
  mkdirSync(workspace, { recursive: true });
  for (const [name, text] of Object.entries(o.files)) writeFileSync(join(workspace, name), text);
  const userDataDir = join(work, 'user-data');
  const extensionsDir = join(work, 'extensions');
  installVsix(vsix, extensionsDir, userDataDir);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  cpSync(join(repoRoot, 'test', 'e2e', 'settings.json'), join(userDataDir, 'User', 'settings.json'));
  let server: Served | undefined;
  let browser: BrowserContext | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
    if (!process.env.KUBEWISE_KEEP_TMP) removeDir(work);
  };
  try {
    server = await startCodeServer({ userDataDir, extensionsDir, folder: workspace, env: o.env ?? {} });
    browser = await launchChromium(join(work, 'chromium'));
    const page = await browser.newPage();
    await page.setViewportSize(o.viewport);
    await page.goto(server.base + '/');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return { work, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page: Page, name: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a workspace file with "Go to File" and waits for its Deployment to show. */
export async function openFile(page: Page, name: string, showing = 'kind: Deployment'): Promise<void> {
  await runCommand(page, 'Go to File');
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: showing }).first().waitFor();
}
