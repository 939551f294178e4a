/**
 * Code actions. Per Kubewise diagnostic: its fix (preferred), its suggestions, "fix all <rule> in file", "ignore for
 * this object", "ignore on this line" and "show documentation"; for `source.fixAll(.kubewise)`: fix everything safe.
 * Bulk actions ("fix all <rule> in file", `source.fixAll`, and so fix on save) apply safe fixes only; an unsafe fix
 * is taken one at a time, and its title says what it changes ("… (changes allowed traffic)").
 * A diagnostic the client sends back is found again in the server's lint of the same version (its `data` holds the
 * rule id and version, lsp/diagnostics.ts); its fix and suggestions come from there. When the client can resolve
 * actions (`codeAction/resolve`), every edit is left out of the list and built only for the action chosen; a
 * diagnostic of a version the server no longer has gets no edit (it would land in the wrong place).
 */
import type { CodeAction, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from '../protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix, IndexedObject, LintDiagnostic, LintResult, RuleSet, WorkspaceIndexView } from '../engine';
import { displayTitle, fixAll, ignoreForObjectFix, ignoreOnLineFix, isBulkFix } from '../engine';
import type { DiagnosticData } from './diagnostics';
import { kubewiseData, lookupIn, toLintDiagnostic } from './diagnostics';
import type { EditOptions } from './edits';
import { editsAreDisjoint, wholeTextEdit, workspaceEdit } from './edits';

/** What an action handler may use: the document as the server has it, and its current lint. */
export interface ActionContext {
  readonly doc: TextDocument;
  readonly ruleSet: RuleSet;
  /** The lint of the document's current version (cached by the server when it is current; computed when not). */
  lint(): LintResult;
  /**
   * The lint of the document's current version when the server has it, without linting: quick fixes are looked up
   * there (the diagnostics a client sends come from it), so a request never waits for a lint.
   */
  readonly analysed: LintResult | undefined;
  readonly edits: EditOptions;
  /** The client resolves code actions' edits lazily (`codeAction/resolve`). */
  readonly lazyEdits: boolean;
  /** The workspace index for a fixed version of this document's objects (cross-resource rules during fix-all). */
  readonly indexFor?: (entries: readonly IndexedObject[]) => WorkspaceIndexView;
}

/** Stored in `CodeAction.data` of a "fix all" action whose edit is left to `codeAction/resolve`. */
export interface FixAllData {
  kubewise: 'fixAll';
  uri: string;
  /** Only this rule; all rules when absent. */
  ruleId?: string;
}

/** Stored in `CodeAction.data` of a quick fix whose edit is left to `codeAction/resolve`. */
export interface FixData {
  kubewise: 'fix';
  uri: string;
  version: number;
  ruleId: string;
  range: Diagnostic['range'];
  message: string;
  /** -1: the diagnostic's fix; n >= 0: its n-th suggestion. */
  which: number;
}

export function isFixData(d: unknown): d is FixData {
  const data = d as Partial<FixData> | null;
  return (
    !!data &&
    data.kubewise === 'fix' &&
    typeof data.uri === 'string' &&
    typeof data.version === 'number' &&
    typeof data.ruleId === 'string' &&
    typeof data.message === 'string' &&
    typeof data.which === 'number' &&
    !!data.range
  );
}

/** Fills in the edit of a quick fix returned without one; undefined when its version is gone (the text changed). */
export function resolveFix(ctx: ActionContext, action: CodeAction, data: FixData): CodeAction | undefined {
  if (data.version !== ctx.doc.version || !ctx.analysed) return undefined;
  const d = lookupIn(ctx.analysed).find(data.ruleId, data.range, data.message);
  const fix = d && (data.which < 0 ? d.fix : d.suggestions?.[data.which]);
  if (!fix) return undefined;
  const edits = fixEdits(ctx, fix);
  return edits ? { ...action, edit: workspaceEdit(ctx.doc.uri, data.version, edits, ctx.edits) } : undefined;
}

export function isFixAllData(d: unknown): d is FixAllData {
  const data = d as Partial<FixAllData> | null;
  return (
    !!data &&
    data.kubewise === 'fixAll' &&
    typeof data.uri === 'string' &&
    (data.ruleId === undefined || typeof data.ruleId === 'string')
  );
}

export function codeActions(ctx: ActionContext, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (only && wants(only, FIX_ALL_KIND)) {
    const all = fixAllAction(ctx, undefined);
    if (all) actions.push(all);
  }
  if (!only || wants(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(ctx, params.context.diagnostics));
  return actions;
}

/** Fills in the edit of a "fix all" action returned without one. */
export function resolveFixAll(ctx: ActionContext, action: CodeAction, data: FixAllData): CodeAction {
  const edit = computeFixAll(ctx, data.ruleId);
  return { ...action, edit: edit ?? workspaceEdit(ctx.doc.uri, ctx.doc.version, [], ctx.edits) };
}

/** A requested kind covers an action's kind when it is the same or a parent of it (`source` covers `source.fixAll`). */
function wants(only: readonly string[], kind: string): boolean {
  return only.some((k) => k === '' || kind === k || kind.startsWith(k + '.'));
}

function quickFixes(ctx: ActionContext, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const done = new Set<string>();
  const once = (key: string): boolean => (done.has(key) ? false : (done.add(key), true));
  const { doc } = ctx;
  for (const diagnostic of diagnostics) {
    const data = kubewiseData(diagnostic);
    if (!data) continue;
    const id = data.ruleId;
    // Ranges and edits of a diagnostic made for another version of the text would land in the wrong place.
    if (data.version === doc.version) {
      const found = ctx.analysed && lookupIn(ctx.analysed).find(id, diagnostic.range, diagnostic.message);
      if (found?.fix) pushFix(out, ctx, diagnostic, data, found.fix, -1);
      found?.suggestions?.forEach((s, i) => pushFix(out, ctx, diagnostic, data, s, i));
      if (isBulkFix(found?.fix) && once(`all:${id}`) && countFixable(ctx.analysed!, id) > 1) {
        const all = fixAllAction(ctx, id, diagnostic);
        if (all) out.push(all);
      }
      const lintDiagnostic = toLintDiagnostic(diagnostic, data);
      if (data.objectLine !== undefined && once(`object:${id}:${data.objectLine}`)) {
        const fix = safely(() => ignoreForObjectFix(doc.getText(), lintDiagnostic));
        if (fix) pushFix(out, ctx, diagnostic, data, fix, undefined);
      }
      if (once(`line:${id}:${diagnostic.range.start.line}`)) {
        const fix = safely(() => ignoreOnLineFix(doc.getText(), lintDiagnostic));
        if (fix) pushFix(out, ctx, diagnostic, data, fix, undefined);
      }
    }
    if (once(`docs:${id}`)) {
      const title = `Show documentation for ${id}`;
      out.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [id] },
      });
    }
  }
  return out;
}

