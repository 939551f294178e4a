/**
 * kubewise/objectLocations on the built server over stdio: the panel's "Open manifest" finds an object in any
 * manifest of the workspace folders (none of them open in an editor), by kind, name and namespace; a manifest that
 * names no namespace matches only the context's namespace.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ObjectLocationsParams } from '../../server/src/protocol/metrics';
import { ObjectLocationsRequest } from '../../server/src/protocol/requests';
import { fileUri, LspClient } from '../support/lsp-client';

const deployment = (ns: string) => `# the web tier in ${ns}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

const BARE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: v1
kind: Pod
metadata:
  name: debug-web
spec:
  containers:
    - name: shell
      image: busybox:1.36
`;

describe('kubewise/objectLocations: a cluster object found in the workspace', () => {
  let folder: string;
  let client: LspClient;
  const ask = async (p: ObjectLocationsParams) =>
    (await client.conn.sendRequest(ObjectLocationsRequest, p)).locations.map((l) => [
      l.uri.slice(fileUri(folder).length + 1),
      l.line,
    ]);

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kubewise-locations-'));
    mkdirSync(join(folder, 'prod'));
    mkdirSync(join(folder, 'staging'));
    writeFileSync(join(folder, 'prod', 'web.yaml'), deployment('shop'));
    writeFileSync(join(folder, 'staging', 'web.yaml'), deployment('shop-staging'));
    writeFileSync(join(folder, 'debug.yaml'), BARE);
    client = await LspClient.start({ workspaceFolders: [folder] });
    // The index is read in the background after initialize, file by file: ask until it holds all three files.
    const probes: ObjectLocationsParams[] = [
      { kind: 'Deployment', name: 'web', namespace: 'shop', contextNamespace: 'default' },
      { kind: 'Deployment', name: 'web', namespace: 'shop-staging', contextNamespace: 'default' },
      { kind: 'Pod', name: 'debug-web', namespace: 'dev', contextNamespace: 'dev' },
    ];
    for (let i = 0; i < 600; i++) {
      const found = await Promise.all(probes.map(async (p) => (await ask(p)).length > 0));
      if (found.every(Boolean)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(async () => {
    await client.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('two Deployments named web: the one of the pod’s namespace, in a file no editor has open', async () => {
    assert.deepEqual(await ask({ kind: 'Deployment', name: 'web', namespace: 'shop', contextNamespace: 'default' }), [
      ['prod/web.yaml', 1],
    ]);
    assert.deepEqual(
      await ask({ kind: 'Deployment', name: 'web', namespace: 'shop-staging', contextNamespace: 'default' }),
      [['staging/web.yaml', 1]],
    );
    assert.deepEqual(await ask({ kind: 'Deployment', name: 'web', namespace: 'other', contextNamespace: 'other' }), []);
  });

  it('a manifest without a namespace matches only the context’s namespace', async () => {
    assert.deepEqual(await ask({ kind: 'Pod', name: 'debug-web', namespace: 'dev', contextNamespace: 'dev' }), [
      ['debug.yaml', 5],
    ]);
    assert.deepEqual(await ask({ kind: 'Pod', name: 'debug-web', namespace: 'shop', contextNamespace: 'dev' }), []);
    assert.deepEqual(await ask({ kind: 'StatefulSet', name: 'web', namespace: 'shop', contextNamespace: 'shop' }), []);
  });
});
