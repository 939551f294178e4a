/**
 * `kubewise lint --jobs N`: files linted on N threads (this one and N-1 workers), with the outcomes of a single
 * thread (the same findings, in the same order). The threads claim runs of consecutive files from a shared counter;
 * each thread parses the files it claimed and hands over their index entries; when every file is parsed, every thread receives all entries in the
 * order of the run and lints its own files against the same workspace a single thread would build
 * (./lint-worker.ts). This thread then merges the outcomes and reports.
 *
 * `--fix` stays on one thread: a fix may add an object that later files see, and files are rewritten one by one.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import type { Settings } from '../engine/types';
import type { Outcome, Source } from './lint';
import { outcomeOf } from './lint';
import type { Claims, FileJob, FromWorker, ShareSetup, SharedFile, ToWorker } from './lint-worker';
import { isLintWorker, LINT_WORKER_ARG, LintShare, WORKER_DATA, workerThreads } from './lint-worker';

/**
 * The default (`--jobs` not given) uses threads only from this many files, and only on a machine with at least
 * `AUTO_MIN_CORES` cores. On two quiet cores threads give no speed-up at any size measured (wall time, one thread
 * against two, three runs each: 1,000 files 0.78-0.86 s against 0.82-0.97 s; 3,000 files 1.79-2.06 s against
 * 1.72-1.86 s; 6,000 files 2.98-3.33 s against 2.94-2.98 s; the 361-file public corpus 1.0 s against 0.94 s without
 * its overlays, 1.79 s against 1.98 s with them) and cost 25-35 % more CPU: a one-thread run already keeps about 1.2
 * cores busy (V8's collector and optimizing compiler run beside it), so a second lint thread finds little idle. An
 * explicit `--jobs N` uses threads from two files on.
 */
export const AUTO_MIN_FILES = 1000;

/**
 * Cores a machine needs before the default uses threads: with four, two lint threads and their background work still
 * find idle cores (a judgement: machines here have two cores, so it is not measured).
 */
export const AUTO_MIN_CORES = 4;

/**
 * How many threads lint `files` sources: `jobs` when given, else one per core from `AUTO_MIN_FILES` files on a
 * machine of `AUTO_MIN_CORES` cores or more.
 */
export function threadCount(jobs: number | undefined, files: number, cores = availableParallelism()): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, files));
  if (files < AUTO_MIN_FILES || cores < AUTO_MIN_CORES) return 1;
  return Math.max(1, Math.min(cores, files));
}

/**
 * Below this many files a threaded run stops V8 at its baseline compiler (see `tuneProcessForThreads`); from it on,
 * the optimizing compiler pays back. By hand on two busy cores, CPU of all threads of `--jobs 2` with the optimizing
 * compiler and without (V8 flags of ./tiering.ts): the 361-file corpus 1.65 s against 1.45 s, 1,000 files 1.58 s
 * against 1.54 s, 3,000 files 3.10 s against 3.86 s (the parser runs about three times slower unoptimized).
 */
export const BASELINE_ONLY_BELOW = 1000;

/**
 * Makes a run on several threads of `files` files cheaper: below `BASELINE_ONLY_BELOW` files V8 stops at its
 * baseline compiler (Sparkplug). Each thread is an isolate that compiles its own optimized copy of the same hot
 * functions, on background threads that take cores from the lint itself; in a process that lives a few seconds that
 * work does not pay back. Process-wide (worker threads already started follow it too), so only the `kubewise`
 * process calls it (`CliIO.beforeThreads`), once it knows how many files it lints.
 */
export function tuneProcessForThreads(files: number): void {
  if (files < BASELINE_ONLY_BELOW) setFlagsFromString('--max-opt=1');
}

export interface ParallelOptions {
  settings: Settings;
  only?: ReadonlySet<string>;
  readmes: readonly string[];
  /** Whether a rule in force reads other objects (then files are linted against the merged index). */
  hasIndexRules: boolean;
  threads: number;
  /** See `LintSourcesOptions.fixTexts`. */
  fixTexts?: boolean;
  /** Files whose objects the index holds, not linted (see `LintSourcesOptions.context`). */
  context?: readonly Source[];
}

/** One lint worker: this same bundle, told by its `workerData` and argument that it is one (./lint-worker.ts). */
function startWorker(): Worker {
  const { Worker: WorkerThread } = workerThreads();
  return new WorkerThread(__filename, { workerData: WORKER_DATA, argv: [LINT_WORKER_ARG] });
}

/**
 * Worker threads started before the files are known: with an explicit `--jobs N` they load kubewise while this
 * thread reads the settings and walks the folders. Unreferenced until used, so an early exit (a usage error) never
 * waits for them; `close` ends those a run did not use.
 */
