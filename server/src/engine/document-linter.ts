/**
 * Runs the rules over a text. The text is split into segments at `---`; each segment is parsed on its own and its
 * parse, index entries and local-rule results are cached by the segment's text, so after an edit only the segment
 * that changed is parsed and checked again. Rules that read other objects (`meta.usesIndex`) run on every lint, over
 * the cached parses, because any object anywhere may have changed what they see.
 */
import type { ParsedSegment } from '../model/segment';
import { parseSegment } from '../model/segment';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { SimpleIndex } from '../model/workspace';
import { isHelmTemplate, looksLikeKubernetes } from '../protocol/sniff';
import { toGlobalRange } from '../yaml/lines';
import { splitSegments } from '../yaml/segments';
import type { Checked, CheckedObject, FixSite } from './context';
import { checkObject, errorText, safeFix, toFix } from './context';
import type { IndexRead } from './index-cache';
import { RecordingIndex, sameAnswers } from './index-cache';
import type { ObjectEntry } from './indexer';
import { entryFor } from './indexer';
import { shiftDiagnostic } from './ranges';
import type { RuleSet } from './rule-set';
import type { LineSuppressions } from './suppressions';
import { isSuppressedByComment, scanIgnoreComments } from './suppressions';
import type { LintDiagnostic, LintResult, RuleFailure } from './types';

interface LintedObject extends CheckedObject {
  /** Cross-resource rule results (segment-local lines) with the index questions they asked, per rule set. */
  indexResults?: {
    key: string;
    /** The text's layout (start lines of its segments) the results were computed in: fixes may edit other objects. */
    layout: number;
    /** The object's namespace as the index saw it (a kustomization may set it). */
    namespace: string | undefined;
    byRule: Map<string, { reads: IndexRead[]; diagnostics: LintDiagnostic[]; failures: RuleFailure[] }>;
  };
}

/** One segment's parse, shared by every lint of a text that contains it (keyed by the segment's text). */
interface SegmentLint {
  segment: ParsedSegment;
  text: string;
  lines: ParsedSegment['lines'];
  comments: LineSuppressions;
  objects: LintedObject[];
  parseFailure?: RuleFailure;
  /** Local-rule results in segment-local lines, for one rule-set key. */
  local?: { key: string; kube: boolean; diagnostics: LintDiagnostic[]; failures: RuleFailure[] };
  /** The local results shifted to the start line they were last used at. */
  shifted?: { startLine: number; diagnostics: LintDiagnostic[] };
}

interface PlacedSegment {
  parse: SegmentLint;
  startLine: number;
  entries: ObjectEntry[];
}

export interface LintOptions {
  /** The index to resolve cross-resource rules against; defaults to the objects of this text. */
  index?: WorkspaceIndexView;
  /**
   * This text is linted this once (the CLI): the cross-resource rules of an object run together, and what each
   * asked of the index is not recorded for a next lint (in a `kubewise lint` of a big file that bookkeeping was a
   * tenth of those rules' time).
   */
  once?: boolean;
  /**
   * With `once`, false: the run never reads what a fix writes (the CLI printing text or JSON), so fixes are built
   * with their places but without rendering the values they insert (`YamlEditor.textless`). Whether each fix exists,
   * its title and safety are as with texts.
   */
  fixTexts?: boolean;
}

/**
 * Lints one document's text over and over (an open editor), re-parsing and re-checking only the segments that
 * changed. `update` takes a new text; `lint` checks the current one.
 */
export class DocumentLinter {
  private parses = new Map<string, SegmentLint>();
  private placed: PlacedSegment[] = [];
  private helm = false;
  private kube = false;
  private text = '';
  private entryList: ObjectEntry[] = [];
  private own: { entries: ObjectEntry[]; index: SimpleIndex } | undefined;
  /** Bumped when a segment's start line changes: cached cross-resource fixes may point into moved text. */
  private layout = 0;
  /** Bumped by every update that took effect (a paused update of an older text must not overwrite a newer one). */
  private revision = 0;
  /** Segments parsed by an update that has not finished (or was stopped): the next update takes them over. */
  private readonly spare = new Map<string, SegmentLint>();

