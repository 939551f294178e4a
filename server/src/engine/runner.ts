/**
 * Runs the rules over a text. The text is split into segments at `---`; each segment is parsed on its own and its
 * parse, index entries and local-rule results are cached by the segment's text, so after an edit only the segment
 * that changed is parsed and checked again. Rules that read other objects (`meta.usesIndex`) run on every lint, over
 * the cached parses, because any object anywhere may have changed what they see.
 */
import { Document, isPair, Node, parseAllDocuments, Pair } from 'yaml';
import { containersOf, K8sObject, objectsOf, podSpecOf } from '../model/object';
import { parseQuantity } from '../model/quantity';
import { IndexedObject, SimpleIndex, WorkspaceIndexView } from '../model/workspace';
import { Edit, YamlEditor } from '../yaml/edit';
import { LineIndex } from '../yaml/lines';
import { DocNav } from '../yaml/nodes';
import { splitSegments } from '../yaml/segments';
import { IndexRead, RecordingIndex, sameAnswers } from './index-cache';
import { entryFor, ObjectEntry } from './indexer';
import { changesOf, fixSafetyOf } from './fix-safety';
import { DocumentRule, FixSpec, Report, Rule, RuleContext, RuleMeta } from './rule';
import { effectiveSeverity } from './severity';
import {
  isSuppressedByAnnotation,
  isSuppressedByComment,
  LineSuppressions,
  scanIgnoreComments,
  suppressionAnnotations,
} from './suppressions';
import { Fix, LintDiagnostic, LintResult, Range, RuleFailure, Settings, Severity } from './types';

/**
 * `yaml` options: duplicate keys are errors (the API server's JSON decoding would keep only one); merge keys are
 * YAML 1.1 behaviour that Kubernetes' YAML decoder honours.
 */
export const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, merge: true } as const;

