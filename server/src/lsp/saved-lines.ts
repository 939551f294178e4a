/**
 * Where the lines of a file as saved are in its unsaved text: a line-by-line alignment (common prefix and suffix,
 * then the longest common subsequence of what lies between), so that what was computed from the saved file (a
 * chart's helm render, which reads the files on disk) can be placed on the editor's lines while the user types.
 * Only lines whose text is unchanged are mapped.
 */

/** The aligned middle of two texts is at most this many line pairs (beyond that the texts count as unrelated). */
export const MAX_ALIGNED_PAIRS = 4_000_000;

/**
 * For each line of `saved`, its line in `current` when that line is unchanged there, else undefined; undefined as
 * a whole when the texts differ too much to align cheaply.
 */
export function savedLinesIn(saved: string, current: string): (number | undefined)[] | undefined {
  const a = saved.split(/\r?\n/);
  const b = current.split(/\r?\n/);
  const out: (number | undefined)[] = new Array<number | undefined>(a.length).fill(undefined);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    out[start] = start;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    out[endA] = endB;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return out;
  if (n * m > MAX_ALIGNED_PAIRS) return undefined;
  // lcs[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[start + i] === b[start + j]
          ? lcs[(i + 1) * w + j + 1]! + 1
          : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      out[start + i] = start + j;
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}

/**
 * The lines `from..to` of the saved text, moved as one block into the current text: every line unchanged and
 * none inserted between them; undefined otherwise.
 */
export function movedBlock(
  map: readonly (number | undefined)[],
  from: number,
  to: number,
): { readonly from: number; readonly to: number } | undefined {
  const first = map[from];
  if (first === undefined) return undefined;
  for (let l = from + 1; l <= to; l++) if (map[l] !== first + (l - from)) return undefined;
  return { from: first, to: first + (to - from) };
}
