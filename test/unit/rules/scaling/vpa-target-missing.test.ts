import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['vpa-target-missing'];

describe('vpa-target-missing', () => {
  test('flags a targetRef that names no workload, suggesting the near name', () => {
    const text = fx('vpa-target-missing', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['28:11-28:15', 'warning', false]]);
    assert.equal(
      said(ds[0]),
      'targetNotFoundNearName {kind=VerticalPodAutoscaler, name=webb, near=web, ns=shop, refKind=Deployment, searched=searched 1 file: untitled:manifest.yaml}',
    );
    assert.equal(applyEdits(text, ds[0].suggestions![0].edits), text.replace('name: webb # typo', 'name: web # typo'));
  });

  test('the same name in another namespace does not count', () => {
    const text = fx('vpa-target-missing', 'pass.yaml').replace(
      '  name: agent\n  namespace: shop',
      '  name: agent\n  namespace: ops',
    );
    assert.deepEqual(brief(lint(text, RULE)), [['28:11-28:16', 'info', false]]);
  });

  test('across a workspace', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('vpa-target-missing', RULE)), [
      ['vpa.yaml', '24:11-24:17', 'warning', false],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/vpa-target-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('vpa-target-missing', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'targetNotFoundNearName',
          data: {
            kind: 'VerticalPodAutoscaler',
            refKind: 'Deployment',
            name: 'webb',
            ns: 'shop',
            searched: 'searched 1 file: untitled:manifest.yaml',
            near: 'web',
          },
          line: 'verticalpodautoscaler-web+10',
          column: 11,
          endLine: 'verticalpodautoscaler-web+10',
          endColumn: 15,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Target Deployment "web"' }],
        },
      ],
    },
  ],
});
