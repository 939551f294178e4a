import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'restricted-volume-types';

describe(R, () => {
  test('off by default, a warning in strict on each disallowed volume source', () => {
    const text = fixture(R, 'fire.yaml');
    assert.deepEqual(lint(text, [R]), []);
    const ds = lintSorted(text, [R], { profile: 'strict' });
    assert.deepEqual(summary(ds), [
      ['14:11-14:14', 'warning', null],
      ['18:11-18:18', 'warning', null],
    ]);
    assert.equal(said(ds[0]), 'volumeUsesRestrictedPod {detail="shared" , key=nfs}');
  });

  test('hostPath is left to host-path-volume; allowed and source-less volumes pass', () => {
    const text = fixture(R, 'fire.yaml');
    assert.ok(!lint(text, [R], { profile: 'strict' }).some((d) => said(d).includes('hostPath')));
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R], { profile: 'strict' }), []);
  });

  test('a user can turn it on in the recommended profile', () => {
    assert.equal(lint(fixture(R, 'fire.yaml'), [R], { rules: { [R]: 'error' } }).length, 2);
  });
});
