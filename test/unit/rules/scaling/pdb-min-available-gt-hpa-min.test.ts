import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { applyFix } from '../../../support/lint';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['pdb-min-available-gt-hpa-min'];

describe('pdb-min-available-gt-hpa-min', () => {
  test('flags minAvailable above the HPA minimum and lowers it below', () => {
    const text = fx('pdb-min-available-gt-hpa-min', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['38:3-38:18', 'warning', true]]);
    assert.equal(said(ds[0]), 'minAvailableAboveHpaMin {floor=3, hpaText="web" (minReplicas 3), value=4}');
    assert.equal(
      applyFix(text, ds[0]),
      text.replace('minAvailable: 4 # sized for peak traffic', 'minAvailable: 2 # sized for peak traffic'),
    );
    assert.equal(
      applyEdits(text, ds[0].suggestions![0].edits),
      text.replace('minAvailable: 4 #', 'maxUnavailable: 1 #'),
    );
    assert.deepEqual(lint(applyFix(text, ds[0]), ['pdb-min-available-gt-hpa-min', 'pdb-blocks-eviction']), []);
  });

  test('with minReplicas 1 the fix switches to maxUnavailable: 1', () => {
    const text = fx('pdb-min-available-gt-hpa-min', 'fire.yaml').replace('minReplicas: 3', 'minReplicas: 1');
    const [d] = lint(text, RULE);
    assert.equal(d.fix!.title, 'Use maxUnavailable: 1');
    assert.equal(applyFix(text, d), text.replace('minAvailable: 4 #', 'maxUnavailable: 1 #'));
  });

  test('minAvailable within the HPA minimum, or a percentage, passes', () => {
    assert.deepEqual(lint(fx('pdb-min-available-gt-hpa-min', 'pass.yaml'), RULE), []);
    assert.deepEqual(
      lint(fx('pdb-min-available-gt-hpa-min', 'fire.yaml').replace('minAvailable: 4', 'minAvailable: 50%'), RULE),
      [],
    );
  });

  test('across a workspace: PDB, HPA and Deployment in three files', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('pdb-min-available-gt-hpa-min', RULE)), [
      ['pdb.yaml', '7:3-7:18', 'warning', true],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/pdb-min-available-gt-hpa-min/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('pdb-min-available-gt-hpa-min', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'minAvailableAboveHpaMin',
          data: { value: 4, floor: 3, hpaText: '"web" (minReplicas 3)' },
          line: 'poddisruptionbudget-web+7',
          column: 3,
          endLine: 'poddisruptionbudget-web+7',
          endColumn: 18,
          severity: 'warning',
          fix: 'Lower minAvailable to 2',
          suggestions: [{ title: 'Use maxUnavailable: 1' }],
        },
      ],
    },
  ],
});
