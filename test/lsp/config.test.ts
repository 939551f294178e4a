/**
 * Settings in the language server: pulled per document with `workspace/configuration`, re-pulled after
 * `didChangeConfiguration`; `.kubewise.yaml` in a workspace folder merged under them, re-read when it changes;
 * `ignorePaths`; `kubewise.enable`.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { DiagnosticSeverity, MessageType } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient, onlyRules } from '../support/lsp-client';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const has = (ds: Diagnostic[], id: string): boolean => ds.some((d) => d.code === id);

describe('settings pulled from the client', () => {
  let client: LspClient;
  let editor: Record<string, unknown> = {};
  before(async () => {
    client = await LspClient.start({ settings: () => editor });
  });
  after(async () => {
    await client.kill();
  });

  it('a profile change re-lints open documents with the new rules', async () => {
    editor = { profile: 'recommended' };
    const uri = 'untitled:/profile.yaml';
    let mark = client.mark();
    await client.open(uri, DEPLOY);
    assert.ok(
      has(await client.diagnostics(uri, mark), 'cpu-request-missing'),
      'recommended reports a missing CPU request',
    );

    editor = { profile: 'minimal' };
    const asked = client.configurationRequests.length;
    mark = client.mark();
    await client.configurationChanged();
    const minimal = await client.diagnostics(uri, mark);
    assert.equal(has(minimal, 'cpu-request-missing'), false, 'minimal keeps only errors');
    assert.ok(minimal.every((d) => d.severity === DiagnosticSeverity.Error));
    assert.ok(client.configurationRequests.length > asked, 'the settings were pulled again');

    editor = { rules: { 'cpu-request-missing': 'info' } };
    mark = client.mark();
    await client.configurationChanged();
    const info = (await client.diagnostics(uri, mark)).filter((d) => d.code === 'cpu-request-missing');
    assert.equal(info.length, 1);
    assert.equal(info[0].severity, DiagnosticSeverity.Information);
  });

  it('kubewise.enable: false clears the diagnostics; true brings them back', async () => {
    editor = { rules: onlyRules(['cpu-request-missing']) };
    const uri = 'untitled:/enable.yaml';
    let mark = client.mark();
    await client.open(uri, DEPLOY);
    assert.equal((await client.diagnostics(uri, mark)).length, 1);
    editor = { enable: false, rules: onlyRules(['cpu-request-missing']) };
    mark = client.mark();
    await client.configurationChanged();
    assert.deepEqual(await client.diagnostics(uri, mark), []);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await client.codeActions(uri, range, [], ['source.fixAll']), [], 'no actions while disabled');
    editor = { enable: true, rules: onlyRules(['cpu-request-missing']) };
    mark = client.mark();
    await client.configurationChanged();
    assert.equal((await client.diagnostics(uri, mark)).length, 1);
  });

  it('invalid editor values are ignored (and logged), valid ones still apply', async () => {
    editor = { profile: 'loud', rules: { ...onlyRules(['cpu-request-missing']), 'cpu-request-missing': 'error' } };
    const uri = 'untitled:/invalid.yaml';
    const mark = client.mark();
    await client.open(uri, DEPLOY);
    const ds = await client.diagnostics(uri, mark);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity]),
      [['cpu-request-missing', DiagnosticSeverity.Error]],
    );
    const log = await client.waitFor('a log line about the profile', () =>
      client.logs.find((l) => /profile must be one of/.test(l.message)),
    );
    assert.equal(log.type, MessageType.Warning);
  });
});

describe('.kubewise.yaml and ignorePaths in a workspace folder', () => {
  let root: string;
  let folder: string;
  let client: LspClient;
  let editor: Record<string, unknown> = {};
  const configPath = (): string => join(folder, '.kubewise.yaml');

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'kubewise-lsp-'));
    folder = join(root, 'project');
    mkdirSync(join(folder, 'generated'), { recursive: true });
    writeFileSync(
      configPath(),
      ['profile: minimal', 'rules:', '  cpu-request-missing: error', 'ignorePaths: ["generated/**"]', ''].join('\n'),
    );
    client = await LspClient.start({ workspaceFolders: [folder], settings: () => editor });
  });
  after(async () => {
    await client.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('applies the file: its profile and rule severities', async () => {
    const uri = fileUri(join(folder, 'app.yaml'));
    const mark = client.mark();
    await client.open(uri, DEPLOY);
    const ds = await client.diagnostics(uri, mark);
    assert.deepEqual(
      ds.filter((d) => d.code === 'cpu-request-missing').map((d) => d.severity),
      [DiagnosticSeverity.Error],
    );
    assert.ok(
      ds.every((d) => d.severity === DiagnosticSeverity.Error),
      'the minimal profile of the file',
    );
  });

  it('does not lint files matched by ignorePaths, relative to the folder', async () => {
    const ignored = fileUri(join(folder, 'generated', 'deploy.yaml'));
    const mark = client.mark();
    await client.open(ignored, DEPLOY);
    assert.deepEqual(await client.diagnostics(ignored, mark), []);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await client.codeActions(ignored, range, [], ['source.fixAll']), []);
    await client.close(ignored);
  });

  it('editor settings win over the file', async () => {
    editor = { rules: { 'cpu-request-missing': 'info' } };
    const uri = fileUri(join(folder, 'app.yaml'));
    const mark = client.mark();
    await client.configurationChanged();
    const ds = await client.diagnostics(uri, mark);
    assert.deepEqual(
      ds.filter((d) => d.code === 'cpu-request-missing').map((d) => d.severity),
      [DiagnosticSeverity.Information],
    );
    editor = {};
  });

  it('re-reads the file when it changes (didChangeWatchedFiles)', async () => {
    const uri = fileUri(join(folder, 'app.yaml'));
    let mark = client.mark();
    await client.configurationChanged();
    assert.equal((await client.diagnostics(uri, mark))[0]?.severity, DiagnosticSeverity.Error);
    writeFileSync(configPath(), 'rules:\n  cpu-request-missing: "off"\n');
    mark = client.mark();
    await client.watchedFileChanged(fileUri(configPath()));
    assert.equal(has(await client.diagnostics(uri, mark), 'cpu-request-missing'), false);
  });

  it('shows a problem in the file once, and still applies what is valid', async () => {
    writeFileSync(configPath(), 'profile: loud\nrules:\n  cpu-request-missing: warning\n');
    const uri = fileUri(join(folder, 'app.yaml'));
    let mark = client.mark();
    await client.watchedFileChanged(fileUri(configPath()));
    const ds = (await client.diagnostics(uri, mark)).filter((d) => d.code === 'cpu-request-missing');
    assert.deepEqual(
      ds.map((d) => d.severity),
      [DiagnosticSeverity.Warning],
    );
    const warning = await client.waitFor('a warning message', () =>
      client.messages.find((m) => /profile must be one of/.test(m.message)),
    );
    assert.equal(warning.type, MessageType.Warning);
    assert.match(warning.message, /\.kubewise\.yaml/);
    // read again (same problem): not shown a second time
    mark = client.mark();
    await client.watchedFileChanged(fileUri(configPath()));
    await client.diagnostics(uri, mark);
    assert.equal(client.messages.filter((m) => /profile must be one of/.test(m.message)).length, 1);
    assert.ok(
      client.logs.some((l) => /profile must be one of/.test(l.message)),
      'and it is logged',
    );
  });

  it('a document outside the folder does not get the folder settings', async () => {
    const uri = fileUri(join(root, 'elsewhere.yaml'));
    const mark = client.mark();
    await client.open(uri, DEPLOY);
    const ds = await client.diagnostics(uri, mark);
    const cpu = ds.filter((d) => d.code === 'cpu-request-missing');
    assert.deepEqual(
      cpu.map((d) => d.severity),
      [DiagnosticSeverity.Warning],
      'the recommended default, not the file',
    );
  });
});
