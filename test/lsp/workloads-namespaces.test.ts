/**
 * The manifest side of matching over LSP: two objects of one kind and name in one file are told apart by their
 * namespace (the edit writes into the one asked for only); the namespace and name prefix of the kustomization that
 * reads a file; the HPAs that scale a workload on CPU or memory utilization.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine';
import type { ResourcesEditParams } from '../../server/src/protocol/metrics';
import { ResourcesEditRequest, WorkloadsRequest } from '../../server/src/protocol/requests';
import { LspClient } from '../support/lsp-client';

const deployment = (namespace: string | undefined, cpu: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
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
          resources:
            requests:
              cpu: ${cpu}
`;

const TWO = `${deployment('staging', '100m')}---\n${deployment('prod', '500m')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: prod
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;

describe('workloads: namespaces, kustomizations and HPAs over LSP', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubewise-workloads-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'namespace: shop\nnamePrefix: eu-\nresources:\n  - web.yaml\n');
    writeFileSync(join(dir, 'web.yaml'), deployment(undefined, '250m'));
    client = await LspClient.start();
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two Deployment/web in one file: each keeps its namespace, and only prod has the HPA', async () => {
    const uri = 'untitled:/two.yaml';
    await client.open(uri, TWO);
    const r = await client.conn.sendRequest(WorkloadsRequest, { uri });
    assert.deepEqual(
      r.workloads.map((w) => [w.kind, w.name, w.namespace, w.namespaceFrom, w.ownNamespace]),
      [
        ['Deployment', 'web', 'staging', 'object', 'staging'],
        ['Deployment', 'web', 'prod', 'object', 'prod'],
      ],
    );
    assert.equal(r.workloads[0]!.autoscalers, undefined);
    assert.deepEqual(r.workloads[1]!.autoscalers, [
      { name: 'web', minReplicas: 2, maxReplicas: 10, utilization: [{ resource: 'cpu', percent: 70 }] },
    ]);
  });

  it('a ContainerResource HPA names the container whose request it reads', async () => {
    const uri = 'untitled:/container-resource.yaml';
    await client.open(
      uri,
      `${deployment('prod', '500m')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: prod
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  maxReplicas: 6
  metrics:
    - type: ContainerResource
      containerResource:
        name: cpu
        container: nginx
        target:
          type: Utilization
          averageUtilization: 60
`,
    );
    const r = await client.conn.sendRequest(WorkloadsRequest, { uri });
    assert.deepEqual(r.workloads[0]!.autoscalers, [
      {
        name: 'web',
        minReplicas: 1,
        maxReplicas: 6,
        utilization: [{ resource: 'cpu', percent: 60, container: 'nginx' }],
      },
    ]);
  });

  it('the edit asked for prod writes into prod only', async () => {
    const uri = 'untitled:/two.yaml';
    const params: ResourcesEditParams = {
      uri,
      kind: 'Deployment',
      name: 'web',
      namespace: 'prod',
      container: 'nginx',
      requests: { cpu: '44m' },
      limits: {},
    };
    const r = await client.conn.sendRequest(ResourcesEditRequest, params);
    assert.equal(r.error, undefined);
    const out = applyEdits(TWO, r.edits as never);
    assert.equal(out, TWO.replace('cpu: 500m', 'cpu: 44m'));
    const staging = await client.conn.sendRequest(ResourcesEditRequest, {
      ...params,
      namespace: 'staging',
    });
    assert.equal(applyEdits(TWO, staging.edits as never), TWO.replace('cpu: 100m', 'cpu: 44m'));
    const none = await client.conn.sendRequest(ResourcesEditRequest, {
      ...params,
      namespace: 'qa',
    });
    assert.match(none.error ?? '', /namespace qa/);
    assert.equal(none.edits.length, 0);
  });

  it('a file read by a kustomization: its namespace and name prefix', async () => {
    const uri = pathToFileURL(join(dir, 'web.yaml')).href;
    await client.open(uri, deployment(undefined, '250m'));
    const r = await client.conn.sendRequest(WorkloadsRequest, { uri });
    const w = r.workloads[0]!;
    assert.deepEqual(
      [w.name, w.clusterName, w.namespace, w.namespaceFrom, w.ownNamespace],
      ['web', 'eu-web', 'shop', 'kustomization', null],
    );
  });
});
