import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';

const RULE = ['hpa-min-equals-max'];

describe('hpa-min-equals-max', () => {
  test('flags equal bounds (an unset min is 1) and doubles maxReplicas', () => {
    const text = fx('hpa-min-equals-max', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['12:3-12:17', 'warning', true],
      ['25:3-25:17', 'warning', true],
    ]);
    assert.equal(ds[0].message, 'maxReplicas equals minReplicas (3): this HorizontalPodAutoscaler can never scale.');
    assert.equal(
      ds[1].message,
      'maxReplicas equals minReplicas (1, the default): this HorizontalPodAutoscaler can never scale.',
    );
    assert.equal(
      applyFix(text, ds[0]),
      text.replace('  maxReplicas: 3 # pinned for the launch', '  maxReplicas: 6 # pinned for the launch'),
    );
    assert.equal(applyFix(text, ds[1]), text.replace('  maxReplicas: 1\n', '  maxReplicas: 2\n'));
  });

  test('a range passes', () => assert.deepEqual(lint(fx('hpa-min-equals-max', 'pass.yaml'), RULE), []));
});
