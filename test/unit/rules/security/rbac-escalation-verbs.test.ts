import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

// The fixtures as a table: test/fixtures/rules/rbac-escalation-verbs/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-escalation-verbs', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'grantsEscalationVerbs',
          data: {
            rule: 'Rule 1 of ClusterRole "role-manager"',
            list: 'bind (bind roles with permissions it does not hold), escalate (edit roles to grant permissions it does not hold)',
          },
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 30,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'grantsEscalationVerbs',
          data: {
            rule: 'Rule 2 of ClusterRole "role-manager"',
            list: 'impersonate (act as other users, groups or ServiceAccounts)',
          },
          line: 15,
          column: 9,
          endLine: 15,
          endColumn: 20,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
