import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['pdb-blocks-eviction'];

describe('pdb-blocks-eviction', () => {
  test('flags maxUnavailable: 0, minAvailable: 100% and minAvailable equal to the replicas', () => {
    const text = fx('pdb-blocks-eviction', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['26:3-26:20', 'warning', true],
      ['37:3-37:23', 'warning', true],
      ['48:3-48:18', 'warning', true],
    ]);
    assert.equal(said(ds[0]), 'maxUnavailableZero {value=0}');
    assert.equal(said(ds[1]), 'minAvailableAll {written=100%}');
    assert.equal(said(ds[2]), 'minAvailableCoversAllPods {minPods=3, workloads=Deployment "web", written=3}');
  });

  test('the fix writes maxUnavailable: 1, keeping the comment', () => {
    const text = fx('pdb-blocks-eviction', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.equal(
      applyFix(text, ds[0]),
      text.replace('maxUnavailable: 0 # never touch web', 'maxUnavailable: 1 # never touch web'),
    );
    assert.equal(applyFix(text, ds[1]), text.replace('minAvailable: "100%"', 'maxUnavailable: 1'));
    assert.equal(
      applyFix(text, ds[2]),
      text.replace('minAvailable: 3 # as many as the replicas', 'maxUnavailable: 1 # as many as the replicas'),
    );
  });

  test('a percentage that rounds up to every pod blocks too', () => {
    const text = fx('pdb-blocks-eviction', 'fire.yaml').replace('minAvailable: 3 #', 'minAvailable: 90% #');
    assert.equal(
      said(lint(text, RULE)[2]),
      'minAvailableCoversAllPods {minPods=3, workloads=Deployment "web", written=90% (3)}',
    );
  });

  test('with an HPA, its minReplicas is the replica count', () => {
    const text = `${fx('pdb-blocks-eviction', 'fire.yaml')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 9
`;
    assert.equal(
      said(lint(text, RULE)[2]),
      'minAvailableCoversHpaMinimum {minPods=3, workloads=Deployment "web", written=3}',
    );
    // Above the HPA minimum, pdb-min-available-gt-hpa-min reports it instead.
    assert.equal(lint(text.replace('minReplicas: 3', 'minReplicas: 2'), RULE).length, 2);
  });

  test('across a workspace: replicas from another file', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('pdb-blocks-eviction', RULE)), [
      ['pdb.yaml', '7:3-7:18', 'warning', true],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/pdb-blocks-eviction/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('pdb-blocks-eviction', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'maxUnavailableZero',
          data: { value: '0' },
          line: 'poddisruptionbudget-web-zero+7',
          column: 3,
          endLine: 'poddisruptionbudget-web-zero+7',
          endColumn: 20,
          severity: 'warning',
          fix: 'Use maxUnavailable: 1',
        },
        {
          messageId: 'minAvailableAll',
          data: { written: '100%' },
          line: 'poddisruptionbudget-web-all+7',
          column: 3,
          endLine: 'poddisruptionbudget-web-all+7',
          endColumn: 23,
          severity: 'warning',
          fix: 'Use maxUnavailable: 1',
        },
        {
          messageId: 'minAvailableCoversAllPods',
          data: {
            written: '3',
            minPods: 3,
            workloads: 'Deployment "web"',
          },
          line: 'poddisruptionbudget-web-three+7',
          column: 3,
          endLine: 'poddisruptionbudget-web-three+7',
          endColumn: 18,
          severity: 'warning',
          fix: 'Use maxUnavailable: 1',
        },
      ],
    },
  ],
});
