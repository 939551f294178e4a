/**
 * Runs the rules over a text. The text is split into segments at `---`; each segment is parsed and checked on its
 * own and its result cached by its text, so after an edit only the segment that changed is parsed and checked again.
 */
import { Document, isPair, Node, parseAllDocuments, Pair } from 'yaml';
import { containersOf, K8sObject, objectsOf, podSpecOf } from '../model/object';
import { parseQuantity } from '../model/quantity';
import { EMPTY_INDEX } from '../model/workspace';
import { Edit, YamlEditor } from '../yaml/edit';
import { LineIndex } from '../yaml/lines';
import { DocNav } from '../yaml/nodes';
import { Segment, splitSegments } from '../yaml/segments';
import { DocumentRule, FixSpec, Report, Rule, RuleContext } from './rule';
import { effectiveSeverity } from './severity';
import {
  isSuppressedByAnnotation,
  isSuppressedByComment,
  LineSuppressions,
  scanIgnoreComments,
  suppressionAnnotations,
} from './suppressions';
import { Fix, LintDiagnostic, LintResult, Range, RuleFailure, Settings, Severity } from './types';

/** `yaml` options: duplicate keys are errors (the API server's JSON decoding would keep only one). */
export const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

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
  severity: Severity;
}

export class RuleSet {
  readonly byKind = new Map<string, ActiveRule[]>();
  readonly anyKind: ActiveRule[] = [];
  readonly documentRules: Array<{ rule: DocumentRule; severity: Severity }> = [];
  readonly key: string;

  constructor(
    rules: readonly (Rule | DocumentRule)[],
    readonly settings: Settings,
  ) {
    for (const rule of rules) {
      const severity = effectiveSeverity(rule.meta, settings);
      if (severity === 'off') continue;
      if ('checkDocument' in rule) {
        this.documentRules.push({ rule, severity });
        continue;
      }
      const active = { rule, severity };
      if (!rule.meta.kinds) this.anyKind.push(active);
      else
        for (const kind of rule.meta.kinds) {
          let list = this.byKind.get(kind);
          if (!list) this.byKind.set(kind, (list = []));
          list.push(active);
        }
    }
    this.key = JSON.stringify(settings);
  }

  forKind(kind: string): ActiveRule[] {
    const specific = this.byKind.get(kind);
    return specific ? [...specific, ...this.anyKind] : this.anyKind;
  }
}

interface SegmentResult {
  startLine: number;
  diagnostics: LintDiagnostic[];
  failures: RuleFailure[];
}

/** Lints one document's text over and over (an open editor), re-checking only the segments that changed. */
export class DocumentLinter {
  private cache = new Map<string, SegmentResult>();
  private cacheKey = '';

  lint(text: string, ruleSet: RuleSet): LintResult {
    if (isHelmTemplate(text)) return { diagnostics: [], failures: [], skipped: 'Helm template' };
    if (this.cacheKey !== ruleSet.key) {
      this.cache = new Map();
      this.cacheKey = ruleSet.key;
    }
    const kube = looksLikeKubernetes(text);
    const next = new Map<string, SegmentResult>();
    const diagnostics: LintDiagnostic[] = [];
    const failures: RuleFailure[] = [];
    for (const seg of splitSegments(text)) {
      const cacheKey = (kube ? 'k' : 'n') + seg.text;
      let result = next.get(cacheKey) ?? this.cache.get(cacheKey);
      if (!result) result = lintSegment(seg, ruleSet, kube);
      else if (result.startLine !== seg.startLine) result = shiftResult(result, seg.startLine);
      next.set(cacheKey, result);
      for (const d of result.diagnostics) diagnostics.push(d);
      for (const f of result.failures) failures.push(f);
    }
    this.cache = next;
    return { diagnostics, failures };
  }
}

/** Lints a whole text once (the CLI, fix-all): no cache kept. */
export function lintText(text: string, ruleSet: RuleSet): LintResult {
  return new DocumentLinter().lint(text, ruleSet);
}

