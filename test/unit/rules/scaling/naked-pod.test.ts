import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint } from '../../../support/lint';
import { fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['naked-pod'];

describe('naked-pod', () => {
  test('the kubewise-ignore comment and annotation suppress it', () => {
    const text = fx('naked-pod', 'fire.yaml');
    assert.deepEqual(
      lint(text.replace('  name: debug\n', '  name: debug # kubewise-ignore naked-pod: a debugging shell\n'), RULE),
      [],
    );
    assert.deepEqual(
      lint(
        text.replace(
          '  namespace: shop\n',
          '  namespace: shop\n  annotations:\n    ignore-check.kubewise.dev/naked-pod: "a debugging shell"\n',
        ),
        RULE,
      ),
      [],
    );
  });
});

// The fixtures as a table: test/fixtures/rules/naked-pod/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('naked-pod', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'barePod',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 14,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});
