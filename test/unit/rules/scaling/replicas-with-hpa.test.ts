import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['replicas-with-hpa'];

describe('replicas-with-hpa', () => {
  test('flags spec.replicas of an HPA target and deletes it', () => {
    const text = fx('replicas-with-hpa', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['7:3-7:14', 'warning', true]]);
    assert.equal(
      said(ds[0]),
      'replicasSetWithHpa {hpa=HorizontalPodAutoscaler "web" (2–10 replicas), kind=Deployment, replicas=3}',
    );
    // The pair goes; its comment stays, on a line of its own.
    assert.equal(
      applyFix(text, ds[0]),
      text.replace('  replicas: 3 # set before the HPA existed\n', '  # set before the HPA existed\n'),
    );
    assert.deepEqual(lint(applyFix(text, ds[0]), ['replicas-with-hpa', 'replicas-too-low']), []);
  });

  test('an HPA in another namespace does not count', () => {
    const text = fx('replicas-with-hpa', 'fire.yaml').replace(
      /(kind: HorizontalPodAutoscaler\nmetadata:\n {2}name: web\n {2}namespace: )shop/,
      '$1other',
    );
    assert.deepEqual(lint(text, RULE), []);
  });

  test('across a workspace: the HPA in a subfolder', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('replicas-with-hpa', RULE)), [
      ['deploy.yaml', '7:3-7:14', 'warning', true],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/replicas-with-hpa/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('replicas-with-hpa', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'replicasSetWithHpa',
          data: { hpa: 'HorizontalPodAutoscaler "web" (2–10 replicas)', kind: 'Deployment', replicas: '3' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 14,
          severity: 'warning',
          fix: 'Delete spec.replicas (the HPA owns the replica count)',
        },
      ],
    },
  ],
});
