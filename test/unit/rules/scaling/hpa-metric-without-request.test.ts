import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits, Workspace } from '../../../../server/src/engine';
import { createRuleSet } from '../../../../server/src/composition';
import { applyFix, fixAllText, settings, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['hpa-metric-without-request'];

describe('hpa-metric-without-request', () => {
  test('flags Resource and ContainerResource Utilization metrics whose containers lack the request', () => {
    const text = fx('hpa-metric-without-request', 'fire.yaml');
    const ds = lint(text, RULE);
    // cpu: "web" has none, "proxy" gets one from its limit; memory (ContainerResource): "proxy" has none.
    assert.deepEqual(brief(ds), [
      ['39:15-39:18', 'warning', true],
      ['45:15-45:21', 'warning', true],
    ]);
    assert.equal(said(ds[0]), 'containerWithoutRequest {names="web", resource=cpu, workload=Deployment "web"}');
    assert.equal(said(ds[1]), 'containerWithoutRequest {names="proxy", resource=memory, workload=Deployment "web"}');
  });

  test('the fix inserts the request into the target workload, another document of the same file', () => {
    const text = fx('hpa-metric-without-request', 'fire.yaml');
    const [cpu, memory] = lint(text, RULE);
    assert.equal(cpu.fix!.title, 'Add requests.cpu: 100m to "web" of Deployment "web"');
    assert.equal(
      applyFix(text, cpu),
      text.replace(
        '          image: ghcr.io/example/web:3.1.0\n',
        '          image: ghcr.io/example/web:3.1.0\n          resources:\n            requests:\n              cpu: 100m # TODO: set from measured usage\n',
      ),
    );
    assert.equal(
      applyFix(text, memory),
      text.replace(
        '              cpu: 200m # the request defaults to the limit\n',
        '              cpu: 200m # the request defaults to the limit\n            requests:\n              memory: 128Mi # TODO: set from measured usage\n',
      ),
    );
    const fixed = fixAllText(text, RULE);
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('autoscaling/v1 (CPU, 80% by default) and v2 without metrics count as cpu Utilization', () => {
    const deploy = fx('hpa-metric-without-request', 'fire.yaml').split('---\n')[0];
    const v1 = `${deploy}---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n`;
    assert.deepEqual(lint(v1, RULE).map(where), ['29:1-29:5']);
    const v2 = v1.replace('autoscaling/v1', 'autoscaling/v2');
    assert.deepEqual(lint(v2, RULE).map(where), ['29:1-29:5']);
    assert.deepEqual(lint(`${v1}  targetCPUUtilizationPercentage: 50\n`, RULE).map(where), ['32:3-32:37']);
  });

  test('pod-level requests (Kubernetes 1.32+) cover a Resource metric', () => {
    const text = fx('hpa-metric-without-request', 'fire.yaml').replace(
      '    spec:\n      containers:',
      '    spec:\n      resources:\n        requests:\n          cpu: "1"\n      containers:',
    );
    assert.deepEqual(lint(text, RULE).map(where), ['48:15-48:21']);
  });

  test('across files: reported on the HPA, but no fix (the edit would be in another file)', () => {
    const out = lintWorkspace('hpa-metric-without-request', RULE);
    assert.deepEqual(briefWorkspace(out), [['hpa.yaml', '16:15-16:18', 'warning', false]]);
    assert.equal(
      said(out.get('hpa.yaml')![0]),
      'containerWithoutRequest {names="web", resource=cpu, workload=Deployment "web" (in deploy.yaml)}',
    );
  });

  test('in a Workspace, a target in the same file gets the fix, with ranges in that file', () => {
    const text = fx('hpa-metric-without-request', 'fire.yaml');
    const ws = new Workspace();
    ws.setFile('file:///w/app.yaml', text);
    ws.setFile('file:///w/other.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: shop\n');
    const ds = ws.lint('file:///w/app.yaml', createRuleSet(settings(), new Set(RULE))).diagnostics;
    assert.deepEqual(brief(ds), [
      ['39:15-39:18', 'warning', true],
      ['45:15-45:21', 'warning', true],
    ]);
    assert.equal(applyEdits(text, ds[0].fix!.edits), applyFix(text, lint(text, RULE)[0]));
  });
});

// The fixtures as a table: test/fixtures/rules/hpa-metric-without-request/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('hpa-metric-without-request', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'containerWithoutRequest',
          data: { resource: 'cpu', names: '"web"', workload: 'Deployment "web"' },
          line: 39,
          column: 15,
          endLine: 39,
          endColumn: 18,
          severity: 'warning',
          fix: 'Add requests.cpu: 100m to "web" of Deployment "web"',
        },
        {
          messageId: 'containerWithoutRequest',
          data: { resource: 'memory', names: '"proxy"', workload: 'Deployment "web"' },
          line: 45,
          column: 15,
          endLine: 45,
          endColumn: 21,
          severity: 'warning',
          fix: 'Add requests.memory: 128Mi to "proxy" of Deployment "web"',
        },
      ],
    },
  ],
});
