import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'run-as-user-root';

describe(R, () => {
  test('runAsUser: 0 on the pod and on a container are errors', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['8:5-8:17', 'error', 'Set runAsUser: 10001'],
      ['12:25-12:37', 'error', 'Set runAsUser: 10001'],
    ]);
    assert.equal(ds[0].message, 'The pod runs as root (runAsUser: 0).');
  });

  test("the fix writes UID 10001 in place, with a TODO (above an author's comment; in flow style, before the brace)", () => {
    const text = fixture(R, 'fire.yaml');
    const [pod, app] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, pod),
      text.replace('    runAsUser: 0 # from', '    # TODO: a UID the image runs as\n    runAsUser: 10001 # from'),
    );
    assert.equal(
      applyFix(text, app),
      text.replace('{runAsUser: 0}', '{runAsUser: 10001 # TODO: a UID the image runs as\n        }'),
    );
  });

  test('non-zero or unset passes', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
