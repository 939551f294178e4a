import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (name: string): string => readFixture('rules', 'deprecated-api-version', name);
const RULE = ['deprecated-api-version'];

describe('deprecated-api-version', () => {
  test('the fix rewrites only the apiVersion value', () => {
    const text = fixture('fire.yaml');
    const [cron, deploy] = lint(text, RULE);
    assert.equal(applyFix(text, cron), text.replace('apiVersion: batch/v1beta1', 'apiVersion: batch/v1'));
    assert.equal(
      applyFix(text, deploy),
      text.replace('apiVersion: v1\nkind: Deployment', 'apiVersion: apps/v1\nkind: Deployment'),
    );
  });

  test('before removal, a deprecated apiVersion is a warning for that target version', () => {
    const text = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n';
    assert.deepEqual(
      lint(text, RULE, { kubernetesVersion: '1.22' }).map((d) => d.severity),
      ['warning'],
    );
    assert.deepEqual(lint(text, RULE, { kubernetesVersion: '1.20' }), []);
    assert.deepEqual(
      lint(text, RULE, { kubernetesVersion: '1.25' }).map((d) => d.severity),
      ['error'],
    );
  });

  test('a user severity override wins over the graded severity', () => {
    const text = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n';
    assert.deepEqual(
      lint(text, RULE, { rules: { 'deprecated-api-version': 'info' } }).map((d) => d.severity),
      ['info'],
    );
  });
});

// The fixtures as a table: test/fixtures/rules/deprecated-api-version/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('deprecated-api-version', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'outdatedApiVersion',
          data: {
            kind: 'CronJob',
            apiVersion: 'batch/v1beta1',
            when: 'removed in Kubernetes 1.25',
            kubernetesVersion: '1.33',
            to: 'use batch/v1',
          },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 26,
          severity: 'error',
          fix: 'Change apiVersion to batch/v1',
        },
        {
          messageId: 'kindNotServedInVersion',
          data: { kind: 'Deployment', current: 'apps/v1', apiVersion: 'v1' },
          line: 'deployment-web+2',
          column: 1,
          endLine: 'deployment-web+2',
          endColumn: 15,
          severity: 'error',
          fix: 'Change apiVersion to apps/v1',
        },
        {
          messageId: 'outdatedApiVersionWithNote',
          data: {
            kind: 'PodSecurityPolicy',
            apiVersion: 'policy/v1beta1',
            when: 'removed in Kubernetes 1.25',
            kubernetesVersion: '1.33',
            to: 'use Pod Security Admission',
            note: 'PodSecurityPolicy is gone: label the Namespace with pod-security.kubernetes.io/enforce instead',
          },
          line: 'podsecuritypolicy-restricted+2',
          column: 1,
          endLine: 'podsecuritypolicy-restricted+2',
          endColumn: 27,
          severity: 'error',
          fix: null,
        },
      ],
    },
  ],
});
