import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { fixture, lintSorted } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'probe-host-field';

describe(R, () => {
  test('the fix deletes host', () => {
    const text = fixture(R, 'fire.yaml');
    const [liveness, readiness, hook] = lintSorted(text, [R]);
    assert.equal(applyFix(text, liveness), text.replace('host: 169.254.169.254 # cloud metadata', '# cloud metadata'));
    assert.equal(applyFix(text, readiness), text.replace('{host: db.internal, port: 5432}', '{port: 5432}'));
    assert.equal(applyFix(text, hook), text.replace('                host: localhost\n', ''));
  });
});

// The fixtures as a table: test/fixtures/rules/probe-host-field/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('probe-host-field', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'probeConnectsToHost',
          data: { container: 'Container "web"', where: 'livenessProbe', kind: 'httpGet', host: '169.254.169.254' },
          line: 14,
          column: 15,
          endLine: 14,
          endColumn: 36,
          severity: 'warning',
          fix: 'Delete host',
        },
        {
          messageId: 'probeConnectsToHost',
          data: { container: 'Container "web"', where: 'readinessProbe', kind: 'tcpSocket', host: 'db.internal' },
          line: 18,
          column: 25,
          endLine: 18,
          endColumn: 42,
          severity: 'warning',
          fix: 'Delete host',
        },
        {
          messageId: 'probeConnectsToHost',
          data: { container: 'Container "web"', where: 'lifecycle.preStop', kind: 'httpGet', host: 'localhost' },
          line: 24,
          column: 17,
          endLine: 24,
          endColumn: 32,
          severity: 'warning',
          fix: 'Delete host',
        },
      ],
    },
  ],
});
