import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyFix } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { diagnosticsInAppended, lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['pdb-missing'];

const PDB = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
`;

describe('pdb-missing', () => {
  test('flags a 3-replica Deployment that no PDB selects and appends one after it', () => {
    const text = fx('pdb-missing', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['5:9-5:12', 'info', true]]);
    assert.equal(said(ds[0]), 'noPdbSelectsPods {replicas=3, selfKind=Deployment}');
    // Selector = the workload's own matchLabels (not the `version` label of the template).
    const at = text.indexOf('---\n# A PDB for another app');
    assert.equal(applyFix(text, ds[0]), text.slice(0, at) + PDB + text.slice(at));
  });

  test('the appended PDB passes every rule', () => {
    const text = fx('pdb-missing', 'fire.yaml');
    const d = lint(text, RULE)[0];
    assert.deepEqual(diagnosticsInAppended(text, d, 'strict'), []);
    assert.ok(parseAllDocuments(applyFix(text, d)).every((doc) => doc.errors.length === 0));
  });

  test('an HPA makes any workload a candidate; the name avoids an existing PDB', () => {
    const text = `${fx('pdb-missing', 'fire.yaml').replace('  replicas: 3\n', '').replace('  name: db\n', '  name: web-pdb\n')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
`;
    const ds = lint(text, RULE);
    assert.equal(said(ds[0]), 'noPdbSelectsScaledPods {hpa=web, selfKind=Deployment}');
    assert.match(ds[0].fix!.title, /"web-pdb-2"/);
  });

  test('across a workspace: the PDB of web is in pdb.yaml, api has none', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('pdb-missing', RULE)), [['deploy.yaml', '23:9-23:12', 'info', true]]);
  });
});

// The fixtures as a table: test/fixtures/rules/pdb-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('pdb-missing', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'noPdbSelectsPods',
          data: { selfKind: 'Deployment', replicas: 3 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 12,
          severity: 'info',
          fix: 'Add PodDisruptionBudget "web-pdb" (maxUnavailable: 1)',
        },
      ],
    },
  ],
});
