import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateKubewise,
  closeAll,
  codeOf,
  diagnosticsWhere,
  kubewiseDiagnostics,
  open,
  ruleIds,
  workspaceUri,
} from './helpers';

suite('diagnostics', () => {
  suiteSetup(activateKubewise);
  teardown(closeAll);

  test('a manifest gets Kubewise diagnostics with rule id, source and documentation link', async () => {
    const uri = workspaceUri('web.yaml');
    await open(uri);
    await diagnosticsWhere(uri, 'cpu-request-missing on web.yaml', (ids) => ids.includes('cpu-request-missing'));
    const d = kubewiseDiagnostics(uri).find((x) => codeOf(x) === 'cpu-request-missing')!;
    assert.equal(d.source, 'kubewise');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(
      d.range.start.line >= 14 && d.range.end.line <= 21,
      `on the container (lines 15-22), not ${d.range.start.line + 1}`,
    );
    const code = d.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /docs\/rules\/cpu-request-missing\.md$/);
  });

  test('other YAML and Helm templates get no Kubewise diagnostics', async () => {
    const ci = workspaceUri('ci.yaml');
    const helm = workspaceUri('chart', 'templates', 'deployment.yaml');
    await open(ci);
    await open(helm);
    // Opened after them: once its diagnostics arrive, the server has handled the two files before it.
    const web = workspaceUri('web.yaml');
    await open(web);
    await diagnosticsWhere(web, 'diagnostics on web.yaml', (ids) => ids.length > 0);
    assert.deepEqual(ruleIds(ci), []);
    assert.deepEqual(ruleIds(helm), []);
  });

  test('an untitled YAML document is linted as it is typed', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    });
    await vscode.window.showTextDocument(doc);
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) =>
      b.insert(
        new vscode.Position(4, 0),
        '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n',
      ),
    );
    const ids = await diagnosticsWhere(doc.uri, 'diagnostics for the typed Pod', (x) =>
      x.includes('cpu-request-missing'),
    );
    assert.ok(ids.length > 0);
  });
});
