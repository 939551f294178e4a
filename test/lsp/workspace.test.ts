/**
 * The workspace index in the language server: manifests on disk are indexed at start; an edit in one open document
 * changes the cross-resource diagnostics of another open document; files changed on disk count too, and so do
 * folders added to and removed from the workspace.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient, onlyRules, said } from '../support/lsp-client';
import { kubewiseData } from '../../server/src/lsp/diagnostics';

const RULE = 'env-ref-not-found';
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          envFrom:
            - secretRef:
                name: web-secrets
            - configMapRef:
                name: web-settings
`;
const secret = (name: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
// The names the messages say are missing (the `name` of each message's data).
const missing = (ds: Diagnostic[]): string[] =>
  ds
    .filter((d) => d.code === RULE)
    .map((d) => String(kubewiseData(d)?.messageData?.name))
    .sort();

describe('workspace index in the language server', () => {
  let folder: string;
  let client: LspClient;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kubewise-ws-'));
    mkdirSync(join(folder, 'config'));
    mkdirSync(join(folder, 'node_modules', 'x'), { recursive: true });
    writeFileSync(
      join(folder, 'config', 'settings.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\n  namespace: shop\n',
    );
    // skipped folders must not count: a Secret under node_modules or a .gitignored path is not part of the workspace
    writeFileSync(join(folder, 'node_modules', 'x', 'secret.yaml'), secret('web-secrets'));
    writeFileSync(join(folder, '.gitignore'), 'generated/\n');
    mkdirSync(join(folder, 'generated'));
    writeFileSync(join(folder, 'generated', 'secret.yaml'), secret('web-secrets'));
    writeFileSync(join(folder, 'deploy.yaml'), DEPLOY);
    client = await LspClient.start({ workspaceFolders: [folder], settings: () => ({ rules: onlyRules([RULE]) }) });
  });
  after(async () => {
    await client.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('indexes the files on disk at start, skipping node_modules and .gitignored paths', async () => {
    const uri = fileUri(join(folder, 'deploy.yaml'));
    const mark = client.mark();
    await client.open(uri, DEPLOY);
    // the first publish may come before the index is built; wait for the one that sees config/settings.yaml
    const ds = await client.diagnostics(uri, mark, (p) => p.diagnostics.filter((d) => d.code === RULE).length === 1);
    assert.deepEqual(missing(ds), ['web-secrets']);
    // the user is told which files were searched
    assert.match(said(ds[0]), /\bsearchedFileNames=searched \d+ files: .*\bsettings\.yaml\b/);
    assert.ok(
      client.logs.some((l) => /Indexed \d+ files/.test(l.message)),
      'the index build is logged',
    );
  });

  it('an edit in another open document updates this document’s diagnostics', async () => {
    const deployUri = fileUri(join(folder, 'deploy.yaml'));
    const secretsUri = fileUri(join(folder, 'secrets.yaml'));
    let mark = client.mark();
    await client.open(secretsUri, secret('other'));
    await client.diagnostics(secretsUri, mark);
    mark = client.mark();
    // the unsaved editor text defines the Secret: the Deployment's diagnostic clears
    await client.change(secretsUri, secret('web-secrets'));
    const cleared = await client.diagnostics(deployUri, mark, (p) => missing(p.diagnostics).length === 0);
    assert.deepEqual(missing(cleared), []);
    // and comes back when the other document stops defining it
    mark = client.mark();
    await client.change(secretsUri, secret('renamed'));
    const back = await client.diagnostics(deployUri, mark, (p) => missing(p.diagnostics).length === 1);
    assert.deepEqual(missing(back), ['web-secrets']);
    // closing the editor without saving: the file on disk (none) is what counts
    mark = client.mark();
    await client.close(secretsUri);
    await client.change(deployUri, DEPLOY + '# touched\n');
    assert.deepEqual(missing(await client.diagnostics(deployUri, mark)), ['web-secrets']);
  });

  it('a file changed on disk is re-read (didChangeWatchedFiles)', async () => {
    const deployUri = fileUri(join(folder, 'deploy.yaml'));
    const path = join(folder, 'config', 'secret.yaml');
    writeFileSync(path, secret('web-secrets'));
    let mark = client.mark();
    await client.watchedFileChanged(fileUri(path), FileChangeType.Created);
    assert.deepEqual(
      missing(await client.diagnostics(deployUri, mark, (p) => missing(p.diagnostics).length === 0)),
      [],
    );
    rmSync(path);
    mark = client.mark();
    await client.watchedFileChanged(fileUri(path), FileChangeType.Deleted);
    assert.deepEqual(missing(await client.diagnostics(deployUri, mark, (p) => missing(p.diagnostics).length === 1)), [
      'web-secrets',
    ]);
  });

  it('a folder added to the workspace brings its manifests; removed again, they leave the index', async () => {
    const deployUri = fileUri(join(folder, 'deploy.yaml'));
    const other = mkdtempSync(join(tmpdir(), 'kubewise-ws-other-'));
    try {
      writeFileSync(join(other, 'secret.yaml'), secret('web-secrets'));
      let mark = client.mark();
      await client.workspaceFoldersChanged([other], []);
      assert.deepEqual(
        missing(await client.diagnostics(deployUri, mark, (p) => missing(p.diagnostics).length === 0)),
        [],
      );
      mark = client.mark();
      await client.workspaceFoldersChanged([], [other]);
      assert.deepEqual(missing(await client.diagnostics(deployUri, mark, (p) => missing(p.diagnostics).length === 1)), [
        'web-secrets',
      ]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
