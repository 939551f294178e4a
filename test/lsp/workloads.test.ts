/**
 * The metrics panel's custom requests (server/src/protocol/requests.ts) on the built server over stdio: workloads,
 * containers, anchors and written resources of a manifest; and the edit that writes recommended resources,
 * keeping comments and indentation.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine';
import type { ResourcesEditParams } from '../../server/src/protocol/metrics';
import { ResourcesEditRequest, WorkloadsRequest } from '../../server/src/protocol/requests';
import { LspClient } from '../support/lsp-client';

const MANIFEST = `# the shop
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the web tier
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      initContainers:
        - name: proxy
          image: envoy:1
          restartPolicy: Always
      containers:
        - name: nginx
          image: nginx:1.27 # pinned
        - name: side
          image: busybox:1.36
          resources:
            limits:
              cpu: 200m # keep
`;

describe('metrics requests over LSP', () => {
  let client: LspClient;
  const uri = 'untitled:/shop.yaml';
  before(async () => {
    client = await LspClient.start();
    await client.open(uri, MANIFEST);
  });
  after(() => client.shutdown());

  it('kubewise/workloads: each workload with its selector, containers, anchors and written resources', async () => {
    const r = await client.conn.sendRequest(WorkloadsRequest, { uri });
    assert.equal(r.version, 1);
    assert.equal(r.workloads.length, 1, 'the ConfigMap is not a workload');
    const w = r.workloads[0]!;
    assert.deepEqual([w.kind, w.name, w.namespace], ['Deployment', 'web', 'shop']);
    assert.deepEqual(w.selector, { app: 'web' });
    assert.equal(w.range.start.line, 6);
    assert.deepEqual(
      w.containers.map((c) => [c.name, c.kind, c.sidecar, c.hasResources, c.anchor.start.line, c.requests, c.limits]),
      [
        ['nginx', 'container', false, false, 26, {}, {}],
        ['side', 'container', false, true, 30, {}, { cpu: '200m' }],
        ['proxy', 'initContainer', true, false, 22, {}, {}],
      ],
    );
    assert.equal(MANIFEST.split('\n')[30]!.trim(), 'resources:');
    assert.equal(MANIFEST.split('\n')[26]!.trim(), '- name: nginx');
  });

  it('kubewise/resourcesEdit: writes requests and limits into a container without resources', async () => {
    const params: ResourcesEditParams = {
      uri,
      kind: 'Deployment',
      name: 'web',
      container: 'nginx',
      requests: { cpu: '44m', memory: '160Mi' },
      limits: { memory: '160Mi' },
    };
    const r = await client.conn.sendRequest(ResourcesEditRequest, params);
    assert.equal(r.error, undefined);
    assert.equal(r.edits.length, 1);
    const after = applyEdits(MANIFEST, r.edits as never);
    assert.ok(
      after.includes(`        - name: nginx
          image: nginx:1.27 # pinned
          resources:
            requests:
              cpu: 44m
              memory: 160Mi
            limits:
              memory: 160Mi
        - name: side`),
      after,
    );
  });

  it('kubewise/resourcesEdit: adds to existing resources, keeps the CPU limit and its comment', async () => {
    const r = await client.conn.sendRequest(ResourcesEditRequest, {
      uri,
      kind: 'Deployment',
      name: 'web',
      container: 'side',
      requests: { cpu: '250m', memory: '128Mi' },
      limits: { memory: '128Mi' },
    } satisfies ResourcesEditParams);
    const after = applyEdits(MANIFEST, r.edits as never);
    assert.ok(
      after.endsWith(`          resources:
            limits:
              cpu: 200m # keep
              memory: 128Mi
            requests:
              cpu: 250m
              memory: 128Mi
`),
      after,
    );
  });

  it('an unknown container is an error message, not a crash', async () => {
    const r = await client.conn.sendRequest(ResourcesEditRequest, {
      uri,
      kind: 'Deployment',
      name: 'web',
      container: 'nope',
      requests: { cpu: '1' },
      limits: {},
    } satisfies ResourcesEditParams);
    assert.deepEqual(r.edits, []);
    assert.match(r.error ?? '', /no container "nope"/);
    const none = await client.conn.sendRequest(WorkloadsRequest, {
      uri: 'untitled:/not-open.yaml',
    });
    assert.deepEqual(none.workloads, []);
  });
});
