/**
 * "Fix all" through the server's `source.fixAll.kubewise` code action: one place for the command, fix on save and
 * the walkthrough, so they all apply exactly what the language server computed.
 */
import * as vscode from 'vscode';
import { FIX_ALL_KIND, SETTINGS_SECTION } from '../../server/src/protocol';

const FIX_ALL = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);

/** The edits that fix every Kubewise problem of a document (empty when there is nothing to fix). */
export async function fixAllEdits(doc: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  // The server may leave the edit to `codeAction/resolve`: ask VS Code to resolve the first few actions.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    all,
    FIX_ALL_KIND,
    5,
  );
  const action = actions?.find((a) => a.kind && FIX_ALL.contains(a.kind) && a.edit);
  if (!action?.edit) return [];
  return action.edit.get(doc.uri);
}

/** Applies fix-all to a document; returns the number of edits applied. */
export async function fixAllInDocument(doc: vscode.TextDocument): Promise<number> {
  const edits = await fixAllEdits(doc);
  if (edits.length === 0) return 0;
  const we = new vscode.WorkspaceEdit();
  we.set(doc.uri, edits);
  return (await vscode.workspace.applyEdit(we)) ? edits.length : 0;
}

/**
 * Fix on save (`kubewise.fixOnSave`): edits are handed to VS Code before the text is written, so the saved file is
 * the fixed one. Skipped when `editor.codeActionsOnSave` already runs the same action (it would find nothing left).
 */
export function registerFixOnSave(): vscode.Disposable {
  return vscode.workspace.onWillSaveTextDocument((e) => {
    const doc = e.document;
    if (doc.languageId !== 'yaml') return;
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, doc.uri);
    if (!config.get<boolean>('fixOnSave', false) || !config.get<boolean>('enable', true)) return;
    if (codeActionsOnSaveHasFixAll(doc)) return;
    e.waitUntil(fixAllEdits(doc).catch(() => []));
  });
}

function codeActionsOnSaveHasFixAll(doc: vscode.TextDocument): boolean {
  const onSave = vscode.workspace
    .getConfiguration('editor', { uri: doc.uri, languageId: 'yaml' })
    .get<unknown>('codeActionsOnSave');
  if (Array.isArray(onSave)) return onSave.some((k) => k === FIX_ALL_KIND || k === 'source.fixAll');
  if (onSave && typeof onSave === 'object') {
    const v = onSave as Record<string, unknown>;
    const on = (k: string) => v[k] === true || v[k] === 'explicit' || v[k] === 'always';
    return on(FIX_ALL_KIND) || on('source.fixAll');
  }
  return false;
}
