import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint } from '../../../support/lint';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['pdb-dangling'];

describe('pdb-dangling', () => {
  test('information when no workload of the namespace is near the budget', () => {
    const text = fx('pdb-dangling', 'fire.yaml').replace(/^[\s\S]*?---\n/, '');
    assert.deepEqual(brief(lint(text, RULE)), [['8:3-8:11', 'info', false]]);
  });

  test('a missing selector selects nothing', () => {
    const text = fx('pdb-dangling', 'fire.yaml').replace(/ {2}selector: #[\s\S]*$/, '');
    assert.deepEqual(brief(lint(text, RULE)), [['25:1-25:5', 'warning', false]]);
  });

  test('across a workspace: warning beside the workloads, information in a folder without any', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('pdb-dangling', RULE)), [
      ['base/pdb.yaml', '20:3-20:11', 'warning', false],
      ['other/pdb.yaml', '9:3-9:11', 'info', false],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/pdb-dangling/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('pdb-dangling', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'selectorMatchesNoWorkload',
          data: {
            namespace: 'shop',
            searchedFiles: 'searched 1 file: untitled:manifest.yaml',
          },
          line: 27,
          column: 3,
          endLine: 27,
          endColumn: 11,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
