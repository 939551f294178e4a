import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'proc-mount-unmasked';

describe(R, () => {
  test('procMount: Unmasked is a warning', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [['12:9-12:28', 'warning', 'Delete procMount']]);
    assert.match(ds[0].message, /Container "buildkit" mounts \/proc without the default masks/);
  });

  test('the fix deletes procMount', () => {
    const text = fixture(R, 'fire.yaml');
    const [d] = lint(text, [R]);
    assert.equal(applyFix(text, d), text.replace('procMount: Unmasked # nested containers', '# nested containers'));
  });

  test('Default passes', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
