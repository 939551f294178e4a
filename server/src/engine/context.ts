/**
 * The rule context: what a rule sees of one object (`ctx`), and how its reports become diagnostics with fixes
 * (suppressions honoured, severity decided by `reportedSeverity`, offsets turned into ranges of the whole text).
 */
import type { ContainerRef } from '../model/object';
import { containersOf, podSpecOf } from '../model/object';
import { parseQuantity } from '../protocol/quantity';
import type { SegmentObject } from '../model/segment';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { SimpleIndex } from '../model/workspace';
import type { Edit, YamlEditor } from '../yaml/edit';
import type { LineIndex } from '../yaml/lines';
import { toGlobalRange } from '../yaml/lines';
import type { YAMLMap } from '../yaml/nodes';
import { reportRange, trimEnd } from './ranges';
import type { FixSpec, Report, RuleContext, RuleMeta, RuleReport } from './rule';
import { reportMessage } from './rule';
import { changesOf, fixSafetyOf } from './fix-safety';
import type { ActiveRule, RuleSet } from './rule-set';
import { reportedSeverity } from './rule-set';
import type { LineSuppressions } from './suppressions';
import { isSuppressedByAnnotation, isSuppressedByComment, suppressionAnnotations } from './suppressions';
import type { Fix, LintDiagnostic, RuleFailure } from './types';

/** A segment's parsed object with the facts rules ask for again and again, computed once per parse. */
export interface CheckedObject extends SegmentObject {
  memo?: {
    podSpec?: YAMLMap | undefined;
    containers?: ContainerRef[];
    annotations?: Map<string, string>;
    /** `RuleContext.perObject`'s values. */
    shared?: Map<symbol, unknown>;
  };
}

/** The segment an object was parsed from, as the context needs it. */
export interface SegmentText {
  readonly text: string;
  readonly lines: LineIndex;
  readonly comments: LineSuppressions;
}

/** The segment of the linted text that holds an object, for fixes built there. */
export interface FixSite {
  editor: YamlEditor;
  lines: LineIndex;
  startLine: number;
}

export interface Checked {
  diagnostics: LintDiagnostic[];
  failures: RuleFailure[];
}

/** Runs `active` rules over one object of a segment placed at `startLine`. */
export function checkObject(
  o: CheckedObject,
  segment: SegmentText,
  startLine: number,
  ruleSet: RuleSet,
  active: readonly ActiveRule[],
  index: WorkspaceIndexView | undefined,
  fixSite?: (entry: IndexedObject) => FixSite | undefined,
  self?: IndexedObject,
  /** Fixes built without their texts (`LintOptions.fixTexts`); `fixSite` gives editors of that kind too. */
  textless = false,
): Checked {
  const checked: Checked = { diagnostics: [], failures: [] };
  if (active.length === 0) return checked;
  // One context for every rule of the object, its methods on a class: a context of closures per rule per object
  // was a tenth of the engine's own time in a cold process, most of it allocation.
  const ctx = new ObjectContext(o, segment, startLine, ruleSet, index ?? EMPTY_VIEW, fixSite, self, checked, textless);
  // index loops here and below: this runs mostly unoptimized, where `for…of` and `[a, b] = …` allocate per step
  for (let i = 0; i < active.length; i++) {
    const a = active[i];
    ctx.active = a;
    ctx.ruleId = a.rule.meta.id;
    try {
      a.rule.check(ctx);
    } catch (e) {
      checked.failures.push({ ruleId: a.rule.meta.id, message: errorText(e) });
    }
  }
  return checked;
}

/** What a rule sees of one object (`RuleContext`); `active` and `ruleId` are the rule being run. */
class ObjectContext implements RuleContext {
  ruleId = '';
  active!: ActiveRule;
  readonly object: CheckedObject['object'];
  readonly nav: RuleContext['nav'];
  readonly settings: RuleContext['settings'];
  readonly edit: YamlEditor;
  /** The namespace: the index's view of it also applies a kustomization's `namespace:` to the files it lists. */
  readonly namespace: string;
  /** Computed once per parsed object and shared by every rule and every lint of it. */
  private readonly memo: NonNullable<CheckedObject['memo']>;
  private readonly objectLine: number;

