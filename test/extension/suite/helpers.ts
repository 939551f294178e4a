/** Helpers for the tests that run inside VS Code's extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kubewise.kubewise';

export interface KubewiseApi {
  readonly ready: Promise<void>;
  statusText(): string | undefined;
  lintWorkspace(): Promise<{ files: number; problems: number }>;
}

export async function activateKubewise(): Promise<KubewiseApi> {
  const ext = vscode.extensions.getExtension<KubewiseApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Polls until `probe` returns something truthy (diagnostics arrive asynchronously); fails with `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function kubewiseDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubewise');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function ruleIds(uri: vscode.Uri): string[] {
  return kubewiseDiagnostics(uri).map(codeOf).sort();
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Waits for the diagnostics of `uri` to satisfy `ok` (the server publishes after each change). */
export function diagnosticsWhere(
  uri: vscode.Uri,
  what: string,
  ok: (ids: string[]) => boolean,
  timeoutMs?: number,
): Promise<string[]> {
  return waitFor(
    what,
    () => {
      const ids = ruleIds(uri);
      return ok(ids) ? ids : undefined;
    },
    timeoutMs,
  );
}

export async function setKubewise(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('kubewise').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
    50,
  );
  return actions ?? [];
}
