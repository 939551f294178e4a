import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { applyFix, fixAllText } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { brief, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['hpa-autoscaling-v1'];

const METRIC = (pct: number, indent = '  '): string =>
  [
    `${indent}  - type: Resource`,
    `${indent}    resource:`,
    `${indent}      name: cpu`,
    `${indent}      target:`,
    `${indent}        type: Utilization`,
    `${indent}        averageUtilization: ${pct}`,
    '',
  ].join('\n');

describe('hpa-autoscaling-v1', () => {
  test('flags the apiVersion; the fix rewrites the CPU target as a v2 Resource metric, keeping its comment', () => {
    const text = fx('hpa-autoscaling-v1', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['2:13-2:27', 'info', true],
      ['17:13-17:27', 'info', true],
    ]);
    assert.equal(said(ds[0]), 'autoscalingV1 {pct=70}');
    assert.equal(said(ds[1]), 'autoscalingV1DefaultTarget {pct=80}');
    assert.equal(
      applyFix(text, ds[0]),
      text
        .replace('apiVersion: autoscaling/v1', 'apiVersion: autoscaling/v2')
        .replace('  targetCPUUtilizationPercentage: 70 # scale early\n', `  metrics: # scale early\n${METRIC(70)}`),
    );
    assert.equal(
      applyFix(text, ds[1]),
      text.replace(
        /apiVersion: autoscaling\/v1(\nkind: HorizontalPodAutoscaler\nmetadata:\n {2}name: worker)/,
        'apiVersion: autoscaling/v2$1',
      ) + `  metrics:\n${METRIC(80)}`,
    );
  });

  test('the rewritten HPA means the same in autoscaling/v2', () => {
    const fixed = fixAllText(fx('hpa-autoscaling-v1', 'fire.yaml'), RULE);
    assert.deepEqual(lint(fixed, RULE), []);
    const hpa = parse(fixed.split('---')[0]);
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.equal(hpa.spec.targetCPUUtilizationPercentage, undefined);
    assert.deepEqual(hpa.spec.metrics, [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
  });

  test('flow style spec', () => {
    const text =
      'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 4, targetCPUUtilizationPercentage: 60}\n';
    const fixed = applyFix(text, lint(text, RULE)[0]);
    assert.equal(
      fixed,
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 4, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}}]}\n',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/hpa-autoscaling-v1/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('hpa-autoscaling-v1', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'autoscalingV1',
          data: { pct: 70 },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 27,
          severity: 'info',
          fix: 'Rewrite as autoscaling/v2 (a cpu Utilization metric at 70%)',
        },
        {
          messageId: 'autoscalingV1DefaultTarget',
          data: { pct: 80 },
          line: 'horizontalpodautoscaler-worker+2',
          column: 13,
          endLine: 'horizontalpodautoscaler-worker+2',
          endColumn: 27,
          severity: 'info',
          fix: 'Rewrite as autoscaling/v2 (a cpu Utilization metric at 80%)',
        },
      ],
    },
  ],
});
