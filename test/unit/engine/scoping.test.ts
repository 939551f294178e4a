/**
 * How the workspace is scoped: objects of two unrelated deployment roots (folders with a
 * kustomization or a Chart.yaml) are never matched as if deployed together; an overlay and its base, or an umbrella
 * kustomization and the apps it lists, are one scope. Fixture: test/fixtures/scoping/ (two sibling apps
 * with the same labels in the same namespace, each Service targeting only its own Deployment's port).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRuleSet } from '../../../server/src/composition';
import { Workspace } from '../../../server/src/engine';
import { isHelmTemplate } from '../../../server/src/protocol/sniff';
import { settings } from '../../support/lint';
import { repoRoot } from '../../support/rule-fixtures';

const ROOT = join(repoRoot(), 'test', 'fixtures', 'scoping');
const RULES = createRuleSet(settings({ profile: 'strict' }), new Set(['service-port-mismatch']));

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

/** `uri → text` of the fixture, with `edit` applied to each file (undefined drops it). */
function load(edit: (uri: string, text: string) => string | undefined = (_u, t) => t): Workspace {
  const ws = new Workspace();
  for (const f of files(ROOT)) {
    const uri = 'file://' + f.split('\\').join('/');
    const text = edit(uri, readFileSync(f, 'utf8'));
    if (text !== undefined) ws.setFile(uri, text);
  }
  return ws;
}

const findings = (ws: Workspace): string[] =>
  ws.uris().flatMap((u) => ws.lint(u, RULES).diagnostics.map((d) => `${u.replace(/^.*\/apps\//, '')}: ${d.ruleId}`));

test('two sibling kustomizations: each Service is matched only with its own Deployment', () => {
  const ws = load();
  assert.deepEqual(findings(ws), []);
  const shop = ws.uris().find((u) => u.endsWith('apps/shop/service.yaml'))!;
  assert.deepEqual(
    ws
      .indexFor(shop)
      .objects('Deployment')
      .map((o) => o.name),
    ['shop'],
  );
});

test('without the kustomizations the folders are one workspace, and the ports clash', () => {
  const ws = load((u, t) => (u.endsWith('kustomization.yaml') ? undefined : t));
  assert.deepEqual(findings(ws), [
    'blog/service.yaml: service-port-mismatch',
    'shop/service.yaml: service-port-mismatch',
  ]);
});

test('a kustomization that lists both apps makes them one scope', () => {
  const ws = load();
  ws.setFile(
    'file://' + ROOT.split('\\').join('/') + '/kustomization.yaml',
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - apps/shop\n  - apps/blog\n',
  );
  assert.deepEqual(findings(ws), [
    'blog/service.yaml: service-port-mismatch',
    'shop/service.yaml: service-port-mismatch',
  ]);
});

