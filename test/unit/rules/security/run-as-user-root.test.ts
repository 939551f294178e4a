import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'run-as-user-root';

describe(R, () => {
  test("the fix writes UID 10001 in place, with a TODO (above an author's comment; in flow style, before the brace)", () => {
    const text = fixture(R, 'fire.yaml');
    const [pod, app] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, pod),
      text.replace('    runAsUser: 0 # from', '    # TODO: a UID the image runs as\n    runAsUser: 10001 # from'),
    );
    assert.equal(
      applyFix(text, app),
      text.replace('{runAsUser: 0}', '{runAsUser: 10001 # TODO: a UID the image runs as\n        }'),
    );
  });
});

// The fixtures as a table: test/fixtures/rules/run-as-user-root/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('run-as-user-root', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'runsAsRoot',
          data: { who: 'The pod' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 17,
          severity: 'error',
          fix: 'Set runAsUser: 10001',
        },
        {
          messageId: 'runsAsRoot',
          data: { who: 'Container "app"' },
          line: 12,
          column: 25,
          endLine: 12,
          endColumn: 37,
          severity: 'error',
          fix: 'Set runAsUser: 10001',
        },
      ],
    },
  ],
});