export class LintWorkers {
  private readonly channels: Channel[] = [];

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.channels.push(new Channel(startWorker()));
  }

  /** `count` workers for a run (started now when fewer are waiting); the others are ended. */
  take(count: number): Channel[] {
    while (this.channels.length < count) this.channels.push(new Channel(startWorker()));
    const taken = this.channels.splice(0, count);
    for (const c of taken) c.ref();
    void this.close();
    return taken;
  }

  async close(): Promise<void> {
    await Promise.all(this.channels.splice(0).map((c) => c.close()));
  }
}

/**
 * Files a thread claims at once from the shared counter: consecutive files (a folder's files mostly share a unit,
 * whose index each thread builds), small enough that threads finish together (a late worker takes fewer).
 */
function claimSize(files: number, threads: number): number {
  return Math.max(1, Math.ceil(files / (threads * 16)));
}

/** The outcome of every source, in the order given, linted on `threads` worker threads. */
export async function lintSourcesInWorkers(
  sources: readonly Source[],
  options: ParallelOptions,
  started?: LintWorkers,
): Promise<Outcome[]> {
  // in a worker this module is loaded too (the bundle is one file): never start workers from a worker
  if (isLintWorker()) throw new Error('lint workers do not start workers');
  const setup: ShareSetup = {
    settings: options.settings,
    only: options.only && [...options.only],
    readmes: options.readmes,
    fixTexts: options.fixTexts,
  };
  const count = Math.max(1, Math.min(options.threads, sources.length));
  const pool = started ?? new LintWorkers(0);
  const workers = pool.take(count - 1);
  try {
    // context files after the sources (index from sources.length on): parsed and shared, never linted
    const context = options.hasIndexRules ? (options.context ?? []) : [];
    const jobs: FileJob[] = [...sources, ...context].map((source, index) => {
      const job: FileJob = { index, display: source.display, requireManifest: source.requireManifest };
      if (index >= sources.length) job.context = true;
      // a file is read by the thread that claims it; standard input was read before (its bytes are sent)
      if (source.path !== undefined) job.path = source.path;
      else job.bytes = source.read();
      return job;
    });
    // Every thread claims runs of files from one counter until none is left: this thread starts at once (its code
    // is loaded and warm), a worker joins as soon as it has loaded, and no thread waits while another has files.
    const claims: Claims = { next: new Int32Array(new SharedArrayBuffer(4)), size: claimSize(jobs.length, count) };
    const lintNow = !options.hasIndexRules;
    const asked = workers.map((w) => w.ask({ type: 'parse', setup, jobs, claims, lintNow }, 'parsed'));
    const local = new LintShare(setup);
    const parsed = [local.parse(jobs, claims, lintNow), ...(await Promise.all(asked)).map((r) => r.files)];
    const outcomes: Outcome[] = new Array<Outcome>(sources.length);
    const shared: Array<{ index: number } & SharedFile> = [];
    for (const files of parsed) {
      for (const f of files) {
        if (f.index >= sources.length) {
          if ('file' in f) shared.push({ index: f.index, ...f.file });
        } else if ('outcome' in f) outcomes[f.index] = f.outcome;
        else if ('result' in f) outcomes[f.index] = outcomeOf(sources[f.index], f.result, 0);
        else shared.push({ index: f.index, ...f.file });
      }
    }
    if (shared.length) {
      shared.sort((a, b) => a.index - b.index);
      const linting = workers.map((w) => w.ask({ type: 'lint', files: shared }, 'linted'));
      const results = [local.lint(shared), ...(await Promise.all(linting)).map((r) => r.results)];
      for (const list of results) {
        for (const { index, result } of list) outcomes[index] = outcomeOf(sources[index], result, 0);
      }
    }
    return outcomes;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

/** One worker, asked one question at a time; a worker that fails or exits early fails the question. */
class Channel {
  private pending: { resolve(m: FromWorker): void; reject(e: Error): void } | undefined;
  private failure: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => {
      const p = this.pending;
      this.pending = undefined;
      if (m.type === 'failed') p?.reject(new Error(`a lint worker failed: ${m.message}`));
      else p?.resolve(m);
    });
    const fail = (e: Error): void => {
      this.failure = e;
      this.pending?.reject(e);
      this.pending = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a lint worker exited (code ${code})`)));
    worker.unref();
  }

  ask<T extends FromWorker['type']>(message: ToWorker, expect: T): Promise<Extract<FromWorker, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = {
        resolve: (m) =>
          m.type === expect
            ? resolve(m as Extract<FromWorker, { type: T }>)
            : reject(new Error(`a lint worker answered ${m.type}`)),
        reject,
      };
      this.worker.postMessage(message);
    });
  }

  /** Keeps the process alive while the worker may answer (workers start unreferenced). */
  ref(): void {
    this.worker.ref();
  }

  async close(): Promise<void> {
    if (!this.failure) await this.worker.terminate();
  }
}
