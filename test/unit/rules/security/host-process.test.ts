import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'host-process';

describe(R, () => {
  test('hostProcess: true on the pod and on a container are errors', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['11:7-11:24', 'error', 'Delete hostProcess'],
      ['17:26-17:43', 'error', 'Delete hostProcess'],
    ]);
  });

  test('the fix deletes the field (and windowsOptions when nothing else is left)', () => {
    const text = fixture(R, 'fire.yaml');
    const [pod, container] = lintSorted(text, [R]);
    assert.equal(applyFix(text, pod), text.replace('hostProcess: true # node agent', '# node agent'));
    assert.equal(applyFix(text, container), text.replace('        windowsOptions: {hostProcess: true}\n', ''));
  });

  test('hostProcess false passes', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
