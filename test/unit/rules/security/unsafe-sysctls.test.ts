import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { fixture, lintSorted, summary } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'unsafe-sysctls';

describe(R, () => {
  test('the fix removes the entry, keeping its comment', () => {
    const text = fixture(R, 'fire.yaml');
    const [somaxconn, msgmax] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, somaxconn),
      text.replace(
        '      - name: net.core.somaxconn # raise the accept queue\n        value: "1024"\n',
        '      # raise the accept queue\n',
      ),
    );
    assert.equal(applyFix(text, msgmax), text.replace('      - {name: kernel.msgmax, value: "65536"}\n', ''));
  });

  test('the safe set follows the target Kubernetes version', () => {
    const text = fixture(R, 'pass.yaml');
    assert.deepEqual(lint(text, [R]), []);
    const old = lint(text, [R], { kubernetesVersion: '1.28' });
    assert.deepEqual(summary(old), [['11:9-11:39', 'warning', 'Remove sysctl net.ipv4.tcp_fin_timeout']]);
    assert.equal(
      said(old[0]),
      'unsafeSysctl {name=net.ipv4.tcp_fin_timeout, why=only safe from Kubernetes 1.29 (target 1.28)}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/unsafe-sysctls/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('unsafe-sysctls', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'unsafeSysctl',
          data: { name: 'net.core.somaxconn', why: 'not in the safe set' },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 33,
          severity: 'warning',
          fix: 'Remove sysctl net.core.somaxconn',
        },
        {
          messageId: 'unsafeSysctl',
          data: { name: 'kernel.msgmax', why: 'not in the safe set' },
          line: 13,
          column: 10,
          endLine: 13,
          endColumn: 29,
          severity: 'warning',
          fix: 'Remove sysctl kernel.msgmax',
        },
      ],
    },
  ],
});