const HELM = /^[^#\n]*\{\{/m;
const API_VERSION_LINE = /^\s*(?:-\s+)?["']?apiVersion["']?\s*:/m;
const KIND_LINE = /^\s*(?:-\s+)?["']?kind["']?\s*:/m;

export function isHelmTemplate(text: string): boolean {
  return HELM.test(text);
}

/** Whether a text looks like Kubernetes YAML even when it does not parse (for syntax errors). */
export function looksLikeKubernetes(text: string): boolean {
  return API_VERSION_LINE.test(text) && KIND_LINE.test(text);
}

interface ActiveRule {
  rule: Rule;
  /** 'off' for a dormant escalating rule: only its escalated findings are reported. */
  severity: Severity | 'off';
}

export class RuleSet {
  private readonly local = new Map<string, ActiveRule[]>();
  private readonly indexed = new Map<string, ActiveRule[]>();
  private readonly localAny: ActiveRule[] = [];
  private readonly indexedAny: ActiveRule[] = [];
  readonly documentRules: Array<{ rule: DocumentRule; severity: Severity }> = [];
  readonly hasIndexRules: boolean;
  readonly key: string;

  constructor(
    rules: readonly (Rule | DocumentRule)[],
    readonly settings: Settings,
  ) {
    for (const rule of rules) {
      const configured = effectiveSeverity(rule.meta, settings);
      // An escalating rule stays on, dormant ('off'), unless the user turned it off by name.
      const dormant =
        configured === 'off' && !!rule.meta.escalates && rule.meta.usesIndex && settings.rules[rule.meta.id] !== 'off';
      if (configured === 'off' && !dormant) continue;
      const severity = configured as Severity | 'off';
      if ('checkDocument' in rule) {
        if (severity === 'off') continue;
        this.documentRules.push({ rule, severity: severity as Severity });
        continue;
      }
      const active = { rule, severity };
      const [byKind, any] = rule.meta.usesIndex ? [this.indexed, this.indexedAny] : [this.local, this.localAny];
      if (!rule.meta.kinds) any.push(active);
      else
        for (const kind of rule.meta.kinds) {
          let list = byKind.get(kind);
          if (!list) byKind.set(kind, (list = []));
          list.push(active);
        }
    }
    this.hasIndexRules = this.indexed.size > 0 || this.indexedAny.length > 0;
    this.key = JSON.stringify(settings) + '|' + rules.map((r) => r.meta.id).join(',');
  }

  /** Rules for objects of `kind`: the local ones, or those that read the index. */
  forKind(kind: string, usesIndex: boolean): ActiveRule[] {
    const [byKind, any] = usesIndex ? [this.indexed, this.indexedAny] : [this.local, this.localAny];
    const specific = byKind.get(kind);
    return specific ? (any.length ? [...specific, ...any] : specific) : any;
  }
}

interface ParsedObject {
  object: K8sObject;
  editor: YamlEditor;
  localLine: number;
  /** Facts about the object that rules ask for again and again. */
  memo?: {
    podSpec?: ReturnType<typeof podSpecOf>;
    containers?: ReturnType<typeof containersOf>;
    annotations?: Map<string, string>;
  };
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
interface SegmentParse {
  text: string;
  lines: LineIndex;
  comments: LineSuppressions;
  docs: Array<{ doc: Document.Parsed; editor: YamlEditor }>;
  objects: ParsedObject[];
  parseFailure?: RuleFailure;
  /** Local-rule results in segment-local lines, for one rule-set key. */
  local?: { key: string; kube: boolean; diagnostics: LintDiagnostic[]; failures: RuleFailure[] };
  /** The local results shifted to the start line they were last used at. */
  shifted?: { startLine: number; diagnostics: LintDiagnostic[] };
}

interface PlacedSegment {
  parse: SegmentParse;
  startLine: number;
  entries: ObjectEntry[];
}

export interface LintOptions {
  /** The index to resolve cross-resource rules against; defaults to the objects of this text. */
  index?: WorkspaceIndexView;
}

/**
 * Lints one document's text over and over (an open editor), re-parsing and re-checking only the segments that
 * changed. `update` takes a new text; `lint` checks the current one.
 */
export class DocumentLinter {
  private parses = new Map<string, SegmentParse>();
  private placed: PlacedSegment[] = [];
  private helm = false;
  private kube = false;
  private text = '';
  private entryList: ObjectEntry[] = [];
  private own: { entries: ObjectEntry[]; index: SimpleIndex } | undefined;
  /** Bumped when a segment's start line changes: cached cross-resource fixes may point into moved text. */
  private layout = 0;

  constructor(
    private uri = 'untitled:manifest.yaml',
    private readonly defaultNamespace: () => string = () => 'default',
  ) {}

  /** Takes the document's new text: re-parses only segments whose text is new. */
  update(text: string, uri = this.uri): void {
    if (text === this.text && uri === this.uri && this.placed.length) return;
    this.text = text;
    this.uri = uri;
    this.helm = isHelmTemplate(text);
    this.kube = looksLikeKubernetes(text);
    if (this.helm) {
      this.placed = [];
      this.parses = new Map();
      this.entryList = [];
      return;
    }
    const next = new Map<string, SegmentParse>();
    const oldPlaced = new Map<SegmentParse, PlacedSegment>();
    for (const p of this.placed) oldPlaced.set(p.parse, p);
    const placed: PlacedSegment[] = [];
    for (const seg of splitSegments(text)) {
      let parse = next.get(seg.text) ?? this.parses.get(seg.text);
      if (!parse) parse = parseSegment(seg.text);
      next.set(seg.text, parse);
      const old = oldPlaced.get(parse);
      let entries: ObjectEntry[];
      if (old && old.startLine === seg.startLine && old.entries.every((e) => e.uri === uri)) entries = old.entries;
      else if (old) entries = old.entries.map((e) => e.moved(e.localLine + seg.startLine, uri));
      else
        entries = parse.objects.map((o) => entryFor(o.object, uri, o.localLine, seg.startLine, this.defaultNamespace));
      placed.push({ parse, startLine: seg.startLine, entries });
    }
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
    if (this.helm) return { diagnostics: [], failures: [], skipped: 'Helm template' };
    const diagnostics: LintDiagnostic[] = [];
    const failures: RuleFailure[] = [];
    for (const p of this.placed) {
      const local = localResults(p, ruleSet, this.kube);
      for (const d of local) diagnostics.push(d);
      if (p.parse.parseFailure) failures.push(p.parse.parseFailure);
      for (const f of p.parse.local!.failures) failures.push(f);
    }
    if (ruleSet.hasIndexRules && this.kube) {
      const index = options.index ?? this.ownIndex();
      for (const p of this.placed) {
        for (let i = 0; i < p.parse.objects.length; i++) {
          const o = p.parse.objects[i];
          const out = indexResults(o, p, p.entries[i], ruleSet, index, this.layout, (entry) => this.fixSite(entry));
          for (const d of out.diagnostics) diagnostics.push(d);
          for (const f of out.failures) failures.push(f);
        }
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
  private fixSite(entry: IndexedObject): FixSite | undefined {
    if (entry.uri !== this.uri) return undefined;
    for (const p of this.placed) {
      for (const o of p.parse.objects) {
        if (p.startLine + o.localLine === entry.line && o.object.kind === entry.kind && o.object.name === entry.name) {
          return { editor: o.editor, lines: p.parse.lines, startLine: p.startLine };
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
  return new DocumentLinter().lintText(text, ruleSet, options);
}

function parseSegment(text: string): SegmentParse {
  const lines = new LineIndex(text);
  const parse: SegmentParse = { text, lines, comments: scanIgnoreComments(text), docs: [], objects: [] };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, PARSE_OPTIONS) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    // `yaml` reports problems as errors on the document; a throw here is a parser bug, so say so and go on.
    parse.parseFailure = { ruleId: 'yaml-syntax', message: errorText(e) };
    return parse;
  }
  for (const doc of docs) {
    const editor = new YamlEditor(text, lines, new DocNav(doc));
    parse.docs.push({ doc, editor });
    // Semantic rules need the structure the parser could build; a broken document gets only its syntax errors.
    // A duplicate key breaks nothing of the structure: the document is still checked and indexed, with the last
    // value, as the API server reads it (yaml-syntax reports the duplicate; issue 10).
    if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) continue;
    try {
      for (const object of objectsOf(doc)) {
        parse.objects.push({ object, editor, localLine: lines.positionAt(object.node.range![0]).line });
      }
    } catch (e) {
      parse.parseFailure = { ruleId: 'model', message: errorText(e) };
    }
  }
  return parse;
}

/** Syntax and local-rule diagnostics of a placed segment, computed once per rule set and shifted as it moves. */
function localResults(p: PlacedSegment, ruleSet: RuleSet, kube: boolean): LintDiagnostic[] {
  const parse = p.parse;
  if (!parse.local || parse.local.key !== ruleSet.key || parse.local.kube !== kube) {
    const diagnostics: LintDiagnostic[] = [];
    const failures: RuleFailure[] = [];
    for (const { doc, editor } of parse.docs) {
      for (const { rule, severity } of ruleSet.documentRules) {
        if (!kube && rule.meta.kubernetesOnly !== false) continue;
        try {
          rule.checkDocument({
            doc,
            text: parse.text,
            edit: editor,
            settings: ruleSet.settings,
            report: ({ start, end, message, fix }) => {
              if (isSuppressedByComment(rule.meta.id, parse.lines.positionAt(start).line, parse.comments)) return;
              const d: LintDiagnostic = {
                ruleId: rule.meta.id,
                severity,
                message,
                range: toRange(parse.lines, start, end, 0),
              };
              const f = fix && safeFix(() => toFix(fix, editor, parse.lines, 0, rule.meta));
              if (f) d.fix = f;
              diagnostics.push(d);
            },
          });
        } catch (e) {
          failures.push({ ruleId: rule.meta.id, message: errorText(e) });
        }
      }
    }
    for (const o of parse.objects) {
      const out = checkObject(o, parse, 0, ruleSet, ruleSet.forKind(o.object.kind, false), undefined);
      for (const d of out.diagnostics) diagnostics.push(d);
      for (const f of out.failures) failures.push(f);
    }
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

/**
 * Cross-resource rules of one object, each reusing its previous result while the index answers its questions as
 * before (see index-cache.ts) and no segment of the text moved.
 */
function indexResults(
  o: ParsedObject,
  p: PlacedSegment,
  self: ObjectEntry | undefined,
  ruleSet: RuleSet,
  index: WorkspaceIndexView,
  layout: number,
  fixSite: (entry: IndexedObject) => FixSite | undefined,
): { diagnostics: LintDiagnostic[]; failures: RuleFailure[] } {
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

function checkObject(
  o: ParsedObject,
  parse: SegmentParse,
  startLine: number,
  ruleSet: RuleSet,
  active: readonly ActiveRule[],
  index: WorkspaceIndexView | undefined,
  fixSite?: (entry: IndexedObject) => FixSite | undefined,
  self?: IndexedObject,
): { diagnostics: LintDiagnostic[]; failures: RuleFailure[] } {
  const diagnostics: LintDiagnostic[] = [];
  const failures: RuleFailure[] = [];
  const { object, editor } = o;
  if (active.length === 0) return { diagnostics, failures };
  const lines = parse.lines;
  // computed once per parsed object and shared by every rule and every lint of it
  const memo = (o.memo ??= {});
  const objectLine = o.localLine + startLine;
  const view = index ?? EMPTY_VIEW;
  for (const { rule, severity } of active) {
    const ctx: RuleContext = {
      object,
      nav: object.nav,
      settings: ruleSet.settings,
      edit: editor,
      index: view,
      self,
      // the index's view of the namespace also applies a kustomization's `namespace:` to the files it lists
      namespace: self?.namespace ?? object.namespace ?? view.defaultNamespace,
      podSpec: () => ('podSpec' in memo ? memo.podSpec : (memo.podSpec = podSpecOf(object))),
      containers: () => (memo.containers ??= containersOf(object, ctx.podSpec())),
      quantity: (node) => {
        const s = object.nav.str(node);
        return s === undefined ? undefined : parseQuantity(s);
      },
      report: (r: Report) => {
        const [start, end] = trimEnd(parse.text, reportRange(r));
        if (isSuppressedByComment(rule.meta.id, lines.positionAt(start).line, parse.comments)) return;
        // a dormant escalating rule reports only what a Namespace's enforce label escalated
        if (severity === 'off' && !r.escalated) return;
        memo.annotations ??= suppressionAnnotations(object);
        if (isSuppressedByAnnotation(rule.meta, memo.annotations)) return;
        const d: LintDiagnostic = {
          ruleId: rule.meta.id,
          // A rule may grade what it found (removed vs deprecated API); a user's explicit severity still wins.
          severity:
            severity === 'off'
              ? 'error'
              : r.severity && ruleSet.settings.rules[rule.meta.id] === undefined
                ? r.severity
                : severity,
          message: r.message,
          range: toRange(lines, start, end, startLine),
          objectLine,
        };
        const build = (spec: FixSpec): Fix | undefined => {
          if (!spec.in) return toFix(spec, editor, lines, startLine, rule.meta);
          const site = fixSite?.(spec.in);
          return site && toFix(spec, site.editor, site.lines, site.startLine, rule.meta);
        };
        const fix = r.fix && safeFix(() => build(r.fix!));
        if (fix) d.fix = fix;
        if (r.suggest) {
          const s = r.suggest.map((spec) => safeFix(() => build(spec))).filter((f): f is Fix => !!f);
          if (s.length) d.suggestions = s;
        }
        diagnostics.push(d);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      failures.push({ ruleId: rule.meta.id, message: errorText(e) });
    }
  }
  return { diagnostics, failures };
}

const EMPTY_VIEW: WorkspaceIndexView = new SimpleIndex([]);

/** The segment of the linted text that holds an object, for fixes built there. */
interface FixSite {
  editor: YamlEditor;
  lines: LineIndex;
  startLine: number;
}

function toFix(
  spec: FixSpec,
  editor: YamlEditor,
  lines: LineIndex,
  startLine: number,
  meta: RuleMeta,
): Fix | undefined {
  const out = spec.edit(editor);
  const edits = out === undefined ? [] : Array.isArray(out) ? out : [out];
  if (edits.length === 0) return undefined;
  const fix: Fix = {
    title: spec.title,
    edits: edits.map((e: Edit) => ({ range: toRange(lines, e.start, e.end, startLine), newText: e.text })),
    safety: fixSafetyOf(meta, spec),
  };
  if (fix.safety === 'unsafe') fix.changes = changesOf(meta, spec);
  return fix;
}

function reportRange(r: Report): [number, number] {
  const n = r.node;
  if (isPair(n)) {
    const pair = n as Pair;
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
    const end = r.keyOnly ? (key?.range?.[1] ?? start) : (value?.range?.[1] ?? key?.range?.[1] ?? start);
    return [start, Math.max(start, end)];
  }
  const range = (n as Node).range;
  return range ? [range[0], range[1]] : [0, 0];
}

/** Block collections end after their last newline; a squiggle should stop at the last character written. */
function trimEnd(text: string, [start, end]: [number, number]): [number, number] {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

function safeFix(build: () => Fix | undefined): Fix | undefined {
  try {
    return build();
  } catch {
    // A fix that cannot be built is not offered; the diagnostic stands.
    return undefined;
  }
}

function toRange(lines: LineIndex, start: number, end: number, startLine: number): Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return {
    start: { line: s.line + startLine, character: s.character },
    end: { line: e.line + startLine, character: e.character },
  };
}

function shiftDiagnostic(d: LintDiagnostic, delta: number): LintDiagnostic {
  const mv = (r: Range): Range => ({
    start: { line: r.start.line + delta, character: r.start.character },
    end: { line: r.end.line + delta, character: r.end.character },
  });
  const mvFix = (f: Fix): Fix => ({ ...f, edits: f.edits.map((e) => ({ range: mv(e.range), newText: e.newText })) });
  const out: LintDiagnostic = { ...d, range: mv(d.range) };
  if (d.fix) out.fix = mvFix(d.fix);
  if (d.suggestions) out.suggestions = d.suggestions.map(mvFix);
  if (d.objectLine !== undefined) out.objectLine = d.objectLine + delta;
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error
    ? `${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`
    : String(e);
}
