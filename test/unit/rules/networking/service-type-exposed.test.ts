import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['service-type-exposed'];
const fixture = (name: string): string => readFixture('rules', 'service-type-exposed', name);

describe('service-type-exposed', () => {
  test('loadBalancerSourceRanges is mentioned; kube-score service-type ignore is honoured', () => {
    const text = fixture('fire.yaml').replace(
      '    - port: 443\n',
      '    - port: 443\n  loadBalancerSourceRanges: [10.0.0.0/8]\n',
    );
    assert.equal(said(lint(text, RULE)[1]), 'loadBalancerLimited');
    const ignored = fixture('fire.yaml').replace(
      '  name: admin\n',
      '  name: admin\n  annotations:\n    kube-score/ignore: service-type\n',
    );
    assert.deepEqual(lint(ignored, RULE).map(where), ['20:9-20:21']);
  });
});

// The fixtures as a table: test/fixtures/rules/service-type-exposed/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('service-type-exposed', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'nodePort',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 17,
          severity: 'info',
          fix: null,
        },
        {
          messageId: 'loadBalancerPublic',
          line: 'service-web+6',
          column: 9,
          endLine: 'service-web+6',
          endColumn: 21,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});
