import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'capabilities-drop-all';

describe(R, () => {
  test('fixes: create the block, append ALL to the list, remove the add', () => {
    const text = fixture(R, 'fire.yaml');
    const [web, side, chown] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, web),
      text.replace(
        'image: nginx:1.27\n',
        'image: nginx:1.27\n          securityContext:\n            capabilities:\n              drop:\n                - ALL\n',
      ),
    );
    assert.equal(
      applyFix(text, side),
      text.replace('- NET_RAW # only this one\n', '- NET_RAW # only this one\n                - ALL\n'),
    );
    assert.equal(applyFix(text, chown), text.replace('{drop: [ALL], add: [CHOWN]}', '{drop: [ALL]}'));
  });

  test('a lowercase all is respelled (admission compares names exactly)', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        capabilities: {drop: [all]}\n';
    const [d] = lint(text, [R]);
    assert.equal(said(d), 'dropAllNotInCapitals {container=Container "a", written=all}');
    assert.equal(applyFix(text, d), text.replace('[all]', '[ALL]'));
  });

  test('adds beyond the baseline set are left to capabilities-dangerous (one diagnostic per entry)', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        capabilities: {drop: [ALL], add: [SYS_ADMIN]}\n';
    assert.deepEqual(lint(text, [R]), []);
    assert.deepEqual(
      lint(text, [R, 'capabilities-dangerous']).map((d) => d.ruleId),
      ['capabilities-dangerous'],
    );
  });
});

// The fixtures as a table: test/fixtures/rules/capabilities-drop-all/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('capabilities-drop-all', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'doesNotDropAll',
          data: { container: 'Container "web"' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          severity: 'warning',
          fix: 'Drop ALL capabilities',
        },
        {
          messageId: 'doesNotDropAll',
          data: { container: 'Container "side"' },
          line: 16,
          column: 15,
          endLine: 16,
          endColumn: 19,
          severity: 'warning',
          fix: 'Drop ALL capabilities',
        },
        {
          messageId: 'addsCapabilityNotInRestricted',
          data: { container: 'Container "chown"', name: 'CHOWN' },
          line: 21,
          column: 47,
          endLine: 21,
          endColumn: 52,
          severity: 'warning',
          fix: 'Remove CHOWN from capabilities.add',
        },
      ],
    },
  ],
});
