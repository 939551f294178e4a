/**
 * Linting of open documents: one `DocumentLinter` per document (so an edit re-checks only the `---` segment that
 * changed), diagnostics pushed at once after a lone edit when linting is cheap, after a short pause while edits
 * arrive in a burst, and never for a text the editor no longer shows. A long lint (a large file, a re-check of every
 * open file) runs in slices of `LINT_SLICE_MS`, and the server answers requests between them; a lint whose document
 * has changed since it started stops at the end of its slice and publishes nothing.
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintDiagnostic, LintResult, RuleSet } from '../engine';
import { drain } from '../engine';
import type { ConfigStore, DocumentConfig } from './config';
import type { PublishFields } from './diagnostics';
import { toLspDiagnostic } from './diagnostics';
import type { WorkspaceFiles } from './workspace-files';

/**
 * Pause after the last keystroke before linting while a burst of edits is arriving: long enough to skip
 * intermediate texts, short enough to feel live.
 */
export const LINT_DELAY_MS = 150;

/**
 * A lint at most this long is cheap (it fits between two keystrokes): the next edit that starts no burst is linted
 * at once, with no pause.
 */
export const CHEAP_LINT_MS = 100;

/** Edits closer together than this form a burst (typing): only then are they coalesced. */
export const BURST_GAP_MS = 120;

/** Pause before other open documents are re-checked after an edit changed the objects of the workspace. */
export const CROSS_FILE_DELAY_MS = 250;

/**
 * A lint works at most about this long before it lets the server read and answer what the editor sent meanwhile
 * (hover, code actions, the next edit): short enough that an answer never waits noticeably, long enough that pausing
 * costs nothing measurable.
 */
export const LINT_SLICE_MS = 15;

/**
 * The one place the server lints a text: the editor's text replaces the file's in the workspace (only its changed
 * `---` segments are parsed again), and cross-resource rules see every object of the workspace. In steps (see
 * `DocumentLinter.updateSteps`); `indexChanged` is told as soon as the text took effect, even if the lint then stops.
 */
export function* lintDocumentSteps(
  files: WorkspaceFiles,
  uri: string,
  text: string,
  ruleSet: RuleSet,
  indexChanged: () => void = () => undefined,
): Generator<void, { result: LintResult; indexChanged: boolean }> {
  const changed = yield* files.setOpenSteps(uri, text);
  if (changed) indexChanged();
  return { result: yield* files.workspace.lintSteps(uri, ruleSet), indexChanged: changed };
}

