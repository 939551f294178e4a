import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { where } from '../../../support/lint';
import { lintIds as lint } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('probes-identical', () => {
  const RULE = ['probes-identical'];

  test('block and flow spellings of the same probe are identical; a merge that adds a field is not', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx:1.27
      readinessProbe:
        httpGet:
          port: 8080
          path: /
      livenessProbe: {httpGet: {path: /, port: "8080"}}
`;
    assert.deepEqual(lint(text, RULE).map(where), ['13:7-13:20']);
    assert.deepEqual(lint(fixture('probes-identical', 'pass.yaml'), RULE), []);
  });
});

// The fixtures as a table: test/fixtures/rules/probes-identical/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('probes-identical', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'livenessSameAsReadiness',
          data: { container: 'Container "web"' },
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 24,
          severity: 'info',
          fix: null,
        },
        {
          messageId: 'livenessSameAsReadiness',
          data: { container: 'Container "api"' },
          line: 25,
          column: 11,
          endLine: 25,
          endColumn: 24,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});
