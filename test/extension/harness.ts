/**
 * Node-side helpers for the tests that run a real VS Code: the one inside code-server (installed and cached by
 * scripts/setup-vscode.sh), driven through Debian's Chromium with playwright-core (CONTRIBUTING.md,
 * "The editor tests": VS Code cannot be downloaded here, code-server's VS Code runs the same workbench).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { repoRoot } from '../support/paths';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = process.env.KUBEWISE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where scripts/setup-vscode.sh put code-server. */
export function codeServerDir(): string {
  const cache = process.env.KUBEWISE_CACHE ?? join(homedir(), '.cache', 'kubewise');
  const dir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
  if (!existsSync(join(dir, 'lib', 'vscode', 'out', 'server-main.js')) || !existsSync(join(dir, '.kubewise-rebuilt'))) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${dir}: run scripts/setup-vscode.sh (or scripts/setup.sh) first`,
    );
  }
  return dir;
}

/** The built bundles the editor tests load; `npm test` builds them first (`npm run build`). */
export function assertBuilt(): void {
  for (const f of ['server/out/server.js', 'server/out/cli.js', 'client/out/extension.js']) {
    if (!existsSync(join(repoRoot, f)))
      throw new Error(`${f} is missing: run \`npm run build\` (or \`node esbuild.mjs\`) first`);
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kubewise-${prefix}-`));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Served {
  readonly port: number;
  readonly base: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts a process that serves the VS Code workbench and waits until it answers HTTP. */
async function serve(args: string[], port: number, env: NodeJS.ProcessEnv, cwd: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the VS Code server exited (${exited}) before answering:\n${out}`);
    try {
      const res = await fetch(base + '/', { redirect: 'manual' });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the VS Code server did not answer within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    base,
    output: () => out,
    stop: async () => {
      if (exited !== undefined) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        // detached: the server and its extension hosts form one process group
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (exited === undefined) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}

export interface VsCodeServerOptions {
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** `--disable-workspace-trust`: every folder trusted. Without it a folder nobody trusted opens restricted. */
  readonly disableWorkspaceTrust?: boolean;
}

/** VS Code's own server (`lib/vscode/out/server-main.js`): takes extension tests from the workbench URL. */
export async function startVsCodeServer(o: VsCodeServerOptions): Promise<Served> {
  const vscode = join(codeServerDir(), 'lib', 'vscode');
  const port = await freePort();
  return serve(
    [
      join(vscode, 'out', 'server-main.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--disable-telemetry',
      '--user-data-dir',
      o.userDataDir,
      '--server-data-dir',
      join(o.userDataDir, 'server'),
      '--extensions-dir',
      o.extensionsDir,
      ...(o.disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
    ],
    port,
    o.env ?? {},
    vscode,
  );
}

/** code-server itself, as a user runs it (for the end-to-end test of the packaged extension). */
export async function startCodeServer(o: VsCodeServerOptions & { folder: string }): Promise<Served> {
  const dir = codeServerDir();
  const port = await freePort();
  return serve(
    [
      join(dir, 'out', 'node', 'entry.js'),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir',
      o.userDataDir,
      '--extensions-dir',
      o.extensionsDir,
      o.folder,
    ],
    port,
    o.env ?? {},
    dir,
  );
}

/** Installs a .vsix into an extensions folder with code-server's CLI. */
export function installVsix(vsix: string, extensionsDir: string, userDataDir: string): string {
  const r = spawnSync(
    process.execPath,
    [
      join(codeServerDir(), 'out', 'node', 'entry.js'),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      vsix,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status}):\n${out}`);
  return out;
}

/** Chromium with a fresh profile. */
export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
