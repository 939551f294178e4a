/**
 * Credential commands for tests: small real programs (node scripts and sh scripts) that behave as kubeconfig exec
 * plugins and legacy auth-provider commands do — answer with an ExecCredential, hang (waiting for a login that never
 * comes), fail with a message on stderr, print garbage — and write their process ids to a file, so that a test can
 * check that none is left running.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Plugin {
  readonly command: string;
  readonly args: readonly string[];
  readonly dir: string;
  /** How many times it ran. */
  runs(): number;
  /** The ids of the processes it started (itself and, for the shell plugin, its child), in order. */
  pids(): number[];
}

export type PluginBehaviour =
  | { readonly kind: 'token'; readonly token: string; readonly expiresInSec?: number }
  /** Prints `tokens[i]` on its i-th run (the last one after that): a token that is refused, then a good one. */
  | { readonly kind: 'tokens'; readonly tokens: readonly string[] }
  | { readonly kind: 'cert'; readonly certPem: string; readonly keyPem: string; readonly expiresInSec?: number }
  /** Never answers (a node process waiting forever). */
  | { readonly kind: 'hang' }
  /** A device-code login: prints where to log in on stderr (as az, kubelogin and aws sso do), then waits. */
  | { readonly kind: 'device-code'; readonly stderr: string }
  /** A shell script that starts a child and waits for it: a kill must reach both. */
  | { readonly kind: 'hang-sh' }
  | { readonly kind: 'fail'; readonly stderr: string; readonly code: number }
  | { readonly kind: 'garbage' }
  /** A legacy auth-provider command: prints `{"credential":{"access_token":…,"token_expiry":…}}`. */
  | { readonly kind: 'auth-provider'; readonly token: string; readonly expiresInSec?: number };

const API = 'client.authentication.k8s.io/v1';

/** Writes the plugin into a fresh folder; `command`/`args` go into the kubeconfig. */
export function makePlugin(b: PluginBehaviour): Plugin {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-plugin-'));
  const pidFile = join(dir, 'pids');
  const countFile = join(dir, 'runs');
  writeFileSync(countFile, '0');
  const common = `
const fs = require('fs');
fs.appendFileSync(${JSON.stringify(pidFile)}, process.pid + '\\n');
const run = Number(fs.readFileSync(${JSON.stringify(countFile)}, 'utf8')) + 1;
fs.writeFileSync(${JSON.stringify(countFile)}, String(run));
const expiry = (s) => (s === undefined ? undefined : new Date(Date.now() + s * 1000).toISOString());
const cred = (status) => process.stdout.write(JSON.stringify({ apiVersion: ${JSON.stringify(API)}, kind: 'ExecCredential', status }));
`;
  let body: string;
  switch (b.kind) {
    case 'token':
      body = `cred({ token: ${JSON.stringify(b.token)}, expirationTimestamp: expiry(${JSON.stringify(b.expiresInSec)}) });`;
      break;
    case 'tokens':
      body = `const t = ${JSON.stringify(b.tokens)}; cred({ token: t[Math.min(run, t.length) - 1] });`;
      break;
    case 'cert':
      body = `cred({ clientCertificateData: ${JSON.stringify(b.certPem)}, clientKeyData: ${JSON.stringify(b.keyPem)}, expirationTimestamp: expiry(${JSON.stringify(b.expiresInSec)}) });`;
      break;
    case 'hang':
      body = `setInterval(() => {}, 1 << 30);`;
      break;
    case 'device-code':
      body = `process.stderr.write(${JSON.stringify(b.stderr)}); setInterval(() => {}, 1 << 30);`;
      break;
    case 'fail':
      body = `process.stderr.write(${JSON.stringify(b.stderr)}); process.exitCode = ${b.code};`;
      break;
    case 'garbage':
      body = `process.stdout.write('<html>login page</html>');`;
      break;
    case 'auth-provider':
      body = `process.stdout.write(JSON.stringify({ credential: { access_token: ${JSON.stringify(b.token)}, token_expiry: expiry(${JSON.stringify(b.expiresInSec ?? 3600)}) } }));`;
      break;
    case 'hang-sh': {
      const script = join(dir, 'plugin.sh');
      writeFileSync(
        script,
        `#!/bin/sh\necho $$ >> ${pidFile}\necho 1 > ${countFile}\nsleep 3600 &\necho $! >> ${pidFile}\nwait\n`,
        { mode: 0o755 },
      );
      return plugin(script, [], dir, pidFile, countFile);
    }
  }
  const script = join(dir, 'plugin.js');
  writeFileSync(script, common + body + '\n');
  return plugin(process.execPath, [script], dir, pidFile, countFile);
}

function plugin(command: string, args: string[], dir: string, pidFile: string, countFile: string): Plugin {
  return {
    command,
    args,
    dir,
    runs: () => Number(readFileSync(countFile, 'utf8')),
    pids: () => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number) : []),
  };
}

/** True while the process runs (a zombie waiting to be reaped counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Resolves when `check` holds, polling every 20 ms; rejects after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'the condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
