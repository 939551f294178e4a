/**
 * "Lint these texts": the one place where the CLI turns sources into results.
 *
 * The given paths are one workspace: when a rule in force reads other objects (an HPA's target, a Service's pods),
 * every source is read and parsed first into the engine's `Workspace`, then each is linted against the merged
 * index. Otherwise sources are read, linted and dropped one at a time, so memory stays flat over any number of
 * files.
 */
import type { RuleSet } from '../engine';
import { fixAll, lintText, Workspace } from '../engine';
import type { FixAllResult } from '../engine/fixall';
import { byPosition } from '../engine/ranges';
import { LARGE_LINT_CHARS } from './heap';
import type { LintDiagnostic, LintResult, RuleFailure } from '../engine/types';
import { ioReason } from './files';

export interface Source {
  /** The path as shown in output (`<stdin>` for standard input). */
  display: string;
  /** The bytes; may throw a file-system error. */
  read(): Buffer;
  /** The file's absolute path, when it is one: a worker thread then reads it itself (see ./parallel.ts). */
  path?: string;
  /**
   * Called with `--fix` for every source that was read: the content after fixing, and whether fixes changed it.
   * A file is rewritten in place when changed; stdin always prints it, so `lint --fix - <a >b` always fills b.
   */
  write(content: string | Buffer, changed: boolean): void;
  /** Found by walking a folder and named `*.json`: linted only when it looks like a Kubernetes object. */
  requireManifest: boolean;
  /** Whether the file lies in a Helm chart (asked only of a skipped template): else `{{ }}` are another tool's. */
  inChart?: () => boolean;
}

export type Outcome =
  | { kind: 'linted'; display: string; diagnostics: LintDiagnostic[]; failures: RuleFailure[]; fixed: number }
  | { kind: 'skipped'; display: string; reason: string }
  /** A discovered JSON file that is not a manifest (package.json…): not counted, not shown. */
  | { kind: 'other'; display: string }
  | { kind: 'error'; display: string; message: string };

export interface DecodedText {
  text: string;
  bom: boolean;
  /** Why the bytes are not lintable text, when they are not. */
  unreadable?: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decode(bytes: Buffer): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: '', bom: false, unreadable: 'UTF-16 text; save it as UTF-8' };
  }
  // NUL bytes do not occur in YAML or JSON text: this is an image, an archive, a compiled file.
  if (bytes.subarray(0, 8192).includes(0)) return { text: '', bom: false, unreadable: 'binary file' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // Invalid UTF-8 becomes U+FFFD: the rest of the file is still linted.
  return { text: UTF8.decode(bom ? bytes.subarray(3) : bytes), bom };
}

const JSON_MANIFEST = /"apiVersion"\s*:/;
const HELM_SKIP = 'Helm template';
/** A file with `{{ }}` placeholders outside any chart (envsubst, Jinja, a Go template of some script). */
const OTHER_TEMPLATE = 'template placeholders, not in a Helm chart';

export interface LintSourcesOptions {
  fix: boolean;
  /** With `fix`: apply unsafe fixes too. */
  unsafeFixes?: boolean;
  /** READMEs beside or above the sources (paths as sources show them): each marks an app's folder. */
  readmes?: readonly string[];
  /**
   * Called once, before the file that brings the text read to `LARGE_LINT_CHARS` is parsed, when every file is kept
   * for the cross-object rules (./heap.ts).
   */
  beforeLargeLint?: () => void;
  /** False when nothing reads what fixes write (text or JSON output, no `--fix`): see `LintOptions.fixTexts`. */
  fixTexts?: boolean;
  /**
   * Files that are not linted here but whose objects the cross-object rules see: the files kustomizations build
   * (linted through their builds, ./render.ts), as the editor indexes them beside the plain files. Asked for once the
   * sources are read.
   */
  context?: () => Iterable<Source>;
}

/** How a text is fixed and linted: alone, or against the workspace of all sources. */
interface Checker {
  fix(uri: string, text: string): FixAllResult;
  /** Lints the text (the fixed one, after `fix`). */
  lint(uri: string, text: string): LintResult;
}

/** A source read and decoded, to be linted. */
export interface Loaded {
  source: Source;
  uri: string;
  text: string;
  bom: boolean;
}

export function* lintSources(
  sources: Iterable<Source>,
  ruleSet: RuleSet,
  options: LintSourcesOptions,
): Generator<Outcome> {
  for (const step of lintSourceSteps(sources, ruleSet, options)) if (step !== PAUSE) yield step;
}

/** A point where linting may stop for the event loop: a file was read and parsed, its outcome is yet to come. */
export const PAUSE = Symbol('pause');

/**
 * `lintSources` on this thread, giving the event loop a turn about every `sliceMs` of work: charts and overlays
 * render meanwhile (helm and kubectl, child processes on other cores), their output drained and linted as it comes.
 */
