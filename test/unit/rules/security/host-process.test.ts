import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'host-process';

describe(R, () => {
  test('the fix deletes the field (and windowsOptions when nothing else is left)', () => {
    const text = fixture(R, 'fire.yaml');
    const [pod, container] = lintSorted(text, [R]);
    assert.equal(applyFix(text, pod), text.replace('hostProcess: true # node agent', '# node agent'));
    assert.equal(applyFix(text, container), text.replace('        windowsOptions: {hostProcess: true}\n', ''));
  });
});

// The fixtures as a table: test/fixtures/rules/host-process/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('host-process', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'hostProcess',
          data: { who: 'The pod' },
          line: 11,
          column: 7,
          endLine: 11,
          endColumn: 24,
          severity: 'error',
          fix: 'Delete hostProcess',
        },
        {
          messageId: 'hostProcess',
          data: { who: 'Container "agent"' },
          line: 17,
          column: 26,
          endLine: 17,
          endColumn: 43,
          severity: 'error',
          fix: 'Delete hostProcess',
        },
      ],
    },
  ],
});
