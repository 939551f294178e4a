import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateKubewise, closeAll, diagnosticsWhere, open, setKubewise, waitFor, workspaceUri } from './helpers';

suite('settings', () => {
  suiteSetup(activateKubewise);
  teardown(async () => {
    for (const key of ['profile', 'enable', 'rules', 'fixOnSave', 'schemaValidation'])
      await setKubewise(key, undefined);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAll();
  });

  test('profile, per-rule severity and enable change the diagnostics', async () => {
    const uri = workspaceUri('settings.yaml');
    await open(uri);
    await diagnosticsWhere(uri, 'the recommended warnings', (ids) => ids.includes('cpu-request-missing'));
    await setKubewise('profile', 'minimal');
    await diagnosticsWhere(
      uri,
      'warnings to go with the minimal profile',
      (ids) => !ids.includes('cpu-request-missing'),
    );
    await setKubewise('profile', 'recommended');
    await setKubewise('rules', { 'cpu-request-missing': 'error' });
    await waitFor('cpu-request-missing as an error', () =>
      vscode.languages
        .getDiagnostics(uri)
        .some(
          (d) =>
            d.source === 'kubewise' &&
            (d.code as { value: string }).value === 'cpu-request-missing' &&
            d.severity === vscode.DiagnosticSeverity.Error,
        ),
    );
    await setKubewise('rules', { 'cpu-request-missing': 'off' });
    await diagnosticsWhere(uri, 'the rule to be off', (ids) => !ids.includes('cpu-request-missing'));
    await setKubewise('rules', undefined);
    await diagnosticsWhere(uri, 'the rule back', (ids) => ids.includes('cpu-request-missing'));
    await setKubewise('enable', false);
    await diagnosticsWhere(uri, 'no diagnostics when disabled', (ids) => ids.length === 0);
    await setKubewise('enable', true);
    await diagnosticsWhere(uri, 'diagnostics when enabled again', (ids) => ids.includes('cpu-request-missing'));
  });

  test('fix on save writes the safe fixes only; off by default', async () => {
    const uri = workspaceUri('save.yaml');
    const editor = await open(uri);
    await diagnosticsWhere(uri, 'diagnostics', (ids) => ids.includes('cpu-request-missing'));
    assert.equal(vscode.workspace.getConfiguration('kubewise').get('fixOnSave'), false);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# saved once\n'));
    await editor.document.save();
    assert.doesNotMatch(
      Buffer.from(await vscode.workspace.fs.readFile(uri)).toString(),
      /cpu: /,
      'no fixes without the setting',
    );
    assert.doesNotMatch(
      Buffer.from(await vscode.workspace.fs.readFile(uri)).toString(),
      /restartPolicy: Always/,
      'no safe fixes either without the setting',
    );
    await setKubewise('fixOnSave', true);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# saved twice\n'));
    await editor.document.save();
    const saved = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString();
    assert.match(saved, /^# saved twice\n# saved once\n/);
    assert.match(saved, /restartPolicy: Always #/, "the safe fix (an enum value's case) was written on save");
    assert.doesNotMatch(saved, /cpu: /, 'a resource request changes what runs: never written on save');
    await diagnosticsWhere(uri, 'schema-violation to disappear', (ids) => !ids.includes('schema-violation'));
  });

  test('kubewise.schemaValidation turns the schema rules off and on; an explicit severity wins', async () => {
    const uri = workspaceUri('schema.yaml');
    await open(uri);
    await diagnosticsWhere(uri, 'unknown-field (auto: Red Hat YAML is not installed)', (ids) =>
      ids.includes('unknown-field'),
    );
    await setKubewise('schemaValidation', 'off');
    await diagnosticsWhere(uri, 'schema rules off', (ids) => !ids.includes('unknown-field'));
    await setKubewise('rules', { 'unknown-field': 'error' });
    await diagnosticsWhere(uri, 'the explicit severity to win', (ids) => ids.includes('unknown-field'));
    await setKubewise('rules', undefined);
    await diagnosticsWhere(uri, 'schema rules off again', (ids) => !ids.includes('unknown-field'));
    await setKubewise('schemaValidation', 'on');
    await diagnosticsWhere(uri, 'schema rules on', (ids) => ids.includes('unknown-field'));
  });

  test("with Red Hat's YAML extension mapping the kubernetes schema, auto leaves schema problems to it", async () => {
    assert.ok(vscode.extensions.getExtension('redhat.vscode-yaml'), 'the stand-in extension is installed');
    const yaml = () => vscode.workspace.getConfiguration('yaml');
    const uri = workspaceUri('schema.yaml');
    await open(uri);
    await diagnosticsWhere(uri, 'unknown-field without a schema mapping', (ids) => ids.includes('unknown-field'));
    try {
      await yaml().update('schemas', { kubernetes: '*.yaml' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(uri, 'Kubewise to leave the schema to Red Hat', (ids) => !ids.includes('unknown-field'));
      await yaml().update('validate', false, vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(uri, 'Kubewise to take it back when Red Hat does not validate', (ids) =>
        ids.includes('unknown-field'),
      );
      await yaml().update('validate', undefined, vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(uri, 'off again', (ids) => !ids.includes('unknown-field'));
      await setKubewise('schemaValidation', 'on');
      await diagnosticsWhere(uri, '"on" to win over Red Hat', (ids) => ids.includes('unknown-field'));
    } finally {
      await yaml().update('schemas', undefined, vscode.ConfigurationTarget.Workspace);
      await yaml().update('validate', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
