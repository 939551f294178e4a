import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { lintWorkspace } from '../../../support/workspace-lint';
import { brief, briefWorkspace, fx } from './helpers';

const RULE = ['replicas-with-hpa'];

describe('replicas-with-hpa', () => {
  test('flags spec.replicas of an HPA target and deletes it', () => {
    const text = fx('replicas-with-hpa', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['7:3-7:14', 'warning', true]]);
    assert.equal(
      ds[0].message,
      'HorizontalPodAutoscaler "web" scales this Deployment (2–10 replicas), but spec.replicas: 3 is written too: every apply resets the replica count until the HPA corrects it. Let the HPA own it.',
    );
    // The pair goes; its comment stays, on a line of its own.
    assert.equal(
      applyFix(text, ds[0]),
      text.replace('  replicas: 3 # set before the HPA existed\n', '  # set before the HPA existed\n'),
    );
    assert.deepEqual(lint(applyFix(text, ds[0]), ['replicas-with-hpa', 'replicas-too-low']), []);
  });

  test('no replicas with an HPA, and replicas without one, pass', () => {
    assert.deepEqual(lint(fx('replicas-with-hpa', 'pass.yaml'), RULE), []);
  });

  test('an HPA in another namespace does not count', () => {
    const text = fx('replicas-with-hpa', 'fire.yaml').replace(
      /(kind: HorizontalPodAutoscaler\nmetadata:\n {2}name: web\n {2}namespace: )shop/,
      '$1other',
    );
    assert.deepEqual(lint(text, RULE), []);
  });

  test('across a workspace: the HPA in a subfolder', () => {
    assert.deepEqual(briefWorkspace(lintWorkspace('replicas-with-hpa', RULE)), [
      ['deploy.yaml', '7:3-7:14', 'warning', true],
    ]);
  });
});
