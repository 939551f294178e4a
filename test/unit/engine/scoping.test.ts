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
