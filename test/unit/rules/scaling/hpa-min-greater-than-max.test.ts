import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';

const RULE = ['hpa-min-greater-than-max'];

describe('hpa-min-greater-than-max', () => {
  test('flags minReplicas above maxReplicas; the fix swaps them, the suggestion raises max', () => {
    const text = fx('hpa-min-greater-than-max', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['11:3-11:17', 'error', true]]);
    assert.equal(
      ds[0].message,
      'minReplicas (6) is greater than maxReplicas (3): the API server rejects this HorizontalPodAutoscaler.',
    );
    assert.equal(
      applyFix(text, ds[0]),
      text.replace(
        '  minReplicas: 6 # at least six for the sale\n  maxReplicas: 3',
        '  minReplicas: 3 # at least six for the sale\n  maxReplicas: 6',
      ),
    );
    assert.equal(applyEdits(text, ds[0].suggestions![0].edits), text.replace('maxReplicas: 3', 'maxReplicas: 12'));
  });

  test('also in autoscaling/v1', () => {
    const text = fx('hpa-min-greater-than-max', 'fire.yaml').replace('autoscaling/v2', 'autoscaling/v1');
    assert.deepEqual(brief(lint(text, RULE)), [['11:3-11:17', 'error', true]]);
  });

  test('min below max, or an unset min, pass', () => {
    assert.deepEqual(lint(fx('hpa-min-greater-than-max', 'pass.yaml'), RULE), []);
    assert.deepEqual(lint(fx('hpa-min-greater-than-max', 'fire.yaml').replace(/ {2}minReplicas: 6.*\n/, ''), RULE), []);
  });
});
