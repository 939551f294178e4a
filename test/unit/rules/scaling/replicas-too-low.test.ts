import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['replicas-too-low'];

describe('replicas-too-low', () => {
  test('flags replicas: 1 on the pair and an unset count on the spec key', () => {
    const text = fx('replicas-too-low', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['8:3-8:14', 'warning', true],
      ['27:1-27:5', 'warning', true],
    ]);
    assert.equal(said(ds[0]), 'singleReplicaWithoutHpa {kind=Deployment}');
    assert.equal(said(ds[1]), 'replicasUnsetWithoutHpa {kind=StatefulSet}');
    assert.equal(
      applyFix(text, ds[0]),
      text.replace('  replicas: 1 # enough for the demo', '  replicas: 2 # enough for the demo'),
    );
    assert.equal(
      applyFix(text, ds[1]),
      text.replace(
        '          image: ghcr.io/example/queue:2.0.1\n',
        '          image: ghcr.io/example/queue:2.0.1\n  replicas: 2\n',
      ),
    );
  });

  test('replicas: 0 counts too (it runs nothing)', () => {
    const text = fx('replicas-too-low', 'fire.yaml').replace('replicas: 1', 'replicas: 0');
    assert.equal(said(lint(text, RULE)[0]), 'noReplicasWithoutHpa {kind=Deployment}');
  });

  test('an HPA in another file of the workspace counts', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('replicas-too-low', RULE)), [
      ['deploy.yaml', '8:3-8:14', 'warning', true],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/replicas-too-low/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('replicas-too-low', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'singleReplicaWithoutHpa',
          data: { kind: 'Deployment' },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 14,
          severity: 'warning',
          fix: 'Set replicas: 2',
        },
        {
          messageId: 'replicasUnsetWithoutHpa',
          data: { kind: 'StatefulSet' },
          line: 'statefulset-queue+7',
          column: 1,
          endLine: 'statefulset-queue+7',
          endColumn: 5,
          severity: 'warning',
          fix: 'Set replicas: 2',
        },
      ],
    },
  ],
});