/**
 * One action for a fix. `which` says where the fix comes from (-1 the diagnostic's fix, n its n-th suggestion;
 * undefined an "ignore" fix, built here and small): a rule's fix is left to `codeAction/resolve` when the client can.
 */
function pushFix(
  out: CodeAction[],
  ctx: ActionContext,
  diagnostic: Diagnostic,
  data: DiagnosticData,
  fix: Fix,
  which: number | undefined,
): void {
  const action: CodeAction = { title: displayTitle(fix), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if (which === -1) action.isPreferred = true;
  const edits = fixEdits(ctx, fix);
  if (!edits) return;
  if (which !== undefined && ctx.lazyEdits) {
    const lazy: FixData = {
      kubewise: 'fix',
      uri: ctx.doc.uri,
      version: data.version,
      ruleId: data.ruleId,
      range: diagnostic.range,
      message: diagnostic.message,
      which,
    };
    action.data = lazy;
  } else {
    action.edit = workspaceEdit(ctx.doc.uri, data.version, edits, ctx.edits);
  }
  out.push(action);
}

/** A fix's edits as LSP edits, or undefined when it has none or they overlap (then it is not offered at all). */
function fixEdits(ctx: ActionContext, fix: Fix): TextEdit[] | undefined {
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: e.range, newText: e.newText }));
  return edits.length === 0 || !editsAreDisjoint(ctx.doc, edits) ? undefined : edits;
}

/** "Fix all <rule> in file" (a quick fix for that diagnostic) or "Fix all Kubewise problems" (`source.fixAll`). */
function fixAllAction(ctx: ActionContext, ruleId: string | undefined, diagnostic?: Diagnostic): CodeAction | undefined {
  const title = ruleId ? `Fix all ${ruleId} problems in file` : 'Fix all Kubewise problems';
  const kind = ruleId ? CodeActionKind.QuickFix : FIX_ALL_KIND;
  const action: CodeAction = { title, kind };
  if (diagnostic) action.diagnostics = [diagnostic];
  if (ctx.lazyEdits) {
    // cheap test first: nothing fixable, nothing to offer
    if (countFixable(ctx.analysed ?? ctx.lint(), ruleId) === 0) return undefined;
    const data: FixAllData = { kubewise: 'fixAll', uri: ctx.doc.uri };
    if (ruleId) data.ruleId = ruleId;
    action.data = data;
    return action;
  }
  const edit = computeFixAll(ctx, ruleId);
  if (!edit) return undefined;
  action.edit = edit;
  return action;
}

function computeFixAll(ctx: ActionContext, ruleId: string | undefined) {
  if (countFixable(ctx.lint(), ruleId) === 0) return undefined;
  const before = ctx.doc.getText();
  const result = fixAll(before, ctx.ruleSet, ruleId ? (d: LintDiagnostic) => d.ruleId === ruleId : undefined, {
    uri: ctx.doc.uri,
    indexFor: ctx.indexFor,
  });
  // one minimal edit for the whole result: passes may have touched the same lines, so their edits cannot be listed
  const edit = wholeTextEdit(ctx.doc, result.text);
  return edit && workspaceEdit(ctx.doc.uri, ctx.doc.version, [edit], ctx.edits);
}

/** Diagnostics whose fix bulk fixing may apply (safe ones). */
function countFixable(result: LintResult, ruleId: string | undefined): number {
  let n = 0;
  for (const d of result.diagnostics) if (isBulkFix(d.fix) && (ruleId === undefined || d.ruleId === ruleId)) n++;
  return n;
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    // an "ignore" edit that cannot be built (an object the parser cannot read back) is not offered
    return undefined;
  }
}
