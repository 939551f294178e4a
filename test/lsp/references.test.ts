/**
 * Go to definition and find references in the built language server: a reference in an open document resolves to
 * an object in a file on disk (read through the workspace index), and back.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver-protocol/node';
import { DefinitionRequest, ReferencesRequest } from 'vscode-languageserver-protocol/node';
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
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: web-data
`;
const CLAIM = `# the claim lives in its own file
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: web-data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

const short = (l: Location): string =>
  `${l.uri.replace(/^.*\//, '')}:${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;

describe('definition and references in the language server', () => {
  let folder: string;
  let client: LspClient;
  let deployUri: string;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kubewise-refs-'));
    writeFileSync(join(folder, 'deploy.yaml'), DEPLOY);
    writeFileSync(join(folder, 'claim.yaml'), CLAIM);
    client = await LspClient.start({
      workspaceFolders: [folder],
      settings: () => ({ rules: onlyRules(['pvc-not-found']) }),
    });
    deployUri = fileUri(join(folder, 'deploy.yaml'));
    const mark = client.mark();
    await client.open(deployUri, DEPLOY);
    // wait until the index holds claim.yaml: pvc-not-found no longer fires
    await client.diagnostics(deployUri, mark, (p) => p.diagnostics.length === 0);
  });
  after(async () => {
    await client.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('announces both providers', () => {
    assert.equal(client.initializeResult?.capabilities.definitionProvider, true);
    assert.equal(client.initializeResult?.capabilities.referencesProvider, true);
  });

  it('goes from claimName to the claim in a file that is not open', async () => {
    const res = (await client.conn.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: deployUri },
      position: { line: 13, character: 25 },
    })) as Location[];
    assert.deepEqual(res.map(short), ['claim.yaml:4:8-4:16']);
    assert.equal(res[0].uri, fileUri(join(folder, 'claim.yaml')));
  });

  it('finds the references of the claim, with its declaration', async () => {
    const res = await client.conn.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: deployUri },
      position: { line: 13, character: 25 },
      context: { includeDeclaration: true },
    });
    assert.deepEqual((res ?? []).map(short), ['claim.yaml:4:8-4:16', 'deploy.yaml:13:23-13:31']);
  });

  it('answers nothing away from a reference', async () => {
    const res = await client.conn.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: deployUri },
      position: { line: 9, character: 20 },
    });
    assert.deepEqual(res, []);
  });
});
