/**
 * Runs `kubewise` on fixtures in temporary folders: in this process through the CLI's own entry (`run`, with argv,
 * cwd, environment and standard input given and both output streams captured), or as the BUILT bundle
 * (server/out/cli.js) in a child process for what only a process shows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../server/src/cli/main';
import type { JsonDiagnostic, JsonOutput } from '../../server/src/protocol';

function findRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kubewise') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package root not found');
    dir = parent;
  }
}

export const ROOT = findRoot();
export const CLI = join(ROOT, 'server', 'out', 'cli.js');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Builds the bundles when they are missing (`npm test` builds them first; a filtered run may not have). */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`esbuild failed: ${r.stderr}`);
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string>;
}

/** The environment a run gets: this one without colour variables, plus what the test sets. */
function environment(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS', 'KUBEWISE_DEBUG']) delete env[k];
  return Object.assign(env, options.env ?? {});
}

/**
 * `kubewise …args` in this process, through `run` as the bundle's entry calls it (stdout is not a terminal). Loading
 * kubewise once per test process (the CLI tests share one) instead of once per case is what keeps the CLI tests
 * fast; `kubewiseProcess` runs the real binary where the process itself is under test.
 */
export async function kubewise(args: readonly string[], options: RunOptions): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const input = options.input ?? '';
  const code = await run(args, {
    cwd: options.cwd,
    env: environment(options),
    stdoutIsTTY: false,
    stdout: (s) => void (stdout += s.toString()),
    stderr: (s) => void (stderr += s),
    readStdin: () => Promise.resolve(typeof input === 'string' ? Buffer.from(input) : input),
  });
  return { code, stdout, stderr };
}

/** Runs `node server/out/cli.js …args` as a child process, with colour variables cleared unless the test sets them. */
export function kubewiseProcess(args: readonly string[], options: RunOptions): RunResult {
  ensureBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: environment(options),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A temporary folder with a `.git` marker (so `.kubewise.yaml` discovery stops here and cannot pick up a file from
 * above) holding the given files. Returns its path; `cleanup` removes it.
 */
export function workspace(
  files: Record<string, string | Buffer>,
  options: { git?: boolean } = {},
): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-cli-'));
  if (options.git !== false) mkdirSync(join(dir, '.git'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A Deployment whose only container (line 15, column 11) has no CPU request: one cpu-request-missing, with a fix. */
export const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the web tier
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

/** A duplicate key with two different values: one yaml-syntax error at 3:1, which no fix can decide. */
export const DUPLICATE_KEY = 'apiVersion: v1\nkind: Pod\nkind: Service\n';

/** Kubernetes YAML with nothing for the rules to find. */
export const CLEAN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;

/** Lines of a text report that are findings (`path:line:col severity message [rule]`). */
export function findingLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^\S.*:\d+:\d+ (error|warning|info) /.test(l));
}

/** The summary line of a text report. */
export function summaryLine(stdout: string): string {
  const line = stdout.split('\n').find((l) => /^\d+ problems? \(/.test(l));
  if (line === undefined) throw new Error(`no summary line in:\n${stdout}`);
  return line;
}

/**
 * The diagnostics of one file from `--format json`. Text tests build their expected lines from these, so that they
 * check the CLI's formatting and not the wording other rules' authors choose.
 */
export async function jsonDiagnostics(args: readonly string[], options: RunOptions): Promise<JsonDiagnostic[]> {
  const out = JSON.parse((await kubewise([...args, '--format', 'json'], options)).stdout) as JsonOutput;
  return out.files.flatMap((f) => f.diagnostics);
}

/** Findings for one rule only: the tests use `--only` so that rules added later do not change their expectations. */
export const ONLY_CPU = ['--only', 'cpu-request-missing'];
