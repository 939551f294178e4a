/**
 * Custom resources on the command line: objects of kinds no CRD in the linted paths defines are never reported, even
 * with every rule on; a CRD among the paths gives its objects schema-violation and unknown-field findings.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findingLines, kubewise, ROOT, workspace } from './helpers';

const MONITOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
spec:
  selector: {matchLabels: {app: nothing}}
  endpoints: [{port: http, interval: 30s}]
  anything: {template: {spec: {containers: [{name: a, image: nginx}]}}}
`;

const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  size: "3"
  colr: red
`;

describe('custom resources', () => {
  // (default-namespace too: without its CRD, the kind may be cluster-scoped)
  test('an unknown kind gets no finding, with every rule on', async () => {
    const ws = workspace({ 'monitor.yaml': MONITOR });
    const r = await kubewise(['lint', '--profile', 'strict', '.'], { cwd: ws.dir });
    ws.cleanup();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(findingLines(r.stdout), []);
  });

  test('default-namespace follows the scope of a CRD among the linted files', async () => {
    const crd = readFileSync(join(ROOT, 'test', 'fixtures', 'authoring', 'workspace', 'widget-crd.yaml'), 'utf8');
    const cluster = crd
      .replace('widgets.example.com', 'gizmos.example.com')
      .replace('scope: Namespaced', 'scope: Cluster')
      .replace(/Widget|widgets|widget/g, (m) => m.replace(/idget/, 'izmo'));
    const objects =
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n---\napiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {size: 1}\n';
    const ws = workspace({ 'crds.yaml': crd + '---\n' + cluster, 'objects.yaml': objects });
    const r = await kubewise(['lint', '--only', 'default-namespace', '.'], { cwd: ws.dir });
    ws.cleanup();
    assert.deepEqual(findingLines(r.stdout), [
      'objects.yaml:3:1 warning Widget "w" sets no namespace. [default-namespace]',
    ]);
  });

  test('a CRD among the linted files checks its objects', async () => {
    const crd = readFileSync(join(ROOT, 'test', 'fixtures', 'authoring', 'workspace', 'widget-crd.yaml'), 'utf8');
    const ws = workspace({ 'crd.yaml': crd, 'widget.yaml': WIDGET });
    const r = await kubewise(['lint', '--only', 'schema-violation,unknown-field', '.'], { cwd: ws.dir });
    ws.cleanup();
    assert.deepEqual(findingLines(r.stdout), [
      'widget.yaml:6:9 error spec.size must be an integer (got "3"). [schema-violation]',
      'widget.yaml:7:3 warning Unknown field "colr" in spec of Widget (CustomResourceDefinition widgets.example.com); did you mean "color"? [unknown-field]',
    ]);
    assert.equal(r.code, 1);
  });
});
