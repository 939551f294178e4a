import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['pvc-rwo-multi-replica'];
const fixture = (name: string): string => readFixture('rules', 'pvc-rwo-multi-replica', name);

describe('pvc-rwo-multi-replica', () => {
  test('a DaemonSet runs one pod per node', () => {
    const text = fixture('fire.yaml')
      .replace('kind: Deployment', 'kind: DaemonSet')
      .replace('  replicas: 3 # scaled out\n', '');
    const ds = lint(text, RULE);
    assert.equal(ds.length, 1);
    assert.equal(
      said(ds[0]),
      'readWriteOnceShared {claimName=web-content, describe=DaemonSet "web", how=runs one pod per node}',
    );
  });

  test('across a workspace: an HPA in another file scales a 1-replica Deployment; ReadWriteOncePod; ReadOnlyMany passes', () => {
    const out = lintWorkspace('pvc-rwo-multi-replica', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [['app/deployment.yaml', [['24:24-24:35', 'warning']]]],
    );
    assert.equal(
      said(out.get('app/deployment.yaml')![0]),
      'readWriteOncePodShared {claimName=web-content, describe=Deployment "web", how=may run 6 pods (HorizontalPodAutoscaler "web")}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/pvc-rwo-multi-replica/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('pvc-rwo-multi-replica', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'readWriteOnceShared',
          data: { describe: 'Deployment "web"', how: 'runs 3 replicas', claimName: 'web-content' },
          line: 23,
          column: 24,
          endLine: 23,
          endColumn: 35,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
