import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'host-port';

describe(R, () => {
  test('the fix deletes hostPort in block and flow style', () => {
    const text = fixture(R, 'fire.yaml');
    const [block, flow] = lintSorted(text, [R]);
    assert.equal(applyFix(text, block), text.replace('hostPort: 80 # reach it on the node', '# reach it on the node'));
    assert.equal(applyFix(text, flow), text.replace('{containerPort: 443, hostPort: 8443}', '{containerPort: 443}'));
  });
});

// The fixtures as a table: test/fixtures/rules/host-port/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('host-port', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'hostPort',
          data: { container: 'Container "web"', value: '80' },
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 23,
          severity: 'warning',
          fix: 'Delete hostPort',
        },
        {
          messageId: 'hostPort',
          data: { container: 'Container "web"', value: '8443' },
          line: 13,
          column: 32,
          endLine: 13,
          endColumn: 46,
          severity: 'warning',
          fix: 'Delete hostPort',
        },
      ],
    },
  ],
});