  constructor(
    private uri = 'untitled:manifest.yaml',
    private readonly defaultNamespace: () => string = () => 'default',
  ) {}

  /** Takes the document's new text: re-parses only segments whose text is new. */
  update(text: string, uri = this.uri): void {
    drain(this.updateSteps(text, uri));
  }

  /**
   * `update` in steps: pauses after each segment it parsed anew, so that a host can answer requests in between (see
   * `drain` and lsp/linting.ts). The new text takes effect when the last step is done; a host that stops early leaves
   * the linter at its previous text, and the segments parsed so far wait for the next update.
   */
  *updateSteps(text: string, uri = this.uri): Generator<void, void> {
    if (text === this.text && uri === this.uri && this.placed.length) return;
    const revision = this.revision;
    const helm = isHelmTemplate(text);
    const kube = looksLikeKubernetes(text);
    const next = new Map<string, SegmentLint>();
    const placed: PlacedSegment[] = [];
    if (!helm) {
      const oldPlaced = new Map<SegmentLint, PlacedSegment>();
      for (const p of this.placed) oldPlaced.set(p.parse, p);
      for (const seg of splitSegments(text)) {
        let parse = next.get(seg.text) ?? this.parses.get(seg.text) ?? this.spare.get(seg.text);
        const parsedNow = !parse;
        if (!parse) this.spare.set(seg.text, (parse = segmentLint(seg.text)));
        next.set(seg.text, parse);
        const old = oldPlaced.get(parse);
        let entries: ObjectEntry[];
        if (old && old.startLine === seg.startLine && old.entries.every((e) => e.uri === uri)) entries = old.entries;
        else if (old) entries = old.entries.map((e) => e.moved(e.localLine + seg.startLine, uri));
        else
          entries = parse.objects.map((o) =>
            entryFor(o.object, uri, o.localLine, seg.startLine, this.defaultNamespace),
          );
        placed.push({ parse, startLine: seg.startLine, entries });
        if (parsedNow) yield;
      }
    }
    // another update took effect while this one paused: it is newer, keep it
    if (this.revision !== revision) return;
    this.revision++;
    this.spare.clear();
    this.text = text;
    this.uri = uri;
    this.helm = helm;
    this.kube = kube;
    if (placed.length !== this.placed.length || placed.some((p, i) => p.startLine !== this.placed[i].startLine))
      this.layout++;
    this.parses = next;
    this.placed = placed;
    const list: ObjectEntry[] = [];
    for (const p of placed) for (const e of p.entries) list.push(e);
    // Keep the same array while the objects are the same, so callers can tell "the index did not change" cheaply.
    if (list.length !== this.entryList.length || list.some((e, i) => e !== this.entryList[i])) this.entryList = list;
  }

  /** The index entries of the current text's objects (the same array until they change). */
  entries(): ObjectEntry[] {
    return this.entryList;
  }

  get isHelm(): boolean {
    return this.helm;
  }

  lint(ruleSet: RuleSet, options: LintOptions = {}): LintResult {
    return drain(this.lintSteps(ruleSet, options));
  }

