/**
 * The render layer's window on the machine for the CLI: helm and kubectl run as child processes, chart and overlay
 * files read from disk.
 */
import type * as ChildProcess from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ProcessResult, RenderHost } from '../render/host';

/** A render that takes longer is stopped (a template stuck in a loop, a kustomize fetching a remote base). */
export const RENDER_TIMEOUT_MS = 60_000;

/**
 * `env` is what helm and kubectl run with (and where they are looked up on PATH): the CLI passes the environment it
 * was given, so that `run` called in a process other than `kubewise`'s own (the tests) finds the same tools.
 */
export function nodeRenderHost(env: NodeJS.ProcessEnv = process.env, timeoutMs = RENDER_TIMEOUT_MS): RenderHost {
  return {
    run(command, args, { cwd }) {
      return new Promise<ProcessResult>((resolve) => {
        let stdout = '';
        let stderr = '';
        let child;
        try {
          // loaded at the first render: a run with no chart or overlay never needs it
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- on demand, as said above
          const { spawn } = require('node:child_process') as typeof ChildProcess;
          child = spawn(command, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
        } catch (e) {
          resolve({ code: null, stdout, stderr: (e as Error).message, notFound: true });
          return;
        }
        const timer = setTimeout(() => {
          stderr += `\n${command} did not finish within ${timeoutMs / 1000} s and was stopped`;
          child.kill();
        }, timeoutMs);
        child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
        child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
        child.on('error', (e: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          resolve({ code: null, stdout, stderr: e.message, notFound: e.code === 'ENOENT' || e.code === 'EACCES' });
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      });
    },
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    listDir(path) {
      try {
        if (!statSync(path).isDirectory()) return undefined;
        return readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, dir: d.isDirectory() }));
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Whether `command` names a file that can be started: a path (relative to `cwd`) to a file, or a name found on
 * `env.PATH` (with `PATHEXT`'s extensions on Windows). A look before starting the renders: it decides whether the
 * plain files are linted while they run (see ./main.ts); starting the tool is what really tells.
 */
export function findsTool(command: string, env: NodeJS.ProcessEnv, cwd: string): boolean {
  const isFile = (p: string): boolean => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  if (/[\\/]/.test(command))
    return exts.some((e) => isFile(isAbsolute(command) ? command + e : join(cwd, command + e)));
  const path = env.PATH ?? env.Path ?? '';
  return path
    .split(delimiter)
    .filter((d) => d !== '')
    .some((d) => exts.some((e) => isFile(join(d, command + e))));
}
