/**
 * What a fix changes in a rendered document, as key paths: the render layer rewrites fixes computed on rendered
 * output into edits of the files that wrote it (values.yaml, a patch, a base).
 */
import type { YamlPath } from '../yaml/paths';

/** The paths (list items by index) where two plain values differ, deepest first-level difference each. */
export function changedPaths(before: unknown, after: unknown, at: YamlPath): YamlPath[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const bothObjects = before !== null && after !== null && typeof before === 'object' && typeof after === 'object';
  if (bothObjects && Array.isArray(before) === Array.isArray(after)) {
    if (Array.isArray(before) && Array.isArray(after)) {
      if (before.length !== after.length) return [at];
      return before.flatMap((b, i) => changedPaths(b, after[i], [...at, i]));
    }
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
    return [...keys].flatMap((k) => changedPaths(b[k], a[k], [...at, k]));
  }
  return [at];
}

export function commonPrefix(paths: readonly YamlPath[]): YamlPath {
  if (paths.length === 0) return [];
  let common = paths[0];
  for (const c of paths) {
    let n = 0;
    while (n < common.length && n < c.length && common[n] === c[n]) n++;
    common = common.slice(0, n);
  }
  return common;
}
