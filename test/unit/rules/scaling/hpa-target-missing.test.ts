import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['hpa-target-missing'];

describe('hpa-target-missing', () => {
  test('flags a misspelt target and a wrong kind, with a suggestion each', () => {
    const text = fx('hpa-target-missing', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['29:11-29:14', 'warning', false],
      ['43:11-43:14', 'warning', false],
    ]);
    assert.equal(
      said(ds[0]),
      'targetNotFoundNearName {kind=HorizontalPodAutoscaler, name=wbe, near=web, ns=shop, refKind=Deployment, searched=searched 1 file: untitled:manifest.yaml}',
    );
    assert.equal(
      said(ds[1]),
      'targetNotFoundOtherKind {kind=HorizontalPodAutoscaler, name=web, ns=shop, otherKind=Deployment, refKind=StatefulSet, searched=searched 1 file: untitled:manifest.yaml}',
    );
    assert.equal(ds[0].suggestions?.[0].title, 'Target Deployment "web"');
    assert.equal(
      applyEdits(text, ds[0].suggestions![0].edits),
      text.replace('    name: wbe # typo', '    name: web # typo'),
    );
    assert.equal(
      applyEdits(text, ds[1].suggestions![0].edits),
      text.replace('    kind: StatefulSet\n', '    kind: Deployment\n'),
    );
  });

  test('information when no workload of the namespace is near the HPA', () => {
    const text = fx('hpa-target-missing', 'fire.yaml').replace(/^[\s\S]*?---\n/, '');
    assert.deepEqual(
      lint(text, RULE).map((d) => d.severity),
      ['info', 'info'],
    );
  });

  test("across a workspace: warning beside the namespace's workloads, information elsewhere", () => {
    const out = lintWorkspace('hpa-target-missing', RULE);
    assert.deepEqual(briefWorkspace(out), [
      ['apps/hpa.yaml', '24:11-24:17', 'warning', false],
      ['external/hpa.yaml', '11:11-11:23', 'info', false],
    ]);
    assert.equal(
      said(out.get('external/hpa.yaml')![0]),
      'targetNotFoundMaybeOutside {kind=HorizontalPodAutoscaler, name=payments-api, ns=payments, refKind=Deployment, searched=searched 3 files: apps/deploy.yaml, apps/hpa.yaml, external/hpa.yaml}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/hpa-target-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('hpa-target-missing', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'targetNotFoundNearName',
          data: {
            kind: 'HorizontalPodAutoscaler',
            refKind: 'Deployment',
            name: 'wbe',
            ns: 'shop',
            searched: 'searched 1 file: untitled:manifest.yaml',
            near: 'web',
          },
          line: 29,
          column: 11,
          endLine: 29,
          endColumn: 14,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Target Deployment "web"' }],
        },
        {
          messageId: 'targetNotFoundOtherKind',
          data: {
            kind: 'HorizontalPodAutoscaler',
            refKind: 'StatefulSet',
            name: 'web',
            ns: 'shop',
            searched: 'searched 1 file: untitled:manifest.yaml',
            otherKind: 'Deployment',
          },
          line: 43,
          column: 11,
          endLine: 43,
          endColumn: 14,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Target Deployment "web"' }],
        },
      ],
    },
  ],
});
