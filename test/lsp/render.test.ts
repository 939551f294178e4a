/**
 * Charts and overlays in the language server (built bundle, stdio, real helm and kubectl): a chart renders in the
 * background when one of its files opens, with progress; findings arrive on the template and values lines, with the
 * values.yaml fix as a code action; a save renders again; a template error is one diagnostic on the template line;
 * without helm, one information message and one diagnostic on Chart.yaml, templates skipped as before; an overlay's
 * findings land on its patches and its base.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { MessageType } from 'vscode-languageserver-protocol/node';
import { helmPath, kubectlPath } from '../support/kube-tools';
import { fileUri, FULL_CAPABILITIES, LspClient, said } from '../support/lsp-client';
import { RENDER_FIXTURES } from '../support/render';

const CAPABILITIES = { ...FULL_CAPABILITIES, window: { ...FULL_CAPABILITIES.window, workDoneProgress: true } };

function copyFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-lsp-render-'));
  cpSync(RENDER_FIXTURES, dir, { recursive: true });
  mkdirSync(join(dir, '.git'));
  return dir;
}

/** `line:col rule` (1-based), sorted. */
const at = (ds: Diagnostic[]): string[] =>
  ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`).sort(byLine);
const byLine = (a: string, b: string): number => {
  const [la, ca] = a.split(' ')[0].split(':').map(Number);
  const [lb, cb] = b.split(' ')[0].split(':').map(Number);
  return la - lb || ca - cb || (a < b ? -1 : a > b ? 1 : 0);
};

describe('charts and overlays in the language server', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = copyFixtures();
    client = await LspClient.start({
      capabilities: CAPABILITIES,
      workspaceFolders: [dir],
      settings: () => ({ helm: { path: helmPath(), namespace: 'shop' }, kubectl: { path: kubectlPath() } }),
    });
  });
  after(async () => {
    await client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (rel: string, accept: (ds: Diagnostic[]) => boolean): Promise<Diagnostic[]> => {
    const path = join(dir, rel);
    const uri = fileUri(path);
    const mark = client.mark();
    await client.open(uri, readFileSync(path, 'utf8'));
    return client.diagnostics(uri, mark, (p) => accept(p.diagnostics));
  };

  it('a template: findings on its literal keys and include lines, after a first render with progress', async () => {
    const ds = await open('helm/webapp/templates/deployment.yaml', (d) => d.length > 0);
    // the sidecar its line 29 includes is reported in _helpers.tpl, where it is written (next test)
    assert.deepEqual(at(ds), [
      '4:3 networkpolicy-missing',
      '4:3 topology-spread-missing',
      '21:7 automount-sa-token',
      '21:7 run-as-non-root',
      '21:7 seccomp-profile',
      '22:11 liveness-probe-missing',
      '22:11 readiness-probe-missing',
    ]);
    // the namespace helm was given reaches the message
    assert.match(said(ds.find((d) => d.code === 'networkpolicy-missing')!), /\bns=shop\b/);
    assert.ok(
      client.progress.some((p) => p.kind === 'begin' && p.title === 'Kubewise: rendering chart webapp'),
      JSON.stringify(client.progress),
    );
  });

  it('a helper in _helpers.tpl: findings on the lines that write the container, the include line as related information', async () => {
    const ds = await open('helm/webapp/templates/_helpers.tpl', (d) => d.length > 0);
    assert.ok(at(ds).includes('11:3 cpu-request-missing'), at(ds).join('\n'));
    const cpu = ds.find((d) => d.code === 'cpu-request-missing')!;
    assert.deepEqual(
      cpu.relatedInformation?.map(
        (r) =>
          `${r.location.uri.slice(r.location.uri.indexOf('/helm/'))}:${r.location.range.start.line + 1} ${r.message}`,
      ),
      ['/helm/webapp/templates/deployment.yaml:29 included by templates/deployment.yaml'],
    );
  });

  it('values.yaml: the toYaml-fed keys, with the fix as an edit of values.yaml; a save renders again', async () => {
    const rel = 'helm/webapp/values.yaml';
    const uri = fileUri(join(dir, rel));
    const ds = await open(rel, (d) => d.length > 0);
    assert.deepEqual(at(ds), [
      '8:1 cpu-request-missing',
      '8:1 memory-limit-missing',
      '8:1 memory-request-missing',
      '12:1 allow-privilege-escalation',
      '12:1 capabilities-drop-all',
      '12:1 read-only-root-fs',
      '13:3 privileged-container',
    ]);
    const d = ds.find((x) => x.code === 'memory-request-missing')!;
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = await client.withEdit(actions.find((a) => a.isPreferred)!);
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    const fixed = client.applied(uri, fix.edit);
    assert.match(fixed, /^resources: \{requests: \{memory: 128Mi\}\} # TODO$/m);

    // Saved without a change: the cache keyed by the chart's files keeps the results (no helm run).
    await client.save(uri);
    await client.waitFor('the render cache', () =>
      client.logs.find((l) => l.message === 'webapp: no file changed since the last render; results kept.'),
    );

    // The author fixes values.yaml and saves: the chart renders again, and the findings go.
    const text = client
      .text(uri)
      .replace('resources: {}', 'resources:\n  requests: {cpu: 100m, memory: 128Mi}\n  limits: {memory: 256Mi}');
    writeFileSync(join(dir, rel), text);
    await client.change(uri, text);
    const mark = client.mark();
    await client.save(uri);
    const after = await client.diagnostics(
      uri,
      mark,
      (p) => !p.diagnostics.some((x) => x.code === 'memory-request-missing'),
    );
    assert.deepEqual(at(after), [
      '14:1 allow-privilege-escalation',
      '14:1 capabilities-drop-all',
      '14:1 read-only-root-fs',
      '15:3 privileged-container',
    ]);
  });

  it("a template marked with the Helm extensions' language id `helm`: the same placed findings", async () => {
    const path = join(dir, 'helm/webapp/charts/cache/templates/statefulset.yaml');
    const uri = fileUri(path);
    const mark = client.mark();
    await client.open(uri, readFileSync(path, 'utf8'), 'helm');
    const ds = await client.diagnostics(uri, mark, (p) => p.diagnostics.length > 0);
    assert.ok(at(ds).includes('16:11 cpu-request-missing'), at(ds).join('\n'));
    assert.ok(at(ds).includes('5:1 replicas-too-low'), at(ds).join('\n'));
  });

  it('a template helm cannot render: one error on the line helm names', async () => {
    const ds = await open('helm/broken/templates/configmap.yaml', (d) => d.length > 0);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'render-failed');
    assert.equal(ds[0].range.start.line, 5);
    assert.match(ds[0].message, /^helm template failed: .*mode is required/);
  });

  it('an overlay: findings on the patch line that set the field and on the base', async () => {
    const patch = await open('kustomize/overlays/prod/privileged.yaml', (d) => d.length > 0);
    assert.deepEqual(at(patch), [
      '11:11 allow-privilege-escalation',
      '11:11 capabilities-drop-all',
      '12:13 privileged-container',
    ]);
    const base = await open('kustomize/base/deployment.yaml', (d) => d.length > 0);
    // reached by both overlays, reported once; the requests that dev fixes are reported for prod only, once
    assert.equal(at(base).filter((l) => l === '18:11 cpu-request-missing').length, 1, at(base).join('\n'));
    assert.equal(at(base).filter((l) => l === '17:7 automount-sa-token').length, 1, at(base).join('\n'));
  });

  it("a quick fix that would break the chart's render comes back without its edit, and says why", async () => {
    const rel = 'helm/schema-guarded/values.yaml';
    const uri = fileUri(join(dir, rel));
    const ds = await open(rel, (d) => d.some((x) => x.code === 'cpu-request-missing'));
    const d = ds.find((x) => x.code === 'cpu-request-missing')!;
    const actions = await client.codeActions(uri, d.range, [d]);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, JSON.stringify(actions.map((a) => a.title)));
    const mark = client.messages.length;
    const resolved = await client.withEdit(preferred);
    // values.schema.json admits only limits under resources: the chart would no longer render
    assert.equal(resolved.edit, undefined);
    const said = client.messages.slice(mark).map((m) => m.message);
    assert.ok(
      said.some((m) =>
        /^Kubewise did not apply ".*": the render fails: helm template failed: .*additional properties 'requests' not allowed/.test(
          m,
        ),
      ),
      said.join('\n'),
    );
    // the user's file was not touched by the check (it renders a copy)
    assert.equal(readFileSync(join(dir, rel), 'utf8'), readFileSync(join(RENDER_FIXTURES, rel), 'utf8'));

    // a fix the chart renders with keeps its edit
    const tpl = 'helm/schema-guarded/templates/deployment.yaml';
    const tplUri = fileUri(join(dir, tpl));
    const tds = await open(tpl, (x) => x.some((y) => y.code === 'topology-spread-missing'));
    const spread = tds.find((x) => x.code === 'topology-spread-missing')!;
    const spreadFix = (await client.codeActions(tplUri, spread.range, [spread])).find((a) => a.isPreferred)!;
    assert.ok((await client.withEdit(spreadFix)).edit);
  });
});

describe('charts without helm', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = copyFixtures();
    client = await LspClient.start({
      capabilities: CAPABILITIES,
      workspaceFolders: [dir],
      settings: () => ({ helm: { path: join(dir, 'no-such-helm') } }),
    });
  });
  after(async () => {
    await client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one information message and one diagnostic on Chart.yaml that say what to do; templates skipped', async () => {
    const chart = join(dir, 'helm/webapp/Chart.yaml');
    const uri = fileUri(chart);
    const mark = client.mark();
    await client.open(uri, readFileSync(chart, 'utf8'));
    const ds = await client.diagnostics(uri, mark, (p) => p.diagnostics.length > 0);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'render-failed');
    assert.equal(ds[0].range.start.line, 0);
    assert.match(
      ds[0].message,
      /helm was not found at '.*no-such-helm' \(kubewise\.helm\.path\): fix the path, or install helm/,
    );
    await client.waitFor('the information message', () =>
      client.messages.find((m) => m.type === MessageType.Info && /helm was not found/.test(m.message)),
    );

    const template = join(dir, 'helm/webapp/templates/deployment.yaml');
    const tUri = fileUri(template);
    const m2 = client.mark();
    await client.open(tUri, readFileSync(template, 'utf8'));
    assert.deepEqual(await client.diagnostics(tUri, m2), []);
    assert.equal(client.messages.filter((m) => /helm was not found/.test(m.message)).length, 1);
  });
});

describe('kubewise.helm.valuesFiles in the language server', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = copyFixtures();
    client = await LspClient.start({
      capabilities: CAPABILITIES,
      workspaceFolders: [dir],
      // relative to the chart folder
      settings: () => ({ helm: { path: helmPath(), valuesFiles: ['../prod-values.yaml'] } }),
    });
  });
  after(async () => {
    await client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the override file gets the findings of the values it sets', async () => {
    // opening a template starts the render; the override file, opened next, gets its findings
    const template = join(dir, 'helm/webapp/templates/deployment.yaml');
    const tUri = fileUri(template);
    const m1 = client.mark();
    await client.open(tUri, readFileSync(template, 'utf8'));
    await client.diagnostics(tUri, m1, (p) => p.diagnostics.length > 0);
    const override = join(dir, 'helm/prod-values.yaml');
    const uri = fileUri(override);
    const m2 = client.mark();
    await client.open(uri, readFileSync(override, 'utf8'));
    const ds = await client.diagnostics(uri, m2, (p) => p.diagnostics.length > 0);
    assert.deepEqual(at(ds), ['2:1 memory-limit-missing', '3:3 memory-request-missing']);
  });
});

describe('a plain file beside an overlay in the language server', () => {
  const hpa = (name: string): string =>
    `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${name}\n  minReplicas: 2\n  maxReplicas: 4\n`;
  const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: nginx:1.27\n`;
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubewise-lsp-beside-'));
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base/kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
    writeFileSync(join(dir, 'base/deployment.yaml'), deployment);
    // applied on its own, not listed in the kustomization
    writeFileSync(join(dir, 'base/hpa.yaml'), hpa('api'));
    client = await LspClient.start({
      capabilities: CAPABILITIES,
      workspaceFolders: [dir],
      settings: () => ({ kubectl: { path: kubectlPath() }, helm: { path: helmPath() } }),
    });
  });
  after(async () => {
    await client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a chart below a plain HPA: the Deployment helm renders is scaled by it', async () => {
    mkdirSync(join(dir, 'web/templates'), { recursive: true });
    writeFileSync(join(dir, 'web/Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    const template = deployment.replace(/\bapi\b/g, 'web');
    writeFileSync(join(dir, 'web/templates/deployment.yaml'), template);
    writeFileSync(join(dir, 'web-hpa.yaml'), hpa('web'));
    const uri = fileUri(join(dir, 'web/templates/deployment.yaml'));
    const mark = client.mark();
    await client.open(uri, template);
    const rendered = await client.diagnostics(uri, mark, (p) =>
      p.diagnostics.some((d) => d.code === 'cpu-request-missing'),
    );
    assert.ok(!rendered.some((d) => d.code === 'replicas-too-low'), JSON.stringify(at(rendered)));
  });

  it('the built Deployment is scaled by the HPA beside its base, the HPA finds it, and a saved change to it is seen', async () => {
    const deploymentUri = fileUri(join(dir, 'base/deployment.yaml'));
    const m1 = client.mark();
    await client.open(deploymentUri, deployment);
    // after the build: findings from it (the container's resources), and none saying no HPA scales the Deployment
    const built = await client.diagnostics(deploymentUri, m1, (p) =>
      p.diagnostics.some((d) => d.code === 'cpu-request-missing'),
    );
    assert.ok(!built.some((d) => d.code === 'replicas-too-low'), JSON.stringify(at(built)));
    const hpaUri = fileUri(join(dir, 'base/hpa.yaml'));
    const m2 = client.mark();
    await client.open(hpaUri, hpa('api'));
    const plain = await client.diagnostics(hpaUri, m2);
    assert.ok(!plain.some((d) => d.code === 'hpa-target-missing'), JSON.stringify(at(plain)));

    // The HPA is pointed elsewhere and saved: the build is linted again with it, and the Deployment is unscaled.
    const moved = hpa('other');
    writeFileSync(join(dir, 'base/hpa.yaml'), moved);
    await client.change(hpaUri, moved);
    const m3 = client.mark();
    await client.save(hpaUri);
    const unscaled = await client.diagnostics(deploymentUri, m3, (p) =>
      p.diagnostics.some((d) => d.code === 'replicas-too-low'),
    );
    assert.ok(unscaled.some((d) => d.code === 'cpu-request-missing'));
  });
});
