/**
 * Runs credential commands (kubeconfig `exec` plugins and legacy `auth-provider` `cmd-path` commands) without ever
 * blocking: each run is an asynchronous child process with a time limit, killed with its whole process group on
 * timeout, when nobody waits for it any more, and on dispose. Credentials are cached per key (context, user and
 * command) until they expire, as client-go's exec authenticator caches them, so a command runs once per token
 * lifetime, not once per request; concurrent callers share one run. No VS Code API here, so it runs in plain Node
 * tests.
 *
 * Guarantees:
 * - `get` settles within the time limit (or sooner, when its signal aborts), whatever the command does.
 * - At most one process per key runs at a time; a process nobody waits for is killed.
 * - After `dispose`, no process started here is left running.
 * - Failures are `MetricsError`s whose message names the command and the next step (see ./credential-command).
 * - While a command runs, `progress` says which one, since when, its time limit and what it printed on stderr (a
 *   device-code login prints the URL and code there, as kubectl shows them); `cancel` stops it for every caller.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { MetricsError } from './problems';
import {
  commandCancelled,
  commandFailed,
  commandHung,
  commandMissing,
  commandOutputInvalid,
  parseCredentialOutput,
  visibleOutput,
  type Credential,
  type CredentialCommand,
} from './credential-command';

export interface CredentialRunnerOptions {
  /** Time limit of one run. */
  readonly timeoutMs: number;
  /** The clock, for tests of expiry. */
  readonly now?: () => number;
}

interface Run {
  readonly promise: Promise<Credential>;
  readonly child: ChildProcess;
  readonly cmd: CredentialCommand;
  /** When it started (the runner's clock). */
  readonly startedAt: number;
  readonly timeoutMs: number;
  /** What it printed on stderr so far (bounded). */
  stderr(): string;
  waiters: number;
  kill(): void;
  /** Stops it because the user asked to: every caller gets the "cancelled" message. */
  cancel(): void;
}

/** A credential command running now, as the panel shows it while it waits. */
export interface CredentialProgress {
  readonly cmd: CredentialCommand;
  /** When it started (epoch ms). */
  readonly startedAt: number;
  readonly timeoutMs: number;
  /** Its last stderr lines, with anything that looks like a token masked (./credential-command `visibleOutput`). */
  readonly output: readonly string[];
}

export class CredentialRunner {
  private readonly cache = new Map<string, Credential>();
  private readonly runs = new Map<string, Run>();
  private readonly now: () => number;
  private disposed = false;
  /** How many commands were started (for tests: one run per token lifetime). */
  started = 0;

