/**
 * The live-drift requests (server/src/protocol/requests.ts) on the built server over stdio, through their typed
 * constants: the objects of one manifest as drift compares them, and the objects of the workspace (a request with
 * no params, as the Not in the Cluster view sends it).
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DriftObjectsRequest, WorkspaceObjectsRequest } from '../../server/src/protocol/requests';
import { LspClient } from '../support/lsp-client';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe('drift requests over LSP', () => {
  let client: LspClient;
  const uri = 'untitled:/drift.yaml';
  before(async () => {
    client = await LspClient.start();
    await client.open(uri, MANIFEST);
    // The workspace index takes the document when its first lint runs; the diagnostics say that lint is done.
    await client.diagnostics(uri);
  });
  after(() => client.shutdown());

  it('kubewise/driftObjects: the object with its plain body, for this version of the document', async () => {
    const r = await client.conn.sendRequest(DriftObjectsRequest, { uri });
    assert.equal(r.uri, uri);
    assert.equal(r.version, 1);
    assert.deepEqual(
      r.objects.map((o) => [o.kind, o.name, (o.body.spec as { replicas?: number }).replicas]),
      [['Deployment', 'web', 2]],
    );
  });

  it('kubewise/workspaceObjects: every object of the workspace, with where it is written', async () => {
    const r = await client.conn.sendRequest(WorkspaceObjectsRequest);
    assert.deepEqual(
      r.objects.map((o) => ({ kind: o.kind, name: o.name, namespace: o.namespace, uri: o.uri, line: o.line })),
      [{ kind: 'Deployment', name: 'web', namespace: 'shop', uri, line: 0 }],
    );
  });
});
