import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateKubewise, closeAll, codeOf, open, waitFor, workspaceUri } from './helpers';

suite('commands', () => {
  teardown(closeAll);

  test('Lint Workspace reports on files that are not open', async () => {
    const api = await activateKubewise();
    const unopened = workspaceUri('unopened.yaml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()));
    const result = await api.lintWorkspace();
    assert.ok(result.files >= 5, `linted ${result.files} files`);
    assert.ok(result.problems > 0);
    const ds = vscode.languages.getDiagnostics(unopened).filter((d) => d.source === 'kubewise');
    assert.ok(
      ds.some((d) => codeOf(d) === 'cpu-request-missing'),
      'the unopened file has its diagnostics',
    );
    assert.deepEqual(
      vscode.languages.getDiagnostics(workspaceUri('ci.yaml')).filter((d) => d.source === 'kubewise'),
      [],
    );
    // Opening the file hands it over to the language server (no duplicates).
    await open(unopened);
    await waitFor('one copy of each diagnostic', () => {
      const all = vscode.languages.getDiagnostics(unopened).filter((d) => codeOf(d) === 'cpu-request-missing');
      return all.length === 1;
    });
  });

  test('Open an Example Manifest opens a linted untitled document', async () => {
    await activateKubewise();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('kubewise.openExample');
    assert.equal(uri.scheme, 'untitled');
    await waitFor(
      'diagnostics on the example',
      () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubewise').length >= 3,
    );
  });

  test('Restart Language Server brings diagnostics back', async () => {
    await activateKubewise();
    const uri = workspaceUri('web.yaml');
    await open(uri);
    await vscode.commands.executeCommand('kubewise.restartServer');
    await waitFor('diagnostics after the restart', () =>
      vscode.languages.getDiagnostics(uri).some((d) => d.source === 'kubewise'),
    );
  });

  test('Show Problems opens the Problems view and leaves the clipboard and the editor as they were', async () => {
    // That the Problems view appears, filtered, is seen in the page by test/e2e/e2e.test.ts ("clicking the
    // status-bar item opens the Problems view …"): the extension host cannot see the workbench's layout. What it
    // can see is checked here: the command runs the workbench's commands without failing, and it borrows the
    // clipboard to type its filter (in desktop VS Code) but hands back what the user had copied.
    await activateKubewise();
    const uri = workspaceUri('web.yaml');
    const editor = await open(uri);
    await waitFor('diagnostics on web.yaml', () =>
      vscode.languages.getDiagnostics(uri).some((d) => d.source === 'kubewise'),
    );
    const before = editor.document.getText();
    // Only desktop VS Code lends the clipboard (in a browser, reading it needs a permission the page has not got)
    const desktop = vscode.env.uiKind === vscode.UIKind.Desktop;
    const copied = `copied by the user ${Date.now()}`;
    if (desktop) await vscode.env.clipboard.writeText(copied);
    await vscode.commands.executeCommand('kubewise.showProblems');
    if (desktop) assert.equal(await vscode.env.clipboard.readText(), copied, 'the clipboard is restored');
    assert.equal(editor.document.getText(), before, 'the manifest is unchanged');
    assert.ok(!editor.document.isDirty, 'no edit went into the manifest (the filter text goes to the Problems view)');
    assert.ok(
      vscode.languages.getDiagnostics(uri).some((d) => d.source === 'kubewise'),
      'the diagnostics the view lists are still there',
    );
  });
});
