import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'privileged-container';

describe(R, () => {
  test('the fix writes false in place, in flow and block style', () => {
    const text = fixture(R, 'fire.yaml');
    const [init, app] = lintSorted(text, [R]);
    assert.equal(applyFix(text, init), text.replace('{privileged: "true"}', '{privileged: false}'));
    assert.equal(applyFix(text, app), text.replace('privileged: true # needs', 'privileged: false # needs'));
  });

  test('kube-linter, Polaris and kube-score annotations suppress it', () => {
    const text = fixture(R, 'fire.yaml');
    for (const annotation of [
      'ignore-check.kube-linter.io/privileged-container: "node agent"',
      'polaris.fairwinds.com/runAsPrivileged-exempt: "true"',
      'kube-score/ignore: container-security-context-privileged',
    ]) {
      const annotated = text.replace('  name: priv\n', `  name: priv\n  annotations:\n    ${annotation}\n`);
      assert.deepEqual(lint(annotated, [R]), [], annotation);
    }
  });
});

// The fixtures as a table: test/fixtures/rules/privileged-container/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('privileged-container', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'privileged',
          data: { container: 'Container "app"' },
          line: 15,
          column: 9,
          endLine: 15,
          endColumn: 25,
          severity: 'error',
          fix: 'Set privileged: false',
        },
        {
          messageId: 'privileged',
          data: { container: 'Init container "setup"' },
          line: 10,
          column: 25,
          endLine: 10,
          endColumn: 43,
          severity: 'error',
          fix: 'Set privileged: false',
        },
      ],
    },
  ],
});
