/** Name similarity for "did you mean" suggestions (volume names, Service and workload names). */

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance is known to exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Candidates that plausibly meant `name`, best first: a small edit distance (a third of the length, at least 1,
 * at most 3), or one name contained in the other on a word boundary (`web` and `web-svc`).
 */
export function similarNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: Array<[string, number]> = [];
  const budget = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase(), budget);
    if (d <= budget) scored.push([c, d]);
    else if (containsWord(name, c) || containsWord(c, name)) scored.push([c, budget + 1]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, limit).map(([c]) => c);
}

function containsWord(outer: string, inner: string): boolean {
  if (inner.length < 2) return false;
  const i = outer.indexOf(inner);
  if (i === -1) return false;
  const before = i === 0 || /[-_.]/.test(outer[i - 1]);
  const after = i + inner.length === outer.length || /[-_.]/.test(outer[i + inner.length]);
  return before && after;
}
