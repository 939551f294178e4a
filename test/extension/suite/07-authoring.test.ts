import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateKubewise, closeAll, diagnosticsWhere, open, workspaceUri } from './helpers';

/** A completion item's label (an object when the item has label details). */
const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);

/** The text of a hover's contents, whatever form each part takes. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('writing manifests: completion, hover, outline', () => {
  suiteSetup(async () => {
    await activateKubewise();
    // the server is up once web.yaml has its diagnostics
    const web = workspaceUri('web.yaml');
    await open(web);
    await diagnosticsWhere(web, 'diagnostics on web.yaml', (ids) => ids.length > 0);
  });
  teardown(closeAll);

  test('the completion list offers the enum values of imagePullPolicy, and required keys first', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  \n  template:\n    spec:\n      containers:\n        - name: a\n          imagePullPolicy: \n',
    });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(10, 27),
    );
    const enums = list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).map(labelOf);
    assert.deepEqual(enums, ['Always', 'IfNotPresent', 'Never']);

    const keys = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(5, 2),
    );
    const spec = keys.items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
    const selector = spec.find((i) => labelOf(i) === 'selector');
    assert.ok(selector, `selector offered among ${spec.map(labelOf).join(', ')}`);
    assert.equal(selector.detail, 'required · LabelSelector');
    assert.deepEqual(selector.label, { label: 'selector', description: 'required' });
    assert.ok(!spec.some((i) => labelOf(i) === 'template'), 'template is already there');
  });

  test('hover shows a field description and the plain value of a quantity', async () => {
    const web = workspaceUri('web.yaml');
    await open(web);
    // line 19 (1-based): `              memory: 128Mi`
    const quantity = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      web,
      new vscode.Position(18, 24),
    );
    assert.match(hoverText(quantity), /`128Mi` = 134,217,728 bytes/);
    const field = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      web,
      new vscode.Position(6, 4),
    );
    assert.match(hoverText(field), /\*\*replicas\*\* `integer`/);
    assert.match(hoverText(field), /kubernetes-api\/v1\.33\/#deployment-v1-apps/);
  });

  test('the outline shows the Deployment with its container', async () => {
    const web = workspaceUri('web.yaml');
    await open(web);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      web,
    );
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children.map((c) => c.name)]),
      [['Deployment web', ['web']]],
    );
  });
});