test('an overlay sees its base; a file under no root sees everything', () => {
  const ws = new Workspace();
  ws.setFile('file:///w/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
  ws.setFile('file:///w/base/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n');
  ws.setFile('file:///w/overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\n  - pdb.yaml\n');
  ws.setFile(
    'file:///w/overlays/prod/pdb.yaml',
    'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: a\n',
  );
  ws.setFile('file:///w/other/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
  ws.setFile('file:///w/other/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\n');
  ws.setFile('file:///w/loose.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n');
  const names = (uri: string): string[] =>
    ws
      .indexFor(uri)
      .objects()
      .map((o) => o.name!)
      .sort();
  assert.deepEqual(names('file:///w/overlays/prod/pdb.yaml'), ['a', 'a', 's']);
  assert.deepEqual(names('file:///w/other/deployment.yaml'), ['b', 's']);
  assert.deepEqual(names('file:///w/loose.yaml'), ['a', 'a', 'b', 's']);
});

test('a chart is one scope with its subcharts, apart from another chart', () => {
  const ws = new Workspace();
  const obj = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
  ws.setFile('file:///w/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
  ws.setFile('file:///w/web/charts/db/Chart.yaml', 'apiVersion: v2\nname: db\nversion: 1.0.0\n');
  ws.setFile('file:///w/web/charts/db/rendered.yaml', obj('db'));
  ws.setFile('file:///w/web/rendered.yaml', obj('web'));
  ws.setFile('file:///w/api/Chart.yaml', 'apiVersion: v2\nname: api\nversion: 1.0.0\n');
  ws.setFile('file:///w/api/rendered.yaml', obj('api'));
  const names = (uri: string): string[] =>
    ws
      .indexFor(uri)
      .objects('ConfigMap')
      .map((o) => o.name!)
      .sort();
  assert.deepEqual(names('file:///w/web/rendered.yaml'), ['db', 'web']);
  assert.deepEqual(names('file:///w/api/rendered.yaml'), ['api']);
});

/** A workspace of `path → object name` (each file one ConfigMap, or the given text), READMEs as the host finds them. */
function tree(files: Record<string, string>, readmes: string[] = []): (uri: string) => string[] {
  const ws = new Workspace();
  for (const r of readmes) ws.addReadme(`file:///r/${r}`);
  for (const [path, content] of Object.entries(files)) {
    const text = content.includes('\n') ? content : `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${content}\n`;
    ws.setFile(`file:///r/${path}`, text);
  }
  return (path) =>
    ws
      .indexFor(`file:///r/${path}`)
      .objects('ConfigMap')
      .map((o) => o.name!)
      .sort();
}

test('README folders are apps: app/ and monitoring/ of one app see each other, never the sibling app', () => {
  const sees = tree(
    {
      'shop/app/web.yaml': 'shop-web',
      'shop/monitoring/metrics.yaml': 'shop-metrics',
      'blog/web.yaml': 'blog-web',
      'shared.yaml': 'shared',
    },
    ['shop/README.md', 'blog/readme'],
  );
  assert.deepEqual(sees('shop/monitoring/metrics.yaml'), ['shared', 'shop-metrics', 'shop-web']);
  assert.deepEqual(sees('blog/web.yaml'), ['blog-web', 'shared']);
  // a file lying in the collection folder is shared: it sees every app below
  assert.deepEqual(sees('shared.yaml'), ['blog-web', 'shared', 'shop-metrics', 'shop-web']);
});

test('beside a chart or an overlay, a plain folder is an app of its own; with nothing marked, one workspace', () => {
  const sees = tree({
    'guestbook/ui.yaml': 'guestbook',
    'kustomize-guestbook/kustomization.yaml': 'resources:\n  - ui.yaml\n',
    'kustomize-guestbook/ui.yaml': 'kustomized',
    'sync-waves/ui.yaml': 'waves',
  });
  assert.deepEqual(sees('guestbook/ui.yaml'), ['guestbook']);
  assert.deepEqual(sees('sync-waves/ui.yaml'), ['waves']);
  // a repository laid out by kind (deployments/, services/) stays one workspace
  const byKind = tree({ 'deployments/web.yaml': 'web', 'services/web.yaml': 'web-svc' });
  assert.deepEqual(byKind('services/web.yaml'), ['web', 'web-svc']);
});

test('overlays inside a README app are part of it; a README variant below an app with manifests is apart', () => {
  const sees = tree(
    {
      'app/base/kustomization.yaml': 'resources:\n  - web.yaml\n',
      'app/base/web.yaml': 'base',
      'app/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n',
      'app/monitoring/metrics.yaml': 'metrics',
      'es/rc.yaml': 'es',
      'es/production/rc.yaml': 'es-production',
      'ns/namespace.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ns-config\n  namespace: ns\n',
      'other/config.yaml': 'other',
    },
    ['app/README.md', 'es/README.md', 'es/production/README.md'],
  );
  assert.deepEqual(sees('app/monitoring/metrics.yaml'), ['base', 'metrics']);
  assert.deepEqual(sees('app/base/web.yaml'), ['base', 'metrics']);
  assert.deepEqual(sees('es/rc.yaml'), ['es']);
  assert.deepEqual(sees('es/production/rc.yaml'), ['es-production']);
  // a folder that defines its Namespace and the objects in it is an app
  assert.deepEqual(sees('ns/namespace.yaml'), ['ns-config']);
  assert.deepEqual(sees('other/config.yaml'), ['other']);
});

test('files skipped for their {{ }} placeholders are not counted as searched', () => {
  const ws = new Workspace();
  ws.setFile('file:///w/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n');
  ws.setFile('file:///w/controller-template.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{cell}}-pod\n');
  assert.deepEqual(ws.indexFor('file:///w/service.yaml').files(), ['file:///w/service.yaml']);
});

test('a placeholder inside a command (sed "s/{{PROJECT_ID}}/…/") is not Helm: the object is linted and seen', () => {
  const deployment = (command: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: collector\nspec:\n  selector:\n    matchLabels:\n      app: collector\n  template:\n    metadata:\n      labels:\n        app: collector\n    spec:\n      initContainers:\n        - name: init\n          image: busybox:1.36\n          command:\n            - /bin/sh\n            - -c\n            - |\n              ${command}\n      containers:\n        - name: collector\n          image: example.com/collector:1.0\n`;
  const service =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: collector\nspec:\n  selector:\n    app: collector\n  ports:\n    - port: 4317\n';
  const rules = createRuleSet(settings({ profile: 'strict' }), new Set(['service-selector-dangling']));
  const dangling = (command: string): string[] => {
    const ws = new Workspace();
    ws.setFile('file:///w/collector.yaml', deployment(command));
    ws.setFile('file:///w/service.yaml', service);
    return ws.lint('file:///w/service.yaml', rules).diagnostics.map((d) => d.ruleId);
  };
  assert.deepEqual(dangling('sed "s/{{PROJECT_ID}}/$(cat /id)/" /template/config.yaml > /conf/config.yaml'), []);
  assert.deepEqual(dangling('echo {{ .Values.project }}'), ['service-selector-dangling']);
  // Go template syntax makes the whole text a Helm template: skipped, nothing reported on it
  assert.equal(isHelmTemplate(deployment('echo {{ .Values.project }}')), true);
  assert.equal(isHelmTemplate(deployment('echo {{- include "x" . }}')), true);
  assert.equal(isHelmTemplate(deployment('sed "s/{{PROJECT_ID}}/x/"')), false);
  // a placeholder that starts a value would be read as a flow mapping: still a template
  assert.equal(isHelmTemplate('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{cell}}\n'), true);
  assert.equal(isHelmTemplate('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [{{cell}}]\n'), true);
  assert.equal(isHelmTemplate('{{ end }}\n'), true);
});
