import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'read-only-root-fs';

describe(R, () => {
  test('fixes set the value or add a securityContext', () => {
    const text = fixture(R, 'fire.yaml');
    const [web, side] = lintSorted(text, [R]);
    assert.equal(applyFix(text, web), text.replace('readOnlyRootFilesystem: false', 'readOnlyRootFilesystem: true'));
    assert.equal(applyFix(text, side), text + '          securityContext:\n            readOnlyRootFilesystem: true\n');
  });

  test('read-only containers pass; it is not a Pod Security control, so a namespace label does not raise it', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
    const ns =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\n';
    const text = ns + fixture(R, 'fire.yaml').replace('  name: web\n', '  name: web\n  namespace: prod\n');
    assert.deepEqual(
      lint(text, [R]).map((d) => d.severity),
      ['warning', 'warning'],
    );
  });
});

// The fixtures as a table: test/fixtures/rules/read-only-root-fs/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('read-only-root-fs', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'writableRootFilesystem',
          data: { container: 'Container "web"' },
          line: 13,
          column: 13,
          endLine: 13,
          endColumn: 42,
          severity: 'warning',
          fix: 'Set readOnlyRootFilesystem: true',
        },
        {
          messageId: 'readOnlyRootFilesystemNotSet',
          data: { container: 'Container "side"' },
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 21,
          severity: 'warning',
          fix: 'Set readOnlyRootFilesystem: true',
        },
      ],
    },
  ],
});