function lintSegment(seg: Segment, ruleSet: RuleSet, kube: boolean): SegmentResult {
  const lines = new LineIndex(seg.text);
  const diagnostics: LintDiagnostic[] = [];
  const failures: RuleFailure[] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(seg.text, PARSE_OPTIONS) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    // `yaml` reports problems as errors on the document; a throw here is a parser bug, so say so and go on.
    failures.push({ ruleId: 'yaml-syntax', message: String(e) });
    return { startLine: seg.startLine, diagnostics, failures };
  }
  const comments = scanIgnoreComments(seg.text);
  const toRange = (start: number, end: number): Range => shiftRange(lines, start, end, seg.startLine);
  const toFix = (spec: FixSpec, editor: YamlEditor): Fix | undefined => {
    const out = spec.edit(editor);
    const edits = out === undefined ? [] : Array.isArray(out) ? out : [out];
    if (edits.length === 0) return undefined;
    return { title: spec.title, edits: edits.map((e: Edit) => ({ range: toRange(e.start, e.end), newText: e.text })) };
  };

  for (const doc of docs) {
    const nav = new DocNav(doc);
    const editor = new YamlEditor(seg.text, lines, nav);
    for (const { rule, severity } of ruleSet.documentRules) {
      if (!kube && rule.meta.kubernetesOnly !== false) continue;
      try {
        rule.checkDocument({
          doc,
          text: seg.text,
          edit: editor,
          settings: ruleSet.settings,
          report: ({ start, end, message, fix }) => {
            const line = lines.positionAt(start).line;
            if (isSuppressedByComment(rule.meta.id, line, comments)) return;
            const d: LintDiagnostic = { ruleId: rule.meta.id, severity, message, range: toRange(start, end) };
            const f = fix && safeFix(() => toFix(fix, editor));
            if (f) d.fix = f;
            diagnostics.push(d);
          },
        });
      } catch (e) {
        failures.push({ ruleId: rule.meta.id, message: errorText(e) });
      }
    }
    // Semantic rules need the structure the parser could build; a broken document gets only its syntax errors.
    if (doc.errors.length > 0) continue;
    let objects: K8sObject[];
    try {
      objects = objectsOf(doc);
    } catch (e) {
      failures.push({ ruleId: 'model', message: errorText(e) });
      continue;
    }
    for (const object of objects) {
      checkObject(object, ruleSet, editor, lines, comments, seg.startLine, toRange, toFix, diagnostics, failures);
    }
  }
  return { startLine: seg.startLine, diagnostics, failures };
}

function checkObject(
  object: K8sObject,
  ruleSet: RuleSet,
  editor: YamlEditor,
  lines: LineIndex,
  comments: LineSuppressions,
  startLine: number,
  toRange: (s: number, e: number) => Range,
  toFix: (spec: FixSpec, editor: YamlEditor) => Fix | undefined,
  diagnostics: LintDiagnostic[],
  failures: RuleFailure[],
): void {
  const active = ruleSet.forKind(object.kind);
  if (active.length === 0) return;
  let annotations: Map<string, string> | undefined;
  let podSpec: ReturnType<typeof podSpecOf> | null = null;
  let containers: ReturnType<typeof containersOf> | undefined;
  const objectLine = lines.positionAt(object.node.range![0]).line + startLine;
  for (const { rule, severity } of active) {
    const ctx: RuleContext = {
      object,
      nav: object.nav,
      settings: ruleSet.settings,
      edit: editor,
      index: EMPTY_INDEX,
      namespace: object.namespace ?? EMPTY_INDEX.defaultNamespace,
      podSpec: () => (podSpec === null ? (podSpec = podSpecOf(object)) : podSpec),
      containers: () => (containers ??= containersOf(object, ctx.podSpec())),
      quantity: (node) => {
        const s = object.nav.str(node);
        return s === undefined ? undefined : parseQuantity(s);
      },
      report: (r: Report) => {
        const [start, end] = trimEnd(editor.text, reportRange(r));
        const line = lines.positionAt(start).line;
        if (isSuppressedByComment(rule.meta.id, line, comments)) return;
        annotations ??= suppressionAnnotations(object);
        if (isSuppressedByAnnotation(rule.meta, annotations)) return;
        const d: LintDiagnostic = {
          ruleId: rule.meta.id,
          // A rule may grade what it found (removed vs deprecated API); a user's explicit severity still wins.
          severity: r.severity && ruleSet.settings.rules[rule.meta.id] === undefined ? r.severity : severity,
          message: r.message,
          range: toRange(start, end),
          objectLine,
        };
        const fix = r.fix && safeFix(() => toFix(r.fix!, editor));
        if (fix) d.fix = fix;
        if (r.suggest) {
          const s = r.suggest.map((spec) => safeFix(() => toFix(spec, editor))).filter((f): f is Fix => !!f);
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

function shiftRange(lines: LineIndex, start: number, end: number, startLine: number): Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return {
    start: { line: s.line + startLine, character: s.character },
    end: { line: e.line + startLine, character: e.character },
  };
}

function shiftResult(result: SegmentResult, startLine: number): SegmentResult {
  const delta = startLine - result.startLine;
  const mv = (r: Range): Range => ({
    start: { line: r.start.line + delta, character: r.start.character },
    end: { line: r.end.line + delta, character: r.end.character },
  });
  const mvFix = (f: Fix): Fix => ({ title: f.title, edits: f.edits.map((e) => ({ range: mv(e.range), newText: e.newText })) });
  return {
    startLine,
    failures: result.failures,
    diagnostics: result.diagnostics.map((d) => {
      const out: LintDiagnostic = { ...d, range: mv(d.range) };
      if (d.fix) out.fix = mvFix(d.fix);
      if (d.suggestions) out.suggestions = d.suggestions.map(mvFix);
      if (d.objectLine !== undefined) out.objectLine = d.objectLine + delta;
      return out;
    }),
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}` : String(e);
}
