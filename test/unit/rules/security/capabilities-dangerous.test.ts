import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'capabilities-dangerous';

describe(R, () => {
  test('the fix removes the entry (keeping its comment), or the whole add list when it was the last', () => {
    const text = fixture(R, 'fire.yaml');
    const [netAdmin, netRaw, sysAdmin] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, netAdmin),
      text.replace('            - NET_ADMIN # for iptables\n', '            # for iptables\n'),
    );
    assert.equal(applyFix(text, netRaw), text.replace('            - NET_RAW\n', ''));
    assert.equal(applyFix(text, sysAdmin), text.replace('{add: [SYS_ADMIN]}', '{}'));
  });

  test('a baseline capability spelled differently is a warning whose fix respells it', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        capabilities:\n          add: [CAP_CHOWN]\n';
    const [d] = lint(text, [R]);
    assert.equal(d.severity, 'warning');
    assert.equal(
      said(d),
      'addsBaselineCapabilityMisspelled {canonical=CHOWN, container=Container "a", name=CAP_CHOWN}',
    );
    assert.equal(applyFix(text, d), text.replace('[CAP_CHOWN]', '[CHOWN]'));
  });

  test('in the minimal profile only the dangerous adds remain', () => {
    assert.deepEqual(
      lint(fixture(R, 'fire.yaml'), [R], { profile: 'minimal' }).map((d) => d.severity),
      ['error', 'error'],
    );
  });
});

// The fixtures as a table: test/fixtures/rules/capabilities-dangerous/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('capabilities-dangerous', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'addsDangerousCapability',
          data: {
            container: 'Container "net"',
            name: 'NET_ADMIN',
            danger: 'control of the pod network: interfaces, routes, iptables',
          },
          line: 13,
          column: 15,
          endLine: 13,
          endColumn: 24,
          severity: 'error',
          fix: 'Remove NET_ADMIN from capabilities.add',
        },
        {
          messageId: 'addsCapabilityOutsideBaseline',
          data: { container: 'Container "net"', name: 'NET_RAW' },
          line: 14,
          column: 15,
          endLine: 14,
          endColumn: 22,
          severity: 'warning',
          fix: 'Remove NET_RAW from capabilities.add',
        },
        {
          messageId: 'addsDangerousCapability',
          data: {
            container: 'Container "admin"',
            name: 'SYS_ADMIN',
            danger: 'mounts, namespaces and most of what root can do',
          },
          line: 18,
          column: 30,
          endLine: 18,
          endColumn: 39,
          severity: 'error',
          fix: 'Remove SYS_ADMIN from capabilities.add',
        },
      ],
    },
  ],
});
