import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'apparmor-override';

describe(R, () => {
  test('the legacy annotation and the appArmorProfile field are both checked', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['10:9-10:72', 'warning', 'Set the annotation to runtime/default'],
      ['14:11-14:27', 'warning', 'Set appArmorProfile type: RuntimeDefault'],
    ]);
    assert.match(ds[0].message, /annotation for container "side"/);
  });

  test('fixes write runtime/default and RuntimeDefault', () => {
    const text = fixture(R, 'fire.yaml');
    const [annotation, field] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, annotation),
      text.replace('side: unconfined # legacy', 'side: runtime/default # legacy'),
    );
    assert.equal(applyFix(text, field), text.replace('type: Unconfined', 'type: RuntimeDefault'));
  });

  test('RuntimeDefault, Localhost and localhost/ annotations pass', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