  /** `lint` in steps: pauses after each segment and each object whose results were not cached (see `updateSteps`). */
  *lintSteps(ruleSet: RuleSet, options: LintOptions = {}): Generator<void, LintResult> {
    if (this.helm) return { diagnostics: [], failures: [], skipped: 'Helm template' };
    const diagnostics: LintDiagnostic[] = [];
    const failures: RuleFailure[] = [];
    const placed = this.placed;
    const textless = options.once === true && options.fixTexts === false;
    // index loops here: a big text has hundreds of segments and thousands of findings, and this runs unoptimized
    for (let s = 0; s < placed.length; s++) {
      const p = placed[s];
      if (options.once) {
        // linted once: computed where the segment stands, neither kept nor copied down from line 0
        const local = computeLocal(p.parse, ruleSet, this.kube, p.startLine, textless);
        pushAll(diagnostics, local.diagnostics);
        if (p.parse.parseFailure) failures.push(p.parse.parseFailure);
        pushAll(failures, local.failures);
        yield;
        continue;
      }
      const cached = hasLocalResults(p.parse, ruleSet, this.kube);
      pushAll(diagnostics, localResults(p, ruleSet, this.kube));
      if (p.parse.parseFailure) failures.push(p.parse.parseFailure);
      pushAll(failures, p.parse.local!.failures);
      if (!cached) yield;
    }
    if (ruleSet.hasIndexRules && this.kube) {
      const index = options.index ?? this.ownIndex();
      const fixSite = (entry: IndexedObject): FixSite | undefined => this.fixSite(entry, textless);
      for (let s = 0; s < placed.length; s++) {
        const p = placed[s];
        for (let i = 0; i < p.parse.objects.length; i++) {
          const o = p.parse.objects[i];
          const out = options.once
            ? checkObject(
                o,
                p.parse,
                p.startLine,
                ruleSet,
                ruleSet.forKind(o.object.kind, true),
                index,
                fixSite,
                p.entries[i],
                textless,
              )
            : indexResults(o, p, p.entries[i], ruleSet, index, this.layout, fixSite);
          pushAll(diagnostics, out.diagnostics);
          pushAll(failures, out.failures);
        }
        if (p.parse.objects.length) yield;
      }
    }
    return { diagnostics, failures };
  }

  /** The index of this text's own objects (when no workspace index is given), rebuilt only when they change. */
  private ownIndex(): SimpleIndex {
    const entries = this.entries();
    const ns = this.defaultNamespace();
    const last = this.own;
    if (last && last.entries === entries && last.index.defaultNamespace === ns) return last.index;
    const index = new SimpleIndex(entries, ns, undefined, last?.index);
    this.own = { entries, index };
    return index;
  }

  /** Where to build a fix that edits another object of this text (`FixSpec.in`): its segment's editor. */
  private fixSite(entry: IndexedObject, textless = false): FixSite | undefined {
    if (entry.uri !== this.uri) return undefined;
    for (const p of this.placed) {
      for (const o of p.parse.objects) {
        if (p.startLine + o.localLine === entry.line && o.object.kind === entry.kind && o.object.name === entry.name) {
          return { editor: textless ? o.editor.textless() : o.editor, lines: p.parse.lines, startLine: p.startLine };
        }
      }
    }
    return undefined;
  }

  lintText(text: string, ruleSet: RuleSet, options: LintOptions = {}): LintResult {
    this.update(text);
    return this.lint(ruleSet, options);
  }
}

/** Lints a whole text once (the CLI, fix-all): no cache kept. */
export function lintText(text: string, ruleSet: RuleSet, options: LintOptions = {}): LintResult {
  return new DocumentLinter().lintText(text, ruleSet, { ...options, once: true });
}

/** Appends `items` to `to` (an index loop: `for…of` and spread allocate per item in unoptimized code). */
function pushAll<T>(to: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]);
}

/** Runs steps (`updateSteps`, `lintSteps`) to the end without pausing. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

function segmentLint(text: string): SegmentLint {
  const segment = parseSegment(text);
  const lint: SegmentLint = {
    segment,
    text,
    lines: segment.lines,
    comments: scanIgnoreComments(text),
    // copies: the linter keeps per-object caches on them
    objects: segment.objects.map((o) => ({ ...o })),
  };
  if (segment.failure) {
    const ruleId = segment.failure.in === 'yaml' ? 'yaml-syntax' : 'model';
    lint.parseFailure = { ruleId, message: errorText(segment.failure.error) };
  }
  return lint;
}

function hasLocalResults(parse: SegmentLint, ruleSet: RuleSet, kube: boolean): boolean {
  return !!parse.local && parse.local.key === ruleSet.key && parse.local.kube === kube;
}

/** Syntax and local-rule diagnostics of a placed segment, computed once per rule set and shifted as it moves. */
function localResults(p: PlacedSegment, ruleSet: RuleSet, kube: boolean): LintDiagnostic[] {
  const parse = p.parse;
  if (!parse.local || parse.local.key !== ruleSet.key || parse.local.kube !== kube) {
    const { diagnostics, failures } = computeLocal(parse, ruleSet, kube, 0);
    parse.local = { key: ruleSet.key, kube, diagnostics, failures };
    parse.shifted = undefined;
  }
  if (p.startLine === 0) return parse.local.diagnostics;
  if (!parse.shifted || parse.shifted.startLine !== p.startLine) {
    parse.shifted = {
      startLine: p.startLine,
      diagnostics: parse.local.diagnostics.map((d) => shiftDiagnostic(d, p.startLine)),
    };
  }
  return parse.shifted.diagnostics;
}

