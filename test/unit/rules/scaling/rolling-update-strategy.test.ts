import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['rolling-update-strategy'];

describe('rolling-update-strategy', () => {
  test('off by default; in strict it flags Recreate and switches to RollingUpdate', () => {
    const text = fx('rolling-update-strategy', 'fire.yaml');
    assert.deepEqual(lint(text, RULE), []);
    const ds = lint(text, RULE, { profile: 'strict' });
    assert.deepEqual(brief(ds), [['9:11-9:19', 'warning', true]]);
    assert.equal(applyFix(text, ds[0]), text.replace('type: Recreate # copied', 'type: RollingUpdate # copied'));
  });

  test('RollingUpdate passes', () =>
    assert.deepEqual(lint(fx('rolling-update-strategy', 'pass.yaml'), RULE, { profile: 'strict' }), []));
});

// The fixtures as a table: test/fixtures/rules/rolling-update-strategy/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('rolling-update-strategy', {
  valid: [{ code: fixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: fixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'recreateStrategy',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 19,
          severity: 'warning',
          fix: 'Use strategy.type: RollingUpdate',
        },
      ],
    },
  ],
});
