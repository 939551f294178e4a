import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'capabilities-drop-all';

describe(R, () => {
  test('no drop, a drop list without ALL, and an add other than NET_BIND_SERVICE', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['10:11-10:20', 'warning', 'Drop ALL capabilities'],
      ['16:15-16:19', 'warning', 'Drop ALL capabilities'],
      ['21:47-21:52', 'warning', 'Remove CHOWN from capabilities.add'],
    ]);
    assert.match(ds[2].message, /allows adding back only NET_BIND_SERVICE/);
  });

  test('fixes: create the block, append ALL to the list, remove the add', () => {
    const text = fixture(R, 'fire.yaml');
    const [web, side, chown] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, web),
      text.replace(
        'image: nginx:1.27\n',
        'image: nginx:1.27\n          securityContext:\n            capabilities:\n              drop:\n                - ALL\n',
      ),
    );
    assert.equal(
      applyFix(text, side),
      text.replace('- NET_RAW # only this one\n', '- NET_RAW # only this one\n                - ALL\n'),
    );
    assert.equal(applyFix(text, chown), text.replace('{drop: [ALL], add: [CHOWN]}', '{drop: [ALL]}'));
  });

  test('a lowercase all is respelled (admission compares names exactly)', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        capabilities: {drop: [all]}\n';
    const [d] = lint(text, [R]);
    assert.match(d.message, /write ALL in capitals/);
    assert.equal(applyFix(text, d), text.replace('[all]', '[ALL]'));
  });

  test('adds beyond the baseline set are left to capabilities-dangerous (one diagnostic per entry)', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        capabilities: {drop: [ALL], add: [SYS_ADMIN]}\n';
    assert.deepEqual(lint(text, [R]), []);
    assert.deepEqual(
      lint(text, [R, 'capabilities-dangerous']).map((d) => d.ruleId),
      ['capabilities-dangerous'],
    );
  });

  test('drop ALL with NET_BIND_SERVICE passes', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
