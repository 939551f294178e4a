/** "Not found": how sure the linter can be that an object is missing, and how to say where it looked. */
import type { IndexedObject, WorkspaceIndexView } from '../workspace';

/** The folder part of a URI or path (`file:///w/app/a.yaml` → `file:///w/app/`). */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * Whether the workspace plausibly holds every object of these kinds that the referrer could mean: another object
 * of those kinds in the same namespace lives in the referrer's file or folder. The author then keeps that
 * namespace's objects together, and a reference to one that is missing is most likely a typo (a warning). Without
 * that, the object is probably managed elsewhere (a Helm chart, another repository, an operator): information.
 */
export function plausiblyComplete(
  index: WorkspaceIndexView,
  referrer: IndexedObject | undefined,
  kinds: readonly string[],
): boolean {
  if (!referrer) return false;
  const folder = folderOf(referrer.uri);
  return kinds.some((k) =>
    index
      .objects(k)
      .some(
        (o) =>
          o !== referrer &&
          o.namespace === referrer.namespace &&
          (o.uri === referrer.uri || folderOf(o.uri) === folder),
      ),
  );
}

/** "searched 3 files: a.yaml, b.yaml, c.yaml" / "searched 1 file: a.yaml" / "searched 5 files: a, b, c and 2 more". */
export function searchedFiles(index: WorkspaceIndexView, max = 3): string {
  const files = index.files();
  if (files.length === 0) return 'searched no files';
  // Paths below the folder all files share (just the file names when they share one folder).
  const dirs = files.map((f) => f.replace(/[^\\/]*$/, ''));
  let common = dirs[0];
  for (const d of dirs) while (!d.startsWith(common)) common = parentDir(common);
  const names = files.map((f) => f.slice(common.length));
  const shown =
    names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `searched ${files.length} file${files.length === 1 ? '' : 's'}: ${shown}`;
}

/** `a/b/` → `a/`; `a/` → `` (a loop: `/[^\\/]*[\\/]$/` backtracks quadratically on long names). */
function parentDir(dir: string): string {
  const t = dir.slice(0, -1);
  return t.slice(0, Math.max(t.lastIndexOf('/'), t.lastIndexOf('\\')) + 1);
}
