/**
 * Placing what was computed from a file as saved on the lines of its unsaved text: unchanged lines are mapped,
 * changed ones are not, a block is moved only when it is still whole.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { MAX_ALIGNED_PAIRS, movedBlock, savedLinesIn } from '../../../server/src/lsp/saved-lines';

describe('saved lines in the unsaved text', () => {
  const saved = ['a', 'b', 'c', 'd', 'e'].join('\n');

  test('the same text maps every line to itself', () => {
    assert.deepEqual(savedLinesIn(saved, saved), [0, 1, 2, 3, 4]);
  });

  test('lines typed above move the rest down; a changed line is not mapped; a deleted one neither', () => {
    assert.deepEqual(savedLinesIn(saved, ['x', 'y', 'a', 'b', 'c', 'd', 'e'].join('\n')), [2, 3, 4, 5, 6]);
    assert.deepEqual(savedLinesIn(saved, ['a', 'B', 'c', 'd', 'e'].join('\n')), [0, undefined, 2, 3, 4]);
    assert.deepEqual(savedLinesIn(saved, ['a', 'c', 'd', 'e'].join('\n')), [0, undefined, 1, 2, 3]);
    // Moved around in the middle: the longest run of unchanged lines wins.
    assert.deepEqual(savedLinesIn(saved, ['a', 'd', 'b', 'c', 'e'].join('\n')), [0, 2, 3, undefined, 4]);
    assert.deepEqual(savedLinesIn('a\r\nb', 'z\na\nb'), [1, 2], 'CRLF and LF alike');
  });

  test('a block moves only whole: unchanged and nothing inserted inside', () => {
    const map = savedLinesIn(saved, ['x', 'a', 'b', 'c', 'd', 'e'].join('\n'))!;
    assert.deepEqual(movedBlock(map, 1, 3), { from: 2, to: 4 });
    const inserted = savedLinesIn(saved, ['a', 'b', 'new', 'c', 'd', 'e'].join('\n'))!;
    assert.equal(movedBlock(inserted, 1, 3), undefined);
    assert.deepEqual(movedBlock(inserted, 3, 4), { from: 4, to: 5 });
    const changed = savedLinesIn(saved, ['a', 'b', 'C', 'd', 'e'].join('\n'))!;
    assert.equal(movedBlock(changed, 0, 4), undefined);
  });

  test('texts too different to align cheaply are given up, not aligned slowly', () => {
    const side = Math.ceil(Math.sqrt(MAX_ALIGNED_PAIRS)) + 1;
    const a = Array.from({ length: side }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: side }, (_, i) => `b${i}`).join('\n');
    assert.equal(savedLinesIn(a, b), undefined);
  });
});
