import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'read-only-root-fs';

describe(R, () => {
  test('explicit false and unset are warnings', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['13:13-13:42', 'warning', 'Set readOnlyRootFilesystem: true'],
      ['14:11-14:21', 'warning', 'Set readOnlyRootFilesystem: true'],
    ]);
  });

  test('fixes set the value or add a securityContext', () => {
    const text = fixture(R, 'fire.yaml');
    const [web, side] = lintSorted(text, [R]);
    assert.equal(applyFix(text, web), text.replace('readOnlyRootFilesystem: false', 'readOnlyRootFilesystem: true'));
    assert.equal(applyFix(text, side), text + '          securityContext:\n            readOnlyRootFilesystem: true\n');
  });

  test('read-only containers pass; it is not a Pod Security control, so a namespace label does not raise it', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
    const ns =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\n';
    const text = ns + fixture(R, 'fire.yaml').replace('  name: web\n', '  name: web\n  namespace: prod\n');
    assert.deepEqual(
      lint(text, [R]).map((d) => d.severity),
      ['warning', 'warning'],
    );
  });
});
