import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateKubewise, closeAll, EXTENSION_ID, open, ruleIds, waitFor, workspaceUri } from './helpers';

suite('activation', () => {
  teardown(closeAll);

  test('the extension activates and starts the language server', async () => {
    const api = await activateKubewise();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.equal(typeof api.statusText, 'function');
  });

  test('every command of package.json is registered', async () => {
    await activateKubewise();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: Array<{ command: string }> };
    };
    const all = new Set(await vscode.commands.getCommands(true));
    const declared = pkg.contributes.commands.map((c) => c.command);
    assert.ok(declared.length >= 6);
    assert.deepEqual(
      declared.filter((c) => !all.has(c)),
      [],
    );
  });

  test('the status bar counts the problems of the active manifest', async () => {
    const api = await activateKubewise();
    const uri = workspaceUri('web.yaml');
    await open(uri);
    await waitFor('diagnostics on web.yaml', () => ruleIds(uri).includes('cpu-request-missing'));
    // VS Code fires onDidChangeDiagnostics debounced: the problems can be readable (above) a moment before the
    // status bar hears of them, so its counts are awaited, not read at once (a clean-clone run read "$(pass)")
    const text = await waitFor('the status bar to count the warnings', () => {
      const t = api.statusText();
      return t !== undefined && /\$\(warning\) [1-9]/.test(t) ? t : undefined;
    });
    assert.match(text, /^Kubewise .*\$\(warning\) [1-9]\d*/);
    await open(workspaceUri('ci.yaml'));
    await waitFor('the status bar to hide on other YAML', () => api.statusText() === undefined);
  });
});
