import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';
import { fixture, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['topology-spread-missing'];

const SPREAD = ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']
  .map(
    (key) =>
      `        - maxSkew: 1\n          topologyKey: ${key}\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n              app: web\n`,
  )
  .join('');

describe('topology-spread-missing', () => {
  test('flags 3 replicas without spread or anti-affinity; the fix spreads over zones and nodes', () => {
    const text = fx('topology-spread-missing', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['4:9-4:12', 'info', true]]);
    assert.equal(said(ds[0]), 'noSpreadOrAntiAffinity {objectKind=Deployment, replicas=3}');
    // labelSelector = the selector's matchLabels (the template's identity labels, without `version`).
    assert.equal(applyFix(text, ds[0]), `${text}      topologySpreadConstraints:\n${SPREAD}`);
    assert.deepEqual(lint(applyFix(text, ds[0]), RULE), []);
  });

  test('the inserted constraints pass every rule', () => {
    const text = fx('topology-spread-missing', 'fire.yaml');
    const fixed = applyFix(text, lint(text, RULE)[0]);
    // Every rule, strict profile: nothing reported inside the inserted lines (from line 20 on).
    assert.deepEqual(
      lint(fixed, undefined, { profile: 'strict' }).filter((d) => d.range.start.line >= 19),
      [],
    );
  });

  test('an HPA counts as several replicas', () => {
    const text = `${fx('topology-spread-missing', 'fire.yaml').replace('  replicas: 3 # one per zone, we hope\n', '')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 6
`;
    assert.equal(
      said(lint(text, RULE)[0]),
      'noSpreadOrAntiAffinityScaled {hpa=web, objectKind=Deployment, replicas=6}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/topology-spread-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('topology-spread-missing', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'noSpreadOrAntiAffinity',
          data: { objectKind: 'Deployment', replicas: 3 },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 12,
          severity: 'info',
          fix: 'Spread pods over zones and nodes (topologySpreadConstraints)',
        },
      ],
    },
  ],
});
