import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const RULE = ['emptydir-size-limit'];
const fixture = (name: string): string => readFixture('rules', 'emptydir-size-limit', name);

describe('emptydir-size-limit', () => {
  test('flags emptyDir volumes without sizeLimit ({} / memory-backed / null) on the emptyDir key', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity]),
      [
        ['17:11-17:19', 'info'],
        ['19:11-19:19', 'info'],
        ['22:11-22:19', 'info'],
      ],
    );
    assert.equal(
      ds[0].message,
      'emptyDir volume "tmp" has no sizeLimit: it can fill the node\'s disk until pods are evicted.',
    );
    assert.match(ds[1].message, /"shm" is memory-backed without a sizeLimit/);
  });

  test('the fix writes sizeLimit: 1Gi in the style of the map, with a TODO in block and flow style', () => {
    const text = fixture('fire.yaml');
    const [tmp, shm, cache] = lint(text, RULE);
    assert.equal(
      applyFix(text, tmp),
      text.replace(
        /( *)emptyDir: \{\} # scratch space/,
        '$1# TODO: the most this volume may hold\n$1emptyDir: {sizeLimit: 1Gi} # scratch space',
      ),
    );
    assert.equal(
      applyFix(text, shm),
      text.replace(
        '            medium: Memory\n',
        '            medium: Memory\n            sizeLimit: 1Gi # TODO: the most this volume may hold\n',
      ),
    );
    assert.equal(
      applyFix(text, cache),
      text.replace(/emptyDir:\n$/, 'emptyDir:\n            sizeLimit: 1Gi # TODO: the most this volume may hold\n'),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });

  test('emptyDirs with a sizeLimit pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });
});
