import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'selinux-options';

describe(R, () => {
  test('fixes delete the field, and seLinuxOptions with its last field', () => {
    const text = fixture(R, 'fire.yaml');
    const [type, user] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, type),
      text.replace(
        '    seLinuxOptions:\n      type: spc_t # super privileged container\n',
        '    # super privileged container\n',
      ),
    );
    assert.equal(applyFix(text, user), text.replace('          user: system_u\n', ''));
    assert.match(fixAllText(text, [R]), /seLinuxOptions:\n {10}level: "s0:c1,c2"\n$/);
  });

  test('container_engine_t is allowed from Kubernetes 1.31', () => {
    const text = fixture(R, 'pass.yaml');
    assert.deepEqual(lint(text, [R]), []);
    assert.deepEqual(summary(lint(text, [R], { kubernetesVersion: '1.30' })), [
      ['15:26-15:50', 'warning', 'Delete seLinuxOptions.type'],
    ]);
  });
});

// The fixtures as a table: test/fixtures/rules/selinux-options/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('selinux-options', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'selinuxTypeNotAllowed',
          data: {
            who: 'The pod',
            value: 'spc_t',
            allowed: 'container_t, container_init_t, container_kvm_t, container_engine_t',
          },
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 18,
          severity: 'warning',
          fix: 'Delete seLinuxOptions.type',
        },
        {
          messageId: 'customSelinuxField',
          data: { who: 'Container "app"', field: 'user', value: 'system_u' },
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 25,
          severity: 'warning',
          fix: 'Delete seLinuxOptions.user',
        },
        {
          messageId: 'customSelinuxField',
          data: { who: 'Container "app"', field: 'role', value: 'system_r' },
          line: 16,
          column: 11,
          endLine: 16,
          endColumn: 25,
          severity: 'warning',
          fix: 'Delete seLinuxOptions.role',
        },
      ],
    },
  ],
});
