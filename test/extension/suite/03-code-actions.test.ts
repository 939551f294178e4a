import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateKubewise,
  closeAll,
  codeActions,
  codeOf,
  diagnosticsWhere,
  kubewiseDiagnostics,
  open,
  waitFor,
  workspaceUri,
} from './helpers';

suite('code actions', () => {
  suiteSetup(activateKubewise);
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAll();
  });

  test('the quick fix of a diagnostic, applied through workspace.applyEdit, makes it disappear', async () => {
    const uri = workspaceUri('web.yaml');
    await open(uri);
    await diagnosticsWhere(uri, 'cpu-request-missing', (ids) => ids.includes('cpu-request-missing'));
    const d = kubewiseDiagnostics(uri).find((x) => codeOf(x) === 'cpu-request-missing')!;
    const actions = await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    // (vscode.executeCodeActionProvider does not return an action's diagnostics: match the title)
    const fix = actions.find((a) => a.isPreferred && /requests\.cpu/.test(a.title));
    assert.ok(fix?.edit, `a preferred fix among: ${titles.join(' | ')}`);
    assert.ok(
      titles.some((t) => /ignore cpu-request-missing for this object/i.test(t)),
      'ignore for this object',
    );
    assert.ok(
      titles.some((t) => /ignore cpu-request-missing on this line/i.test(t)),
      'ignore on this line',
    );
    assert.ok(
      titles.some((t) => /documentation/i.test(t)),
      'show documentation',
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /requests:\n\s+memory: 128Mi\n\s+cpu: \S+/);
    await diagnosticsWhere(uri, 'cpu-request-missing to disappear', (ids) => !ids.includes('cpu-request-missing'));
  });

  test('source.fixAll.kubewise and the Fix All command apply the safe fixes of the whole file', async () => {
    const uri = workspaceUri('save.yaml');
    await open(uri);
    await diagnosticsWhere(
      uri,
      'diagnostics',
      (ids) => ids.includes('cpu-request-missing') && ids.includes('schema-violation'),
    );
    const doc = vscode.window.activeTextEditor!.document;
    const all = await codeActions(uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.kubewise');
    assert.equal(all.length, 1);
    assert.ok(all[0].edit, 'the fix-all action is resolved to an edit');
    const n = await vscode.commands.executeCommand<number>('kubewise.fixAll');
    assert.ok(n > 0, 'the command applied edits');
    await diagnosticsWhere(
      uri,
      'the safe fix applied, the unsafe one left',
      (ids) => !ids.includes('schema-violation') && ids.includes('cpu-request-missing'),
    );
    assert.match(doc.getText(), /restartPolicy: Always/);
    assert.doesNotMatch(doc.getText(), /cpu: /, 'a resource request changes what runs: not applied in bulk');
    assert.ok(doc.isDirty, 'the fix is an edit of the document, not a write to disk');
  });

  test('"Add a HorizontalPodAutoscaler" on a Deployment, in this file and in a sibling file', async () => {
    const uri = workspaceUri('companion.yaml');
    const editor = await open(uri);
    await waitFor(
      'the server to know the document',
      async () => (await codeActions(uri, new vscode.Range(1, 0, 1, 0), 'quickfix')).length > 0,
    );
    const actions = await codeActions(uri, new vscode.Range(1, 0, 1, 0), 'quickfix');
    const titles = actions.map((a) => a.title);
    for (const kind of ['HorizontalPodAutoscaler', 'VerticalPodAutoscaler', 'PodDisruptionBudget']) {
      assert.ok(
        titles.includes(`Add a ${kind} for Deployment shop (in this file)`),
        `${kind} in this file among ${titles.join(' | ')}`,
      );
      assert.ok(
        titles.some((t) => t.startsWith(`Add a ${kind} for Deployment shop (in companion-`)),
        `${kind} in a sibling file`,
      );
    }
    const here = actions.find((a) => a.title === 'Add a HorizontalPodAutoscaler for Deployment shop (in this file)')!;
    assert.ok(await vscode.workspace.applyEdit(here.edit!));
    const text = editor.document.getText();
    assert.match(
      text,
      /\n---\napiVersion: autoscaling\/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n {2}name: shop\n {2}namespace: store\n/,
    );
    assert.doesNotMatch(text, /replicas: 3/, 'the HPA takes over spec.replicas');
    // With the HPA in the file, it is no longer offered.
    const after = await waitFor('actions without the HPA', async () => {
      const a = await codeActions(uri, new vscode.Range(1, 0, 1, 0), 'quickfix');
      return a.every((x) => !x.title.includes('HorizontalPodAutoscaler')) && a.length > 0 ? a : undefined;
    });
    const pdb = after.find((a) => a.title === 'Add a PodDisruptionBudget for Deployment shop (in companion-pdb.yaml)');
    assert.ok(pdb?.edit, 'the sibling-file PDB action');
    assert.ok(await vscode.workspace.applyEdit(pdb.edit));
    const sibling = workspaceUri('companion-pdb.yaml');
    const created = await vscode.workspace.openTextDocument(sibling);
    assert.match(
      created.getText(),
      /^apiVersion: policy\/v1\nkind: PodDisruptionBudget\nmetadata:\n {2}name: shop\n {2}namespace: store\n/,
    );
    await created.save();
    await vscode.workspace.fs.delete(sibling);
  });

  test('no companion actions on other kinds', async () => {
    const uri = workspaceUri('ci.yaml');
    await open(uri);
    assert.deepEqual(await codeActions(uri, new vscode.Range(1, 0, 1, 0), 'quickfix'), []);
  });
});
