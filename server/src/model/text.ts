/** Text helpers shared by every layer: the project's one edit distance (rule "did you mean" hints, schema, CLI). */

/**
 * Levenshtein distance, bounded: returns `max + 1` as soon as the distance is known to exceed `max`. With `swaps`,
 * the optimal-string-alignment variant (Damerau): a swap of two neighbours counts as one edit, so `contianers` is 1
 * from `containers` (the schema's field suggestions); without, a swap is two edits (name suggestions, CLI options).
 */
export function editDistance(a: string, b: string, max = Infinity, swaps = false): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** The entries of a list once each, in first-seen order: messages never name a port or a class twice. */
export function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
