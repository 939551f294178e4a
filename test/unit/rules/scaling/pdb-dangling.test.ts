import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint } from '../../../support/lint';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';

const RULE = ['pdb-dangling'];

describe('pdb-dangling', () => {
  test('flags a selector that matches no pod template, on its key', () => {
    const ds = lint(fx('pdb-dangling', 'fire.yaml'), RULE);
    assert.deepEqual(brief(ds), [['27:3-27:11', 'warning', false]]);
    assert.equal(
      ds[0].message,
      'This selector matches the pods of no workload in namespace "shop" (searched 1 file: untitled:manifest.yaml): the budget protects nothing.',
    );
  });

  test('information when no workload of the namespace is near the budget', () => {
    const text = fx('pdb-dangling', 'fire.yaml').replace(/^[\s\S]*?---\n/, '');
    assert.deepEqual(brief(lint(text, RULE)), [['8:3-8:11', 'info', false]]);
  });

  test('a missing selector selects nothing', () => {
    const text = fx('pdb-dangling', 'fire.yaml').replace(/ {2}selector: #[\s\S]*$/, '');
    assert.deepEqual(brief(lint(text, RULE)), [['25:1-25:5', 'warning', false]]);
  });

  test('matchExpressions (In, DoesNotExist) that match pass', () =>
    assert.deepEqual(lint(fx('pdb-dangling', 'pass.yaml'), RULE), []));

  test('across a workspace: warning beside the workloads, information in a folder without any', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('pdb-dangling', RULE)), [
      ['base/pdb.yaml', '20:3-20:11', 'warning', false],
      ['other/pdb.yaml', '9:3-9:11', 'info', false],
    ]);
  });
});