  constructor(
    o: CheckedObject,
    private readonly segment: SegmentText,
    private readonly startLine: number,
    private readonly ruleSet: RuleSet,
    readonly index: WorkspaceIndexView,
    private readonly fixSite: ((entry: IndexedObject) => FixSite | undefined) | undefined,
    readonly self: IndexedObject | undefined,
    private readonly checked: Checked,
    textless: boolean,
  ) {
    this.object = o.object;
    this.nav = o.object.nav;
    this.settings = ruleSet.settings;
    this.edit = textless ? o.editor.textless() : o.editor;
    this.namespace = self?.namespace ?? o.object.namespace ?? index.defaultNamespace;
    this.memo = o.memo ??= {};
    this.objectLine = o.localLine + startLine;
  }

  podSpec(): YAMLMap | undefined {
    const memo = this.memo;
    return 'podSpec' in memo ? memo.podSpec : (memo.podSpec = podSpecOf(this.object));
  }

  containers(): ContainerRef[] {
    return (this.memo.containers ??= containersOf(this.object, this.podSpec()));
  }

  perObject<T>(key: symbol, compute: () => T): T {
    const shared = (this.memo.shared ??= new Map());
    if (shared.has(key)) return shared.get(key) as T;
    const value = compute();
    shared.set(key, value);
    return value;
  }

  quantity(node: unknown): ReturnType<RuleContext['quantity']> {
    const s = this.nav.str(node);
    return s === undefined ? undefined : parseQuantity(s);
  }

  /** What a rule made with `defineRule` reports: a message id and its data (resolved here), or a `Report`. */
  report(report: RuleReport): void {
    const r = report as Report & RuleReport;
    const a = this.active;
    const { rule } = a;
    const { segment, startLine } = this;
    const lines = segment.lines;
    const range = trimEnd(segment.text, reportRange(r));
    const start = range[0];
    const end = range[1];
    // (the line is looked up only in a text that has suppression comments: most have none)
    const comments = segment.comments;
    if (comments.byLine.size > 0 && isSuppressedByComment(rule.meta.id, lines.positionAt(start).line, comments)) return;
    // a dormant escalating rule reports only what a Namespace's enforce label escalated
    if (a.severity === 'off' && !r.escalated) return;
    this.memo.annotations ??= suppressionAnnotations(this.object);
    if (isSuppressedByAnnotation(rule.meta, this.memo.annotations)) return;
    // Properties set one by one in this order (not spread in): a report is made thousands of times in a big file,
    // mostly by code V8 has not optimized, where every spread and closure is an allocation and a slow path.
    const d: LintDiagnostic = {
      ruleId: rule.meta.id,
      severity: reportedSeverity(a, this.ruleSet.settings, r.severity),
      message: reportMessage(rule.meta, r),
    } as LintDiagnostic;
    if (r.messageId !== undefined) d.messageId = r.messageId;
    if (r.data !== undefined) d.data = r.data;
    d.range = toGlobalRange(lines, start, end, startLine);
    d.objectLine = this.objectLine;
    if (r.fix) {
      const fix = this.buildFix(r.fix, rule.meta);
      if (fix) d.fix = fix;
    }
    if (r.suggest) {
      const s: Fix[] = [];
      for (const spec of r.suggest) {
        const f = this.buildFix(spec, rule.meta);
        if (f) s.push(f);
      }
      if (s.length) d.suggestions = s;
    }
    this.checked.diagnostics.push(d);
  }

  /** The fix of a spec, built in this object's segment or, for a spec `in` another object, in that one's. */
  private buildFix(spec: FixSpec, meta: RuleMeta): Fix | undefined {
    try {
      if (!spec.in) return toFix(spec, this.edit, this.segment.lines, this.startLine, meta);
      const site = this.fixSite?.(spec.in);
      return site && toFix(spec, site.editor, site.lines, site.startLine, meta);
    } catch {
      // A fix that cannot be built is not offered; the diagnostic stands.
      return undefined;
    }
  }
}

const EMPTY_VIEW: WorkspaceIndexView = new SimpleIndex([]);

export function toFix(
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
    edits: edits.map((e: Edit) => ({ range: toGlobalRange(lines, e.start, e.end, startLine), newText: e.text })),
    // safe or unsafe, as the rule declares: bulk fixing applies safe fixes only
    safety: fixSafetyOf(meta, spec),
  };
  if (fix.safety === 'unsafe') fix.changes = changesOf(meta, spec);
  return fix;
}

export function safeFix(build: () => Fix | undefined): Fix | undefined {
  try {
    return build();
  } catch {
    // A fix that cannot be built is not offered; the diagnostic stands.
    return undefined;
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error
    ? `${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`
    : String(e);
}
