import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

// The fixtures as a table: test/fixtures/rules/rbac-secrets-access/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-secrets-access', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'secretsOfCluster',
          data: { rule: 'Rule 1 of ClusterRole "secret-reader"', verbs: 'get/list/watch' },
          line: 8,
          column: 29,
          endLine: 8,
          endColumn: 36,
          severity: 'info',
          fix: null,
        },
        {
          messageId: 'anyVerbOnSecretsOfNamespace',
          data: { rule: 'Rule 1 of Role "app"' },
          line: 'role-app+10',
          column: 9,
          endLine: 'role-app+10',
          endColumn: 16,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});
