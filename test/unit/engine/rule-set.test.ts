import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { RULES } from '../../../server/src/composition';
import { reportedSeverity, RuleSet, selectRules } from '../../../server/src/engine';
import type { Rule } from '../../../server/src/engine/rule';
import { defineRule } from '../../../server/src/engine/rule';
import { settings } from '../../support/lint';

const rule: Rule = defineRule({
  meta: {
    id: 'graded',
    category: 'api',
    severity: 'warning',
    fixable: false,
    docs: { description: 'd', remediation: 'r' },
    messages: {},
  },
  check() {},
});

describe('reportedSeverity', () => {
  test('the configured severity when the rule does not grade its finding', () => {
    assert.equal(reportedSeverity({ rule, severity: 'warning' }, settings(), undefined), 'warning');
  });
  test("a rule's grade wins over the profile's severity", () => {
    assert.equal(reportedSeverity({ rule, severity: 'warning' }, settings(), 'error'), 'error');
  });
  test('a severity the user set for the rule wins over its grade', () => {
    const s = settings({ rules: { graded: 'info' } });
    assert.equal(reportedSeverity({ rule, severity: 'info' }, s, 'error'), 'info');
  });
  test('a dormant escalating rule reports errors', () => {
    assert.equal(reportedSeverity({ rule, severity: 'off' }, settings(), undefined), 'error');
    assert.equal(reportedSeverity({ rule, severity: 'off' }, settings(), 'warning'), 'error');
  });
});

describe('selectRules', () => {
  test('keeps the given rules in force for the settings, limited by --only', () => {
    const all = selectRules(RULES, settings({ profile: 'strict' }));
    const only = selectRules(RULES, settings({ profile: 'strict' }), new Set(['cpu-request-missing']));
    assert.ok(all instanceof RuleSet);
    assert.ok(all.forKind('Deployment', false).length > 1);
    assert.deepEqual(
      only.forKind('Deployment', false).map((a) => a.rule.meta.id),
      ['cpu-request-missing'],
    );
    assert.deepEqual(only.forKind('ConfigMap', false), []);
  });
  test('a rule the profile turns off is not in force', () => {
    const rs = selectRules([rule], settings({ rules: { graded: 'off' } }));
    assert.deepEqual(rs.forKind('Deployment', false), []);
  });
});
