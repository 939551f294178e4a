import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { fixture, lintSorted, summary } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'allow-privilege-escalation';

describe(R, () => {
  test('explicit true, and unset with or without a securityContext', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['13:13-13:43', 'warning', 'Set allowPrivilegeEscalation: false'],
      ['16:11-16:26', 'warning', 'Set allowPrivilegeEscalation: false'],
      ['18:11-18:21', 'warning', 'Set allowPrivilegeEscalation: false'],
    ]);
    assert.equal(said(ds[0]), 'allowsEscalation {container=Container "web"}');
    assert.equal(said(ds[2]), 'escalationNotDisallowed {container=Container "bare"}');
  });

  test('fixes: set the value, insert into the existing securityContext, or create one', () => {
    const text = fixture(R, 'fire.yaml');
    const [web, side, bare] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, web),
      text.replace('allowPrivilegeEscalation: true # TODO', 'allowPrivilegeEscalation: false # TODO'),
    );
    assert.equal(
      applyFix(text, side),
      text.replace('runAsUser: 1000\n', 'runAsUser: 1000\n            allowPrivilegeEscalation: false\n'),
    );
    assert.equal(
      applyFix(text, bare),
      text + '          securityContext:\n            allowPrivilegeEscalation: false\n',
    );
  });

  test('on a privileged container the fix also turns privileged off (the API rejects the pair)', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        privileged: true\n';
    const [d] = lint(text, [R]);
    assert.equal(d.fix?.title, 'Set allowPrivilegeEscalation: false and privileged: false');
    assert.equal(
      applyFix(text, d),
      text.replace('privileged: true\n', 'privileged: false\n        allowPrivilegeEscalation: false\n'),
    );
  });
});

// The fixtures as a table: test/fixtures/rules/allow-privilege-escalation/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('allow-privilege-escalation', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'allowsEscalation',
          data: { container: 'Container "web"' },
          line: 13,
          column: 13,
          endLine: 13,
          endColumn: 43,
          severity: 'warning',
          fix: 'Set allowPrivilegeEscalation: false',
        },
        {
          messageId: 'escalationNotDisallowed',
          data: { container: 'Container "side"' },
          line: 16,
          column: 11,
          endLine: 16,
          endColumn: 26,
          severity: 'warning',
          fix: 'Set allowPrivilegeEscalation: false',
        },
        {
          messageId: 'escalationNotDisallowed',
          data: { container: 'Container "bare"' },
          line: 18,
          column: 11,
          endLine: 18,
          endColumn: 21,
          severity: 'warning',
          fix: 'Set allowPrivilegeEscalation: false',
        },
      ],
    },
  ],
});
