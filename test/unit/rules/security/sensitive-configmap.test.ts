import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, lintIds as lint, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('sensitive-configmap', () => {
  const RULE = ['sensitive-configmap'];

  test("Polaris's exemption annotation is honoured", () => {
    const text = fixture('sensitive-configmap', 'fire.yaml').replace(
      '  name: app-config\n',
      '  name: app-config\n  annotations:\n    polaris.fairwinds.com/sensitiveConfigmapContent-exempt: "true"\n',
    );
    assert.deepEqual(lint(text, RULE), []);
  });
});

// The fixtures as a table: test/fixtures/rules/sensitive-configmap/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('sensitive-configmap', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'secretInConfigMap',
          data: { key: 'db_password', why: 'looks like a secret' },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 14,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'secretInConfigMap',
          data: { key: 'application.properties', why: 'sets spring.datasource.password to a literal value' },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 25,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'secretInConfigMap',
          data: { key: 'tls.key', why: 'holds a private key' },
          line: 12,
          column: 3,
          endLine: 12,
          endColumn: 10,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'secretInConfigMap',
          data: { key: 'DATABASE_URL', why: 'holds a URL with a password' },
          line: 16,
          column: 3,
          endLine: 16,
          endColumn: 15,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
