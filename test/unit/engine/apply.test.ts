/**
 * The one function that applies text edits (fixes, fix-all, suppressions, companions, and the render layer's
 * "what would this fix change"): LSP's rule for edits of one change — ranges never overlap, insertions at one
 * position appear in array order — and overlapping edits are refused rather than applied in some order.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../server/src/engine';
import type { TextEdit } from '../../../server/src/engine/types';

const TEXT = 'alpha: 1\nbeta: 2\n';

function edit(line: number, start: number, endLine: number, end: number, newText: string): TextEdit {
  return { range: { start: { line, character: start }, end: { line: endLine, character: end } }, newText };
}
const insert = (line: number, character: number, text: string): TextEdit =>
  edit(line, character, line, character, text);

describe('applyEdits', () => {
  test('applies edits in text order whatever their order in the array', () => {
    assert.equal(applyEdits(TEXT, [edit(1, 6, 1, 7, '20'), edit(0, 7, 0, 8, '10')]), 'alpha: 10\nbeta: 20\n');
  });

  test('insertions at one position appear in the order of the array', () => {
    assert.equal(applyEdits(TEXT, [insert(1, 0, 'a: 0\n'), insert(1, 0, 'b: 0\n')]), 'alpha: 1\na: 0\nb: 0\nbeta: 2\n');
    assert.equal(applyEdits(TEXT, [insert(1, 0, 'b: 0\n'), insert(1, 0, 'a: 0\n')]), 'alpha: 1\nb: 0\na: 0\nbeta: 2\n');
  });

  test('edits that only touch (one ends where the next starts) both apply', () => {
    assert.equal(applyEdits(TEXT, [edit(0, 0, 0, 5, 'gamma'), edit(0, 5, 0, 8, ' = 1')]), 'gamma = 1\nbeta: 2\n');
    assert.equal(applyEdits(TEXT, [insert(0, 8, ' # one'), edit(0, 7, 0, 8, '2')]), 'alpha: 2 # one\nbeta: 2\n');
  });

  test('overlapping edits are refused, not applied in some order', () => {
    assert.throws(() => applyEdits(TEXT, [edit(0, 0, 0, 6, 'x'), edit(0, 3, 1, 2, 'y')]), /overlapping edits/);
    assert.throws(() => applyEdits(TEXT, [edit(0, 0, 0, 8, 'x'), insert(0, 4, 'y')]), /overlapping edits/);
  });

  test('an edit may span lines and end at the end of the text', () => {
    assert.equal(applyEdits(TEXT, [edit(0, 7, 2, 0, '1\n')]), 'alpha: 1\n');
    assert.equal(applyEdits(TEXT, [insert(2, 0, 'gamma: 3\n')]), TEXT + 'gamma: 3\n');
  });
});
