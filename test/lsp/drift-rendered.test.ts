/**
 * Live drift of charts and overlays on the built server over stdio, with real helm and kubectl: the driftObjects
 * answer for a chart template or an overlay's patch carries the rendered objects, each key placed where a finding on
 * it would be (the template line, the patch line), keys written in another file (values.yaml) left out.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DriftObject } from '../../server/src/protocol/drift';
import { DriftObjectsRequest } from '../../server/src/protocol/requests';
import { helmPath, kubectlPath } from '../support/kube-tools';
import { fileUri, LspClient } from '../support/lsp-client';
import { RENDER_FIXTURES } from '../support/render';

/** `dotted.path[0] → line` (1-based) of each key placed in the file. */
function lineOf(o: DriftObject, dotted: string): number | undefined {
  const p = o.paths.find(
    (x) =>
      x.path
        .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
        .join('')
        .slice(1) === dotted,
  );
  return p && p.range.start.line + 1;
}

describe('live drift of charts and overlays over LSP', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubewise-lsp-drift-render-'));
    cpSync(RENDER_FIXTURES, dir, { recursive: true });
    mkdirSync(join(dir, '.git'));
    client = await LspClient.start({
      workspaceFolders: [dir],
      settings: () => ({ helm: { path: helmPath(), namespace: 'shop' }, kubectl: { path: kubectlPath() } }),
    });
  });
  after(async () => {
    await client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const objectsOf = async (rel: string): Promise<readonly DriftObject[]> => {
    const path = join(dir, rel);
    const uri = fileUri(path);
    await client.open(uri, readFileSync(path, 'utf8'));
    const r = await client.conn.sendRequest(DriftObjectsRequest, { uri });
    assert.equal(r.version, 1);
    return r.objects;
  };

  it('a chart template: the rendered Deployment, its keys on the template lines that write them', async () => {
    const objects = await objectsOf('helm/webapp/templates/deployment.yaml');
    assert.deepEqual(
      objects.map((o) => [o.kind, o.name, o.namespace, o.anchor.start.line]),
      [['Deployment', 'release-name-webapp', 'shop', 0]],
    );
    const [d] = objects;
    // the body is helm's output, not the template
    assert.equal((d.body.spec as { replicas?: unknown }).replicas, 2);
    assert.equal(lineOf(d, 'metadata.name'), 4);
    assert.equal(lineOf(d, 'spec.replicas'), 8); // `replicas: {{ .Values.replicaCount }}`
    assert.equal(lineOf(d, 'spec.template.spec.containers[0].image'), 23);
    assert.equal(lineOf(d, 'spec.template.spec.containers[0].securityContext.privileged'), 25); // toYaml .Values…
    assert.equal(lineOf(d, 'spec.template.spec.containers[1].image'), 29); // include "webapp.sidecar"
  });

  it("the chart's values.yaml: the keys it sets, on its own lines", async () => {
    const objects = await objectsOf('helm/webapp/values.yaml');
    const d = objects.find((o) => o.name === 'release-name-webapp');
    assert.ok(d, JSON.stringify(objects.map((o) => o.name)));
    assert.equal(lineOf(d, 'spec.replicas'), 1);
    assert.equal(lineOf(d, 'spec.template.spec.containers[0].securityContext.privileged'), 13);
    assert.equal(lineOf(d, 'metadata.name'), undefined);
  });

  it("an overlay's patches: the built object, with the keys each patch sets", async () => {
    const [smp] = await objectsOf('kustomize/overlays/prod/privileged.yaml');
    assert.deepEqual([smp.kind, smp.name, smp.namespace], ['Deployment', 'prod-api', 'prod']);
    assert.equal(lineOf(smp, 'spec.template.spec.containers[0].securityContext.privileged'), 12);
    assert.equal(lineOf(smp, 'spec.replicas'), undefined);
    assert.equal(smp.anchor.start.line + 1, 11); // the first key the patch sets
    const [json] = await objectsOf('kustomize/overlays/prod/replicas.yaml');
    assert.equal(json.name, 'prod-api');
    assert.equal((json.body.spec as { replicas?: unknown }).replicas, 1);
    assert.equal(lineOf(json, 'spec.replicas'), 3);
  });

  it("a base: one object per overlay that builds it, without the keys an overlay's patch sets", async () => {
    const objects = await objectsOf('kustomize/base/deployment.yaml');
    assert.deepEqual(
      objects.map((o) => `${o.namespace}/${o.name}`),
      ['dev/dev-api', 'prod/prod-api', 'staging/api-staging'],
    );
    const prod = objects[1];
    assert.equal(prod.anchor.start.line, 0);
    assert.equal(lineOf(prod, 'spec.template.spec.containers[0].image'), 19);
    assert.equal(lineOf(prod, 'spec.replicas'), undefined); // the prod overlay's JSON patch sets it
    assert.equal(lineOf(objects[0], 'spec.replicas'), 8);
  });
});
