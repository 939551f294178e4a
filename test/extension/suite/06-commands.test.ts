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

  test('Show Problems opens the Problems view', async () => {
    await activateKubewise();
    await open(workspaceUri('web.yaml'));
    await vscode.commands.executeCommand('kubewise.showProblems');
  });
});
