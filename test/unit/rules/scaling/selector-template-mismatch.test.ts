import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';

const RULE = ['selector-template-mismatch'];

describe('selector-template-mismatch', () => {
  test('flags Deployment, ReplicationController and StatefulSet selectors that miss their template', () => {
    const ds = lint(fx('selector-template-mismatch', 'fire.yaml'), RULE);
    assert.deepEqual(brief(ds), [
      ['9:3-9:11', 'error', true],
      ['29:3-29:11', 'error', true],
      ['48:3-48:11', 'error', false],
    ]);
    assert.equal(
      ds[0].message,
      'spec.selector does not match the pod template labels (app: web but the template has app: webapp; tier: frontend is not on the template): the API server rejects this Deployment.',
    );
    assert.match(ds[2].message, /role NotIn \(replica\) does not hold for the template/);
  });

  test("the fix gives the template the selector's labels (the selector is immutable); the suggestion edits the selector", () => {
    const text = fx('selector-template-mismatch', 'fire.yaml');
    const [deploy, rc] = lint(text, RULE);
    assert.equal(deploy.fix!.title, 'Add app: web, tier: frontend to the pod template labels');
    assert.equal(
      applyFix(text, deploy),
      text.replace('        app: webapp # renamed\n', '        app: web # renamed\n        tier: frontend\n'),
    );
    assert.equal(applyFix(text, rc), text.replace('        app: old-legacy\n', '        app: legacy\n'));
    assert.equal(
      applyEdits(text, deploy.suggestions![0].edits),
      text.replace('      app: web\n      tier: frontend\n  template:', '      app: webapp\n  template:'),
    );
    assert.deepEqual(lint(applyFix(text, deploy), RULE).length, 2);
  });

  test('a template without labels gets them', () => {
    const text = fx('selector-template-mismatch', 'pass.yaml')
      .split('---\n')[0]
      .replace('    metadata:\n      labels:\n        app: web\n        track: stable\n', '');
    const [d] = lint(text, RULE);
    assert.equal(applyFix(text, d), `${text}    metadata:\n      labels:\n        app: web\n`);
  });

  test('a Job is checked only with manualSelector: true', () => {
    const text = fx('selector-template-mismatch', 'pass.yaml').replace(
      '  selector:\n    matchLabels:\n      app: something-else',
      '  manualSelector: true\n  selector:\n    matchLabels:\n      app: something-else',
    );
    assert.deepEqual(brief(lint(text, RULE)), [['33:3-33:11', 'error', true]]);
  });

  test('matching selectors (expressions included) and Job selectors pass', () =>
    assert.deepEqual(lint(fx('selector-template-mismatch', 'pass.yaml'), RULE), []));
});
