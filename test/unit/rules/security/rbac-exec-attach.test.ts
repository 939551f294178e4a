import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

// The fixtures as a table: test/fixtures/rules/rbac-exec-attach/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-exec-attach', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'grantsExecOrAttach',
          data: { rule: 'Rule 1 of ClusterRole "debugger"', list: 'pods/exec and pods/attach' },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 32,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'grantsExecOrAttach',
          data: { rule: 'Rule 1 of Role "ops"', list: '*/exec' },
          line: 'role-ops+8',
          column: 17,
          endLine: 'role-ops+8',
          endColumn: 25,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
