import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['namespace-pss-label'];
const fixture = (name: string): string => readFixture('rules', 'namespace-pss-label', name);

describe('namespace-pss-label', () => {
  const text = fixture('fire.yaml');

  test('namespaces without enforce fire at their name; an unknown level fires at the label', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['5:3-5:13', '10:3-10:17', '18:3-18:14', '26:5-26:49']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info', 'info', 'info', 'info'],
    );
    assert.equal(said(ds[3]), 'unknownPodSecurityLevel {level=restrict}');
    assert.equal(ds[3].fix, undefined);
  });

  test('the fix adds enforce baseline and warn/audit restricted, keeping labels already there', () => {
    const [noLabels, someLabels, flowLabels] = lint(text, RULE);
    assert.equal(
      applyFix(text, noLabels),
      text.replace(
        '  name: shop # the web shop\n',
        '  name: shop # the web shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/audit: restricted\n',
      ),
    );
    assert.equal(
      applyFix(text, someLabels),
      text.replace(
        '    pod-security.kubernetes.io/warn: restricted\n',
        '    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/audit: restricted\n',
      ),
    );
    assert.equal(
      applyFix(text, flowLabels),
      text.replace(
        'labels: {team: ops}',
        'labels: {team: ops, pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/warn: restricted, pod-security.kubernetes.io/audit: restricted}',
      ),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE).map(where), ['32:5-32:49']);
  });

  test('an empty or null labels map is filled', () => {
    const ns = (labels: string): string =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:${labels}\n`;
    for (const labels of [' {}', '', ' ~']) {
      const t = ns(labels);
      const [d] = lint(t, RULE);
      assert.deepEqual(lint(applyFix(t, d), RULE), [], labels);
    }
  });
});

// The fixtures as a table: test/fixtures/rules/namespace-pss-label/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('namespace-pss-label', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noEnforceLabel',
          data: { namespace: 'Namespace "shop"' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 13,
          severity: 'info',
          fix: 'Add Pod Security labels (enforce baseline, warn and audit restricted)',
        },
        {
          messageId: 'noEnforceLabel',
          data: { namespace: 'Namespace "payments"' },
          line: 'namespace-payments+4',
          column: 3,
          endLine: 'namespace-payments+4',
          endColumn: 17,
          severity: 'info',
          fix: 'Add Pod Security labels (enforce baseline, warn and audit restricted)',
        },
        {
          messageId: 'noEnforceLabel',
          data: { namespace: 'Namespace "tools"' },
          line: 'namespace-tools+4',
          column: 3,
          endLine: 'namespace-tools+4',
          endColumn: 14,
          severity: 'info',
          fix: 'Add Pod Security labels (enforce baseline, warn and audit restricted)',
        },
        {
          messageId: 'unknownPodSecurityLevel',
          data: { level: 'restrict' },
          line: 'namespace-legacy+6',
          column: 5,
          endLine: 'namespace-legacy+6',
          endColumn: 49,
          severity: 'info',
          fix: null,
        },
      ],
    },
  ],
});
