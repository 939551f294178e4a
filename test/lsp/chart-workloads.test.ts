/**
 * Right-sizing on a Helm chart over LSP (built server, real helm): the template's workload is rendered and placed
 * on the template's lines, its resources are traced to the values key that feeds them (`toYaml .Values.resources`),
 * the edit writes into values.yaml (comments kept), and the chart still renders with helm afterwards.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine';
import { ResourcesEditRequest, WorkloadsRequest } from '../../server/src/protocol/requests';
import { helmPath } from '../support/kube-tools';
import { LspClient } from '../support/lsp-client';
import { fixturePath } from '../support/paths';

describe('right-sizing a chart template over LSP', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubewise-rightsize-chart-'));
    cpSync(fixturePath('rightsizing', 'chart'), join(dir, 'shop'), { recursive: true });
    client = await LspClient.start({ workspaceFolders: [dir], settings: () => ({ helm: { path: helmPath() } }) });
  });
  after(async () => {
    await client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the template’s Deployment: anchor on the template’s resources: line, fed by values.yaml › resources', async () => {
    const template = join(dir, 'shop', 'templates', 'deployment.yaml');
    const uri = pathToFileURL(template).href;
    await client.open(uri, readFileSync(template, 'utf8'));
    const r = await client.conn.sendRequest(WorkloadsRequest, { uri });
    assert.equal(r.workloads.length, 1);
    const w = r.workloads[0]!;
    assert.deepEqual([w.kind, w.name, w.chart], ['Deployment', 'release-name-web', 'shop']);
    assert.ok(w.clusterNamePattern && new RegExp(w.clusterNamePattern).test('shop-web'));
    assert.ok(!new RegExp(w.clusterNamePattern).test('web'));
    const c = w.containers[0]!;
    assert.equal(c.name, 'app');
    assert.equal(c.anchor.start.line, 16, 'the template’s resources: line');
    assert.deepEqual(c.requests, { cpu: '500m', memory: '128Mi' });
    assert.deepEqual(c.limits, { memory: '256Mi' });
    const values = join(dir, 'shop', 'values.yaml');
    assert.deepEqual(c.valuesTarget, {
      uri: pathToFileURL(values).href,
      path: ['resources'],
      display: 'values.yaml › resources',
    });

    const edit = await client.conn.sendRequest(ResourcesEditRequest, {
      uri,
      kind: w.kind,
      name: w.name,
      namespace: null,
      container: 'app',
      requests: { cpu: '44m', memory: '100Mi' },
      limits: { memory: '100Mi' },
      values: { uri: c.valuesTarget!.uri, path: c.valuesTarget!.path },
    });
    assert.equal(edit.error, undefined);
    assert.equal(edit.uri, c.valuesTarget!.uri);
    const before = readFileSync(values, 'utf8');
    const after = applyEdits(before, edit.edits as never);
    assert.equal(
      after,
      before
        .replace('cpu: 500m', 'cpu: 44m')
        .replace(/memory: 128Mi/, 'memory: 100Mi')
        .replace('memory: 256Mi', 'memory: 100Mi'),
    );
    assert.ok(after.includes('# sized by hand when the shop opened'));
    writeFileSync(values, after);
    // The chart still renders, with the new values where the template puts them.
    const out = execFileSync(helmPath(), ['template', 'shop', join(dir, 'shop')], { encoding: 'utf8' });
    assert.match(
      out,
      /resources:\n {12}limits:\n {14}memory: 100Mi\n {12}requests:\n {14}cpu: 44m\n {14}memory: 100Mi/,
    );
  });

  it('unsaved edits: the container moves with its lines while they are unchanged, and goes when they change', async () => {
    const template = join(dir, 'shop', 'templates', 'deployment.yaml');
    const uri = pathToFileURL(template).href;
    const saved = readFileSync(template, 'utf8');
    if (!client.text(uri)) await client.open(uri, saved);
    const anchors = async () =>
      (await client.conn.sendRequest(WorkloadsRequest, { uri })).workloads.flatMap((w) =>
        w.containers.map((c) => `${c.name}@${c.anchor.start.line}:${c.anchor.start.character}`),
      );
    // Two lines typed above the object: helm still renders the file on disk; the lens follows the lines.
    await client.change(uri, `# web front end\n# owned by the shop team\n${saved}`);
    assert.deepEqual(await anchors(), ['app@18:10']);
    // A line of the container's block changed: what helm rendered no longer describes it, so no lens until saved.
    await client.change(uri, saved.replace('image: "{{ .Values.image }}"', 'image: "{{ .Values.image }}-next"'));
    assert.deepEqual(await anchors(), []);
    // Saved text again: as before.
    await client.change(uri, saved);
    assert.deepEqual(await anchors(), ['app@16:10']);
  });
});