export async function lintSourcesAsync(
  sources: Iterable<Source>,
  ruleSet: RuleSet,
  options: LintSourcesOptions,
  sliceMs = 10,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let sliceStart = performance.now();
  for (const step of lintSourceSteps(sources, ruleSet, options)) {
    if (step !== PAUSE) outcomes.push(step);
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return outcomes;
}

function* lintSourceSteps(
  sources: Iterable<Source>,
  ruleSet: RuleSet,
  options: LintSourcesOptions,
): Generator<Outcome | typeof PAUSE> {
  if (!ruleSet.hasIndexRules) {
    const alone: Checker = {
      fix: (_uri, text) => fixAll(text, ruleSet, undefined, { unsafe: options.unsafeFixes }),
      lint: (_uri, text) => lintText(text, ruleSet, { fixTexts: options.fixTexts }),
    };
    for (const source of sources) {
      const loaded = load(source, options);
      yield 'kind' in loaded ? loaded : check(loaded, alone, options);
    }
    return;
  }

  const workspace = new Workspace();
  for (const readme of options.readmes ?? []) workspace.addReadme(readme.replace(/\\/g, '/'));
  const queue: Array<Loaded | Outcome> = [];
  let read = 0;
  for (const source of sources) {
    const loaded = load(source, options);
    if (!('kind' in loaded)) {
      // every file stays parsed until the last is read: a large lint collects first, while the heap is small
      if (read < LARGE_LINT_CHARS && (read += loaded.text.length) >= LARGE_LINT_CHARS) options.beforeLargeLint?.();
      workspace.setFile(loaded.uri, loaded.text);
    }
    queue.push(loaded);
    yield PAUSE;
  }
  for (const source of options.context?.() ?? []) {
    const loaded = load(source, { fix: false });
    if (!('kind' in loaded)) workspace.setFile(loaded.uri, loaded.text);
  }
  const together: Checker = {
    fix: (uri, text) => {
      const result = fixAll(text, ruleSet, undefined, {
        uri,
        unsafe: options.unsafeFixes,
        indexFor: (entries) => workspace.indexWith(uri, entries),
      });
      // Later files see the fixed objects (a fix may add one, such as a missing PodDisruptionBudget).
      if (result.text !== text) workspace.setFile(uri, result.text);
      return result;
    },
    // each file is linted once: nothing is kept for a next lint
    lint: (uri) => workspace.lint(uri, ruleSet, { once: true, fixTexts: options.fixTexts }),
  };
  for (const item of queue) yield 'kind' in item ? item : check(item, together, options);
}

/**
 * Reads and decodes a source; what cannot or need not be linted becomes its outcome at once (with `--fix`, stdin
 * still echoes it unchanged).
 */
export function load(source: Source, options: LintSourcesOptions): Loaded | Outcome {
  const { display } = source;
  let bytes: Buffer;
  try {
    bytes = source.read();
  } catch (e) {
    return { kind: 'error', display, message: `cannot read '${display}': ${ioReason(e)}` };
  }
  const decoded = decode(bytes);
  let outcome: Outcome | undefined;
  if (decoded.unreadable) outcome = { kind: 'skipped', display, reason: decoded.unreadable };
  else if (source.requireManifest && !JSON_MANIFEST.test(decoded.text)) outcome = { kind: 'other', display };
  // The workspace key is the shown path with forward slashes: kustomization paths resolve against it.
  if (!outcome) return { source, uri: display.replace(/\\/g, '/'), text: decoded.text, bom: decoded.bom };
  if (options.fix) {
    try {
      source.write(bytes, false);
    } catch (e) {
      return { kind: 'error', display, message: `cannot write '${display}': ${ioReason(e)}` };
    }
  }
  return outcome;
}

function check({ source, uri, text, bom }: Loaded, checker: Checker, options: LintSourcesOptions): Outcome {
  const { display } = source;
  let fixed = 0;
  if (options.fix) {
    const result = checker.fix(uri, text);
    const changed = result.text !== text;
    if (changed) {
      fixed = result.applied;
      text = result.text;
    }
    try {
      source.write((bom ? '\uFEFF' : '') + text, changed);
    } catch (e) {
      return { kind: 'error', display, message: `cannot write '${display}': ${ioReason(e)}` };
    }
  }
  return outcomeOf(source, checker.lint(uri, text), fixed);
}

/** The outcome of a source from its lint result (on this thread or a worker's). */
export function outcomeOf(source: Source, result: LintResult, fixed: number): Outcome {
  const { display } = source;
  if (result.skipped) {
    const reason = result.skipped === HELM_SKIP && source.inChart?.() === false ? OTHER_TEMPLATE : result.skipped;
    return { kind: 'skipped', display, reason };
  }
  const diagnostics = [...result.diagnostics].sort(byPosition);
  return { kind: 'linted', display, diagnostics, failures: result.failures, fixed };
}
