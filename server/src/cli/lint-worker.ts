/**
 * The worker-thread side of `kubewise lint --jobs N` (the main thread's side is ./parallel.ts). A worker lints the
 * files it is given in two steps, so that its findings are those of a single thread:
 *   1. `parse`: claim files from the run (see `Claims`), read, decode and parse them; answer each file's index entries as plain data (or, when no rule
 *      in force reads other objects, its findings at once);
 *   2. `lint`: take every file's entries in the order of the whole run, build the same workspace a single thread
 *      builds (its own files parsed here, the others as `ForeignFile`s), and lint its own files against it.
 */
import { readFileSync } from 'node:fs';
import type * as WorkerThreads from 'node:worker_threads';
import { createRuleSet } from '../composition';
import { DocumentLinter, lintText, Workspace } from '../engine';
import { ForeignFile } from '../engine/foreign-file';
import type { EntryData } from '../engine/indexer';
import type { RuleSet } from '../engine/rule-set';
import type { LintResult, Settings } from '../engine/types';
import type { Outcome, Source } from './lint';
import { load } from './lint';

/** `workerData` of a lint worker: how a thread knows it is one. */
export const WORKER_DATA = { kubewiseLintWorker: true } as const;

/**
 * The argument a lint worker is started with (`Worker`'s `argv`): the bundle asks `isLintWorker` as it starts, and
 * `node:worker_threads` is loaded only when this is on the command line. A `kubewise lint` that starts no worker
 * does not load it (nor `node:child_process` when nothing is rendered: ./render-host.ts), a millisecond or two of
 * every run.
 */
export const LINT_WORKER_ARG = '--kubewise-lint-worker';

/** `node:worker_threads`, loaded when first needed. */
export function workerThreads(): typeof WorkerThreads {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (see LINT_WORKER_ARG)
  return require('node:worker_threads') as typeof WorkerThreads;
}

/** What the threads of a run share: the settings, `--only`, the READMEs that mark app folders. */
export interface ShareSetup {
  settings: Settings;
  only?: string[];
  readmes: readonly string[];
  /** See `LintSourcesOptions.fixTexts`. */
  fixTexts?: boolean;
}

/**
 * The counter every thread of a run claims files from (`Atomics.add` on shared memory: no thread waits for another
 * to hand out work), and how many consecutive files one claim takes.
 */
export interface Claims {
  next: Int32Array;
  size: number;
}

/** A file for a worker: its place in the run, and where its bytes come from (a path, or the bytes of stdin). */
export interface FileJob {
  index: number;
  display: string;
  path?: string;
  bytes?: Uint8Array;
  requireManifest: boolean;
  /** In the index only (`ParallelOptions.context`): parsed and shared, not linted. */
  context?: boolean;
}

/** What step 1 answers for one file. */
export type ParsedFile =
  | { index: number; outcome: Outcome }
  | { index: number; result: LintResult }
  | { index: number; file: SharedFile };

/** A parsed file as every thread's workspace needs it. */
export interface SharedFile {
  uri: string;
  helm: boolean;
  entries: EntryData[];
  /** The text of a kustomization file (its `namespace:` and `resources` scope the index). */
  kustomization?: string;
}

export type ToWorker =
  | { type: 'parse'; setup: ShareSetup; jobs: FileJob[]; claims: Claims; lintNow: boolean }
  | { type: 'lint'; files: Array<{ index: number } & SharedFile> };

export type FromWorker =
  | { type: 'parsed'; files: ParsedFile[] }
  | { type: 'linted'; results: Array<{ index: number; result: LintResult }> }
  | { type: 'failed'; message: string };

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
/** The CLI's workspace namespace: what `new Workspace()` uses on the main thread. */
const DEFAULT_NAMESPACE = (): string => 'default';

export function isLintWorker(): boolean {
  if (!process.argv.includes(LINT_WORKER_ARG)) return false;
  const { isMainThread, workerData } = workerThreads();
  return !isMainThread && (workerData as Partial<typeof WORKER_DATA> | undefined)?.kubewiseLintWorker === true;
}

