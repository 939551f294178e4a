/**
 * "Kubewise: Show Rule Documentation": a pick list of every rule (read from this extension's own package.json, which
 * `client/scripts/sync-manifest.mjs` keeps in step with the rules), preselecting the rule under the cursor.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, ruleDocsUrl } from '../../server/src/protocol';

interface RuleInfo {
  id: string;
  summary: string;
  description: string;
}

export function rulesFromManifest(packageJSON: unknown): RuleInfo[] {
  const props = (
    packageJSON as {
      contributes?: {
        configuration?: {
          properties?: Record<string, { properties?: Record<string, { markdownDescription?: string }> }>;
        };
      };
    }
  )?.contributes?.configuration?.properties?.['kubewise.rules']?.properties;
  return Object.entries(props ?? {}).map(([id, p]) => {
    const [summary = '', description = ''] = (p.markdownDescription ?? '').split('\n\n');
    return { id, summary: plain(summary), description: plain(description) };
  });
}

export function ruleDocsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(ruleDocsUrl(ruleId));
}

const docsUris = new Map<string, vscode.Uri>();

/**
 * Links each Kubewise diagnostic's code to its rule's page, as `codeDescription.href` would: the server leaves the
 * link out of its publishes for this client (`ruleDocsLinks: 'client'` in client.ts), since the same few URLs on
 * thousands of diagnostics were a quarter of every publish of a large file. Changes the diagnostics in place (the
 * language client's own objects, which keep the data code actions send back).
 */
export function linkRuleDocs(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || (typeof d.code !== 'string' && typeof d.code !== 'number')) continue;
    const id = String(d.code);
    let target = docsUris.get(id);
    if (!target) docsUris.set(id, (target = ruleDocsUri(id)));
    d.code = { value: d.code, target };
  }
  return diagnostics;
}

/** The rule of the Kubewise diagnostic under the cursor, if any. */
export function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const pos = editor.selection.active;
  const d = vscode.languages
    .getDiagnostics(editor.document.uri)
    .find((x) => x.source === DIAGNOSTIC_SOURCE && x.range.contains(pos));
  const code = d?.code;
  return typeof code === 'object' ? String(code.value) : code !== undefined ? String(code) : undefined;
}

export async function showRuleDocs(packageJSON: unknown, ruleId?: unknown): Promise<string | undefined> {
  const rules = rulesFromManifest(packageJSON);
  let id = typeof ruleId === 'string' ? ruleId : undefined;
  if (!id) {
    const current = ruleAtCursor();
    const items = rules.map((r) => ({
      label: r.id,
      description: r.summary,
      detail: r.description,
      picked: r.id === current,
    }));
    items.sort((a, b) => Number(b.picked) - Number(a.picked));
    const pick = await vscode.window.showQuickPick(items, {
      title: 'Kubewise rules',
      placeHolder: 'Rule to read about',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    id = pick?.label;
  }
  if (id) await vscode.env.openExternal(ruleDocsUri(id));
  return id;
}

function plain(markdown: string): string {
  return markdown
    .replace(/\*\*|`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();
}
