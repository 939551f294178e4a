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
): Checked {
  const diagnostics: LintDiagnostic[] = [];
  const failures: RuleFailure[] = [];
  const { object, editor } = o;
  if (active.length === 0) return { diagnostics, failures };
  const lines = segment.lines;
  // computed once per parsed object and shared by every rule and every lint of it
  const memo = (o.memo ??= {});
  const objectLine = o.localLine + startLine;
  const view = index ?? EMPTY_VIEW;
  for (const a of active) {
    const { rule } = a;
    const ctx: RuleContext = {
      ruleId: rule.meta.id,
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
      // what a rule made with `defineRule` reports: a message id and its data (resolved below), or a `Report`
      report: ((r: Report & RuleReport) => {
        const [start, end] = trimEnd(segment.text, reportRange(r));
        if (isSuppressedByComment(rule.meta.id, lines.positionAt(start).line, segment.comments)) return;
        // a dormant escalating rule reports only what a Namespace's enforce label escalated
        if (a.severity === 'off' && !r.escalated) return;
        memo.annotations ??= suppressionAnnotations(object);
        if (isSuppressedByAnnotation(rule.meta, memo.annotations)) return;
        const d: LintDiagnostic = {
          ruleId: rule.meta.id,
          severity: reportedSeverity(a, ruleSet.settings, r.severity),
          message: reportMessage(rule.meta, r),
          ...(r.messageId !== undefined && { messageId: r.messageId }),
          ...(r.data !== undefined && { data: r.data }),
          range: toGlobalRange(lines, start, end, startLine),
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
      }) as RuleContext['report'],
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