  constructor(private options: CredentialRunnerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A new time limit applies to the next run. */
  setTimeout(ms: number): void {
    this.options = { ...this.options, timeoutMs: ms };
  }

  /** The processes running now. */
  get running(): number {
    return this.runs.size;
  }

  /** The process ids running now (for tests that check nothing is left behind). */
  get pids(): number[] {
    return [...this.runs.values()].map((r) => r.child.pid ?? 0).filter((p) => p > 0);
  }

  /**
   * The credential for `key`: from the cache while it has not expired, else from the command (joining a run already
   * under way). Rejects with a MetricsError when the command hangs, is missing, fails or prints no credential, and
   * with the signal's reason when `signal` aborts first.
   */
  get(key: string, cmd: CredentialCommand, signal?: AbortSignal): Promise<Credential> {
    if (this.disposed) return Promise.reject(new Error('the credential runner was disposed'));
    const cached = this.cache.get(key);
    if (cached && (cached.expiresAt === undefined || this.now() < cached.expiresAt)) return Promise.resolve(cached);
    this.cache.delete(key);
    signal?.throwIfAborted();
    let run = this.runs.get(key);
    if (!run) {
      run = this.start(key, cmd);
      this.runs.set(key, run);
    }
    return this.wait(run, signal);
  }

  /** Forgets the cached credential of `key` (the API server refused it), so the next `get` runs the command again. */
  invalidate(key: string, used?: Credential): void {
    const cached = this.cache.get(key);
    if (cached && (!used || cached === used)) this.cache.delete(key);
  }

  /** The command running for `key`, undefined when none is. */
  progress(key: string): CredentialProgress | undefined {
    const run = this.runs.get(key);
    if (!run) return undefined;
    return { cmd: run.cmd, startedAt: run.startedAt, timeoutMs: run.timeoutMs, output: visibleOutput(run.stderr()) };
  }

  /**
   * Stops the command running for `key` (the user pressed Cancel): it is killed with everything it started, and
   * every caller waiting for it gets the "cancelled" message. False when none was running.
   */
  cancel(key: string): boolean {
    const run = this.runs.get(key);
    if (!run) return false;
    run.cancel();
    return true;
  }

  /** Kills every running command and forgets every credential. */
  dispose(): void {
    this.disposed = true;
    for (const r of this.runs.values()) r.kill();
    this.runs.clear();
    this.cache.clear();
  }

  private wait(run: Run, signal: AbortSignal | undefined): Promise<Credential> {
    run.waiters++;
    if (!signal) return run.promise;
    return new Promise<Credential>((resolve, reject) => {
      const onAbort = () => {
        // The last caller gone: nobody needs this run any more.
        if (--run.waiters === 0) run.kill();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      run.promise.then(
        (c) => {
          signal.removeEventListener('abort', onAbort);
          resolve(c);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private start(key: string, cmd: CredentialCommand): Run {
    this.started++;
    const timeoutMs = this.options.timeoutMs;
    const posix = process.platform !== 'win32';
    // stdin is closed: Kubewise cannot answer a prompt, and a plugin that waits for one must not wait forever.
    // Its own process group (POSIX) so that a kill reaches what it started too (a shell script's children).
    const child = spawn(cmd.command, [...cmd.args], {
      env: { ...process.env, ...cmd.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: posix,
      windowsHide: true,
    });
    let killed = false;
    let cancelled = false;
    let stderr = '';
    const startedAt = this.now();
    let settleNow: () => void = () => undefined;
    const kill = () => {
      if (killed) return;
      killed = true;
      try {
        // The whole group: whatever the plugin started (and may still hold its output pipe) goes too.
        if (posix && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      // Settle now rather than on `close`: a process that escaped the group may keep the pipe open for ever.
      settleNow();
    };
    const promise = new Promise<Credential>((resolve, reject) => {
      let stdout = '';
      let spawnError: NodeJS.ErrnoException | undefined;
      let timedOut = false;
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        if (stdout.length < 1 << 20) stdout += d;
      });
      child.stderr!.setEncoding('utf8').on('data', (d: string) => {
        if (stderr.length < 1 << 16) stderr += d;
      });
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, timeoutMs);
      let settled = false;
      let grace: NodeJS.Timeout | undefined;
      const finish = (code: number | null, sig: NodeJS.Signals | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        child.stdout!.destroy();
        child.stderr!.destroy();
        if (this.runs.get(key)?.child === child) this.runs.delete(key);
        if (spawnError) {
          reject(
            new MetricsError(
              spawnError.code === 'ENOENT' ? commandMissing(cmd) : commandFailed(cmd, spawnError.message),
            ),
          );
        } else if (timedOut) {
          reject(new MetricsError(commandHung(cmd, timeoutMs)));
        } else if (cancelled) {
          reject(new MetricsError(commandCancelled(cmd, this.now() - startedAt)));
        } else if (killed) {
          reject(new Error(`the credential command was stopped (${sig ?? 'killed'})`));
        } else if (code !== 0) {
          reject(new MetricsError(commandFailed(cmd, stderr, code ?? undefined)));
        } else {
          const parsed = parseCredentialOutput(cmd, stdout);
          if (typeof parsed === 'string') {
            reject(new MetricsError(commandOutputInvalid(cmd, parsed)));
            return;
          }
          if (!this.disposed) this.cache.set(key, parsed);
          resolve(parsed);
        }
      };
      child.on('error', (e: NodeJS.ErrnoException) => {
        spawnError ??= e;
        // A command that could not start has no `close` to wait for.
        if (child.pid === undefined) finish(null, null);
      });
      settleNow = () => finish(null, 'SIGKILL');
      // `close`: the process exited and its output is read. A child it left behind may hold the pipe open, so
      // `exit` settles too, after a moment for the output to arrive.
      child.on('close', finish);
      child.on('exit', (code, sig) => {
        grace = setTimeout(() => finish(code, sig), 1000);
      });
    });
    // A run whose waiters all left still settles; nobody may be listening.
    promise.catch(() => undefined);
    const cancel = () => {
      cancelled = true;
      kill();
    };
    return { promise, child, cmd, startedAt, timeoutMs, stderr: () => stderr, waiters: 0, kill, cancel };
  }
}
