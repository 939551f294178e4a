import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, where } from '../../../support/lint';
import { lintIds as lint } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('liveness-probe-missing', () => {
  const RULE = ['liveness-probe-missing'];
  const text = fixture('liveness-probe-missing', 'fire.yaml');

  test('fires as information with the same fix shape', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['10:11-10:20', '17:11-17:23', '19:12-19:21']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info', 'info', 'info'],
    );
    assert.match(
      applyFix(text, ds[0]),
      /\n {10}livenessProbe:\n {12}httpGet:\n {14}path: \/ # TODO: a path that checks only this process, not its dependencies\n {14}port: http\n/,
    );
  });
});

// The fixtures as a table: test/fixtures/rules/liveness-probe-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('liveness-probe-missing', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noLivenessProbe',
          data: { container: 'Container "web"' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          severity: 'info',
          fix: 'Add livenessProbe (httpGet / on port http)',
        },
        {
          messageId: 'noLivenessProbe',
          data: { container: 'Container "worker"' },
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 23,
          severity: 'info',
          fix: null,
        },
        {
          messageId: 'noLivenessProbe',
          data: { container: 'Container "api"' },
          line: 19,
          column: 12,
          endLine: 19,
          endColumn: 21,
          severity: 'info',
          fix: 'Add livenessProbe (httpGet / on port 3000)',
        },
      ],
    },
  ],
});