/** Whether the server lints a document at all: YAML by language id, or by extension when the client says otherwise. */
export function isYamlDocument(doc: { uri: string; languageId: string }): boolean {
  if (doc.languageId === 'yaml') return true;
  // Helm's own language id marks templates: not plain YAML (the engine skips them), but their chart's render
  // places findings on them (lsp/render.ts)
  if (doc.languageId === 'helm') return true;
  const end = doc.uri.search(/[?#]/);
  return /\.ya?ml$/i.test(end < 0 ? doc.uri : doc.uri.slice(0, end));
}

export interface LintHost {
  get(uri: string): TextDocument | undefined;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** Which optional fields published diagnostics carry (all unless the client asked for fewer). */
  publishFields?(): PublishFields;
  /** A rule threw; the host reports each rule once. */
  failure(ruleId: string, message: string): void;
  error(message: string): void;
  /**
   * Findings for a file that belongs to a chart or an overlay, from its render (lsp/render.ts); undefined when it
   * belongs to none (then the file is linted on its own); 'pending' while its first render runs (nothing is
   * published until the render's findings arrive, so a patch is never judged as a whole object first).
   */
  rendered?(uri: string): LintDiagnostic[] | 'pending' | undefined;
}

interface OpenDocument {
  timer?: NodeJS.Timeout;
  /** When the last edit arrived, and how long the last lint took (ms), to tell a burst and a cheap lint. */
  lastEditAt?: number;
  lastLintMs?: number;
  /** Bumped by every lint request; only the newest may publish. */
  generation: number;
  /**
   * What was last published, so that background re-checks publish only news. The engine hands back its cached
   * diagnostic objects while nothing changed, so comparing by identity is enough (and costs nothing per keystroke).
   */
  published?: { version: number; diagnostics: readonly LintDiagnostic[] };
  last?: { version: number; ruleSet: RuleSet; result: LintResult; indexVersion: number };
}

const EMPTY: LintResult = { diagnostics: [], failures: [] };

export class Linting {
  private readonly open = new Map<string, OpenDocument>();
  private othersTimer: NodeJS.Timeout | undefined;
  private othersExcept: string | undefined;

  constructor(
    private readonly host: LintHost,
    private readonly configs: ConfigStore,
    private readonly files: WorkspaceFiles,
    /**
     * The clock that times lints (cheap or not, slice length). Tests pass node:test's mocked `Date.now` so that
     * whether a lint counts as cheap never depends on how busy the machine is.
     */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** A document was opened or changed: lint now when new, else after a pause. */
  changed(doc: TextDocument): void {
    if (!isYamlDocument(doc)) return;
    const state = this.open.get(doc.uri);
    if (!state) {
      this.open.set(doc.uri, { generation: 0 });
      void this.validate(doc.uri);
      return;
    }
    const now = Date.now();
    const burst =
      state.timer !== undefined || (state.lastEditAt !== undefined && now - state.lastEditAt < BURST_GAP_MS);
    state.lastEditAt = now;
    if (state.timer) clearTimeout(state.timer);
    state.generation++;
    // a lone edit after a cheap lint is linted at once (a zero timer still folds edits already queued together)
    const delay = !burst && (state.lastLintMs ?? Infinity) <= CHEAP_LINT_MS ? 0 : LINT_DELAY_MS;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.validate(doc.uri);
    }, delay);
  }

  closed(uri: string): void {
    const state = this.open.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    this.open.delete(uri);
    this.configs.forget(uri);
    this.host.publish(uri, undefined, []);
    // the file on disk replaces the editor's text in the workspace; other documents may see different objects now
    void this.files.closed(uri).then((changed) => changed && this.relintOthers(undefined));
  }

  /**
   * Objects of the workspace changed (an edit in another document, a file on disk): re-check the other open
   * documents soon. Only their cross-resource rules run again; everything else comes from their caches.
   */
  relintOthers(except: string | undefined): void {
    if (this.othersTimer) {
      clearTimeout(this.othersTimer);
      if (this.othersExcept !== except) except = undefined;
    }
    this.othersExcept = except;
    this.othersTimer = setTimeout(() => {
      this.othersTimer = undefined;
      for (const [uri, state] of this.open) {
        if (uri === except || state.timer) continue;
        void this.validate(uri, true);
      }
    }, CROSS_FILE_DELAY_MS);
  }

  /** The workspace index was (re)built: re-check open documents, publishing only where something changed. */
  indexRebuilt(): void {
    for (const [uri, state] of this.open) if (!state.timer) void this.validate(uri, true);
  }

  /** Settings changed: lint every open document again (now: the user is waiting to see the effect). */
  relintAll(): void {
    for (const [uri, state] of this.open) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = undefined;
      void this.validate(uri);
    }
  }

  dispose(): void {
    if (this.othersTimer) clearTimeout(this.othersTimer);
    for (const state of this.open.values()) if (state.timer) clearTimeout(state.timer);
    this.open.clear();
  }

  /** The lint of the document's current version if the server has it (any settings): never lints. */
  analysed(doc: TextDocument): LintResult | undefined {
    const last = this.open.get(doc.uri)?.last;
    return last && last.version === doc.version ? last.result : undefined;
  }

  /**
   * The lint of the document's current text with `config`'s rules: the last one when it is current, else linted now
   * (fix-all needs it; quick fixes use `analysed`, which never lints).
   */
  current(doc: TextDocument, config: DocumentConfig): LintResult {
    const state = this.open.get(doc.uri);
    if (!state || !config.enabled || config.ignored) return EMPTY;
    const last = state.last;
    if (
      last &&
      last.version === doc.version &&
      last.ruleSet === config.ruleSet &&
      last.indexVersion === this.files.version
    ) {
      return last.result;
    }
    return this.run(state, doc, config.ruleSet);
  }

  /** The documents this server keeps lint state for (closing one releases it). */
  tracked(): string[] {
    return [...this.open.keys()];
  }

  /** Whether the document is open and linted by this server. */
  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  /** Lints and publishes; `onlyIfChanged` (background re-checks) skips a publish that would repeat the last one. */
  private async validate(uri: string, onlyIfChanged = false): Promise<void> {
    const state = this.open.get(uri);
    if (!state) return;
    const generation = ++state.generation;
    try {
      const config = await this.configs.forDocument(uri);
      const doc = this.host.get(uri);
      // closed, changed or re-requested while the settings were on their way: a newer lint will publish
      if (!doc || this.open.get(uri) !== state || state.generation !== generation) return;
      // the editor's document object takes later edits in place: the version linted is the one at the start
      const version = doc.version;
      const result = config.enabled && !config.ignored ? await this.runSliced(state, doc, config.ruleSet) : EMPTY;
      // the document changed (or was closed, or is linted again) while the lint paused: its text is out of date
      if (!result) return;
      // A chart's or overlay's first render is running: its findings publish when it finishes.
      if (config.enabled && !config.ignored && this.host.rendered?.(uri) === 'pending') return;
      const last = state.published;
      const same =
        !!last &&
        last.version === version &&
        last.diagnostics.length === result.diagnostics.length &&
        result.diagnostics.every((d, i) => d === last.diagnostics[i]);
      if (onlyIfChanged && same) return;
      state.published = { version, diagnostics: result.diagnostics };
      const fields = this.host.publishFields?.();
      this.host.publish(
        uri,
        version,
        result.diagnostics.map((d) => toLspDiagnostic(d, version, fields)),
      );
    } catch (e) {
      this.host.error(`Linting ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  /** Lints at once, to the end (fix-all needs the result now). */
  private run(state: OpenDocument, doc: TextDocument, ruleSet: RuleSet): LintResult {
    const started = this.clock();
    const result = drain(this.runSteps(state, doc, ruleSet));
    state.lastLintMs = this.clock() - started;
    return result;
  }

  /**
   * Lints in slices of `LINT_SLICE_MS`, letting the event loop run in between. Resolves to undefined, leaving the
   * rest undone, when after a pause the lint is no longer the newest of its document (an edit, a close, another lint
   * asked for): only the newest version's lint may publish, and the work done so far stays cached for it.
   */
  private async runSliced(state: OpenDocument, doc: TextDocument, ruleSet: RuleSet): Promise<LintResult | undefined> {
    const generation = state.generation;
    const { uri, version } = doc;
    const steps = this.runSteps(state, doc, ruleSet);
    let worked = 0;
    for (;;) {
      const started = this.clock();
      let next = steps.next();
      while (!next.done && this.clock() - started < LINT_SLICE_MS) next = steps.next();
      worked += this.clock() - started;
      if (next.done) {
        state.lastLintMs = worked;
        return next.value;
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (this.open.get(uri) !== state || state.generation !== generation || this.host.get(uri)?.version !== version) {
        steps.return(EMPTY);
        return undefined;
      }
    }
  }

  private *runSteps(state: OpenDocument, doc: TextDocument, ruleSet: RuleSet): Generator<void, LintResult> {
    const version = doc.version;
    const linted = yield* lintDocumentSteps(this.files, doc.uri, doc.getText(), ruleSet, () =>
      this.relintOthers(doc.uri),
    );
    let result = linted.result;
    const rendered = this.host.rendered?.(doc.uri);
    if (rendered) result = { diagnostics: rendered === 'pending' ? [] : rendered, failures: result.failures };
    for (const f of result.failures) this.host.failure(f.ruleId, f.message);
    state.last = { version, ruleSet, result, indexVersion: this.files.version };
    return result;
  }
}
