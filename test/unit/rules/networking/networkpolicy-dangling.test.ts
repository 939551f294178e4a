import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['networkpolicy-dangling'];
const fixture = (name: string): string => readFixture('rules', 'networkpolicy-dangling', name);

describe('networkpolicy-dangling', () => {
  test('information when no workload of the namespace is defined near the policy', () => {
    const text = fixture('fire.yaml').replace(/---[\s\S]*$/, '');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity]),
      [['6:3-6:14', 'info']],
    );
  });

  test('across a workspace: the same folder decides warning or information', () => {
    const out = lintWorkspace('networkpolicy-dangling', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [
        ['app/web.yaml', [['26:3-26:14', 'warning']]],
        ['policies/shop.yaml', [['31:3-31:14', 'info']]],
      ],
    );
    assert.equal(
      said(out.get('policies/shop.yaml')![0]),
      'podSelectorMatchesNothing {ns=analytics, searchedFiles=searched 2 files: app/web.yaml, policies/shop.yaml}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/networkpolicy-dangling/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('networkpolicy-dangling', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'podSelectorMatchesNothing',
          data: { ns: 'default', searchedFiles: 'searched 1 file: untitled:manifest.yaml' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 14,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
