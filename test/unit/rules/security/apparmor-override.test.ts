import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'apparmor-override';

describe(R, () => {
  test('fixes write runtime/default and RuntimeDefault', () => {
    const text = fixture(R, 'fire.yaml');
    const [annotation, field] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, annotation),
      text.replace('side: unconfined # legacy', 'side: runtime/default # legacy'),
    );
    assert.equal(applyFix(text, field), text.replace('type: Unconfined', 'type: RuntimeDefault'));
  });
});

// The fixtures as a table: test/fixtures/rules/apparmor-override/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('apparmor-override', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'appArmorOverridden',
          data: { who: 'The pod', value: 'Unconfined' },
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 27,
          severity: 'warning',
          fix: 'Set appArmorProfile type: RuntimeDefault',
        },
        {
          messageId: 'appArmorAnnotationOverrides',
          data: { container: 'side', value: 'unconfined' },
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 72,
          severity: 'warning',
          fix: 'Set the annotation to runtime/default',
        },
      ],
    },
  ],
});
