import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

// The fixtures as a table: test/fixtures/rules/probe-port-not-exposed/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('probe-port-not-exposed', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'namedPortNotFound',
          data: {
            container: 'Container "web"',
            key: 'readinessProbe',
            handler: 'httpGet',
            port: 'htttp',
            declared: 'named ports: http',
          },
          line: 18,
          column: 21,
          endLine: 18,
          endColumn: 26,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'portNotDeclared',
          data: {
            container: 'Container "web"',
            key: 'livenessProbe',
            handler: 'tcpSocket',
            port: '8081',
            declared: '8080',
          },
          line: 20,
          column: 31,
          endLine: 20,
          endColumn: 35,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'namedPortButNoPorts',
          data: { container: 'Container "api"', key: 'startupProbe', handler: 'httpGet', port: 'web' },
          line: 24,
          column: 38,
          endLine: 24,
          endColumn: 43,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