/**
 * The files of a run that one thread lints (a worker's, or the main thread's own share): `parse` is step 1 and
 * `lint` step 2 of the module comment.
 */
export class LintShare {
  private readonly ruleSet: RuleSet;
  private readonly own = new Map<number, { uri: string; linter: DocumentLinter; context?: boolean }>();

  constructor(private readonly setup: ShareSetup) {
    this.ruleSet = createRuleSet(setup.settings, setup.only ? new Set(setup.only) : undefined);
  }

  /** Step 1 on the files this thread claims from `jobs` (all files of the run). */
  parse(jobs: readonly FileJob[], claims: Claims, lintNow: boolean): ParsedFile[] {
    const files: ParsedFile[] = [];
    for (;;) {
      const first = Atomics.add(claims.next, 0, claims.size);
      if (first >= jobs.length) break;
      for (const job of jobs.slice(first, first + claims.size)) files.push(this.parseOne(job, lintNow));
    }
    return files;
  }

  private parseOne(job: FileJob, lintNow: boolean): ParsedFile {
    const source: Source = {
      display: job.display,
      read: () => (job.path !== undefined ? readFileSync(job.path) : Buffer.from(job.bytes!)),
      write: () => undefined,
      requireManifest: job.requireManifest,
    };
    const loaded = load(source, { fix: false });
    if ('kind' in loaded) return { index: job.index, outcome: loaded };
    if (lintNow)
      return { index: job.index, result: lintText(loaded.text, this.ruleSet, { fixTexts: this.setup.fixTexts }) };
    // as `Workspace.setFile` makes it, so that this thread's entries are the ones a single thread would have
    const linter = new DocumentLinter(loaded.uri, DEFAULT_NAMESPACE);
    linter.update(loaded.text, loaded.uri);
    this.own.set(job.index, { uri: loaded.uri, linter, context: job.context });
    return {
      index: job.index,
      file: {
        uri: loaded.uri,
        helm: linter.isHelm,
        entries: linter.entries().map((e) => e.toData()),
        ...(KUSTOMIZATION.test(loaded.uri) && { kustomization: loaded.text }),
      },
    };
  }

  /** Lints this share's files in the workspace of all `files` (every parsed file of the run, in its order). */
  lint(files: ReadonlyArray<{ index: number } & SharedFile>): Array<{ index: number; result: LintResult }> {
    const workspace = new Workspace(DEFAULT_NAMESPACE);
    for (const readme of this.setup.readmes) workspace.addReadme(readme.replace(/\\/g, '/'));
    for (const f of files) {
      const mine = this.own.get(f.index);
      if (mine) workspace.addParsed(f.uri, mine.linter, f.kustomization);
      else workspace.addParsed(f.uri, new ForeignFile(f.uri, f.entries, f.helm, DEFAULT_NAMESPACE), f.kustomization);
    }
    const results: Array<{ index: number; result: LintResult }> = [];
    // each file is linted once, as on the main thread (cli/lint.ts): nothing is recorded for a next lint
    for (const [index, { uri, context }] of this.own) {
      if (context) continue;
      results.push({ index, result: workspace.lint(uri, this.ruleSet, { once: true, fixTexts: this.setup.fixTexts }) });
    }
    this.own.clear();
    return results;
  }
}

function serve(): void {
  const port = workerThreads().parentPort!;
  let share: LintShare | undefined;
  port.on('message', (message: ToWorker) => {
    try {
      if (message.type === 'parse') {
        share = new LintShare(message.setup);
        port.postMessage({ type: 'parsed', files: share.parse(message.jobs, message.claims, message.lintNow) });
      } else {
        port.postMessage({ type: 'linted', results: share!.lint(message.files) });
      }
    } catch (e) {
      port.postMessage({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}

// A worker thread started by ./parallel.ts runs this module (the CLI bundle, or this file's compiled form).
if (isLintWorker()) serve();