/** Syntax and local-rule diagnostics of a segment, with its lines counted from `startLine`. */
function computeLocal(
  parse: SegmentLint,
  ruleSet: RuleSet,
  kube: boolean,
  startLine: number,
  textless = false,
): { diagnostics: LintDiagnostic[]; failures: RuleFailure[] } {
  const diagnostics: LintDiagnostic[] = [];
  const failures: RuleFailure[] = [];
  for (const { doc, editor: own } of parse.segment.docs) {
    const editor = textless ? own.textless() : own;
    for (const { rule, severity } of ruleSet.documentRules) {
      if (!kube && rule.meta.kubernetesOnly !== false) continue;
      try {
        rule.checkDocument({
          doc,
          text: parse.text,
          edit: editor,
          settings: ruleSet.settings,
          report: ({ start, end, message, messageId, data, fix }) => {
            if (isSuppressedByComment(rule.meta.id, parse.lines.positionAt(start).line, parse.comments)) return;
            const d: LintDiagnostic = {
              ruleId: rule.meta.id,
              severity,
              message,
              ...(messageId !== undefined && { messageId }),
              ...(data !== undefined && { data }),
              range: toGlobalRange(parse.lines, start, end, startLine),
            };
            const f = fix && safeFix(() => toFix(fix, editor, parse.lines, startLine, rule.meta));
            if (f) d.fix = f;
            diagnostics.push(d);
          },
        });
      } catch (e) {
        failures.push({ ruleId: rule.meta.id, message: errorText(e) });
      }
    }
  }
  const objects = parse.objects;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    const active = ruleSet.forKind(o.object.kind, false);
    const out = checkObject(o, parse, startLine, ruleSet, active, undefined, undefined, undefined, textless);
    pushAll(diagnostics, out.diagnostics);
    pushAll(failures, out.failures);
  }
  return { diagnostics, failures };
}

/**
 * Cross-resource rules of one object, each reusing its previous result while the index answers its questions as
 * before (see index-cache.ts) and no segment of the text moved.
 */
function indexResults(
  o: LintedObject,
  p: PlacedSegment,
  self: ObjectEntry | undefined,
  ruleSet: RuleSet,
  index: WorkspaceIndexView,
  layout: number,
  fixSite: (entry: IndexedObject) => FixSite | undefined,
): Checked {
  const diagnostics: LintDiagnostic[] = [];
  const failures: RuleFailure[] = [];
  const active = ruleSet.forKind(o.object.kind, true);
  if (active.length === 0) return { diagnostics, failures };
  const namespace = self?.namespace;
  if (
    !o.indexResults ||
    o.indexResults.key !== ruleSet.key ||
    o.indexResults.layout !== layout ||
    o.indexResults.namespace !== namespace
  ) {
    o.indexResults = { key: ruleSet.key, layout, namespace, byRule: new Map() };
  }
  for (const a of active) {
    let cached = o.indexResults.byRule.get(a.rule.meta.id);
    if (!cached || !sameAnswers(cached.reads, index)) {
      const recording = new RecordingIndex(index);
      cached = {
        ...checkObject(o, p.parse, p.startLine, ruleSet, [a], recording, fixSite, self),
        reads: recording.reads,
      };
      o.indexResults.byRule.set(a.rule.meta.id, cached);
    }
    for (const d of cached.diagnostics) diagnostics.push(d);
    for (const f of cached.failures) failures.push(f);
  }
  return { diagnostics, failures };
}
