import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

// The fixtures as a table: test/fixtures/rules/rbac-wildcard/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rbac-wildcard', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'wildcard',
          data: { rule: 'Rule 1 of ClusterRole "ops"', list: 'verbs, resources and apiGroups' },
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 16,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'wildcard',
          data: { rule: 'Rule 2 of ClusterRole "ops"', list: 'verbs' },
          line: 12,
          column: 18,
          endLine: 12,
          endColumn: 21,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'wildcard',
          data: { rule: 'Rule 3 of ClusterRole "ops"', list: 'nonResourceURLs' },
          line: 13,
          column: 23,
          endLine: 13,
          endColumn: 26,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'wildcard',
          data: { rule: 'Rule 1 of Role "reader"', list: 'resources' },
          line: 'role-reader+10',
          column: 9,
          endLine: 'role-reader+10',
          endColumn: 12,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
