import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateKubewise, closeAll, waitFor } from './helpers';

suite('snippets', () => {
  suiteSetup(activateKubewise);
  teardown(closeAll);

  test('the contributed HPA snippet inserts an autoscaling/v2 HPA with its tab stops', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', {
      langId: 'yaml',
      name: 'Kubernetes: HorizontalPodAutoscaler (CPU)',
    });
    await waitFor('the snippet text', () => doc.getText().includes('HorizontalPodAutoscaler'));
    const text = doc.getText();
    assert.match(text, /^apiVersion: autoscaling\/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n {2}name: web\n/);
    assert.match(text, /scaleTargetRef:\n {4}apiVersion: apps\/v1\n {4}kind: Deployment\n {4}name: web\n/);
    assert.match(text, /behavior:/);
    // The first tab stop (the name) is selected, mirrored in scaleTargetRef.name.
    assert.equal(doc.getText(editor.selection), 'web');
    await vscode.commands.executeCommand('type', { text: 'api' });
    await waitFor('the mirrored name', () => /name: api\n[\s\S]*name: api\n/.test(doc.getText()));
  });

  test('the Deployment snippet, inserted with its defaults, gets no warnings or errors', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', {
      langId: 'yaml',
      name: 'Kubernetes: Deployment',
    });
    await vscode.commands.executeCommand('leaveSnippet');
    await waitFor('the snippet text', () => doc.getText().includes('kind: Deployment'));
    // A lone Deployment may get information about its missing companions (PDB, NetworkPolicy); nothing worse.
    await waitFor('the server to lint the snippet', () => vscode.languages.getDiagnostics(doc.uri) !== undefined);
    const worse = () =>
      vscode.languages
        .getDiagnostics(doc.uri)
        .filter((d) => d.source === 'kubewise' && d.severity !== vscode.DiagnosticSeverity.Information);
    // Give the server its debounce: a sentinel edit that surely yields a diagnostic proves it has linted.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) =>
      b.insert(
        new vscode.Position(doc.lineCount, 0),
        '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: "nginx:1.27"}]}\n',
      ),
    );
    await waitFor('the sentinel Pod to be linted', () =>
      vscode.languages.getDiagnostics(doc.uri).some((d) => d.range.start.line > 60),
    );
    assert.deepEqual(
      worse()
        .filter((d) => d.range.start.line < 60)
        .map((d) => `${String((d.code as { value: string }).value)}: ${d.message}`),
      [],
    );
  });
});
