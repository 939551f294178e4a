import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const fixture = (name: string): string => readFixture('rules', 'deprecated-api-version', name);
const RULE = ['deprecated-api-version'];

describe('deprecated-api-version', () => {
  test('removed, wrong-group and PSP apiVersions are errors with exact ranges', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [
        ['2:1-2:26', 'error', true],
        ['18:1-18:15', 'error', true],
        ['24:1-24:27', 'error', false],
      ],
    );
    assert.match(ds[0].message, /CronJob batch\/v1beta1 is removed in Kubernetes 1.25 .*use batch\/v1/);
    assert.match(ds[1].message, /served under apiVersion apps\/v1, not v1/);
    assert.match(ds[2].message, /Pod Security Admission/);
  });

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

  test('served apiVersions and custom resources pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });
});
