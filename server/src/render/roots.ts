/**
 * Which chart or kustomization a file belongs to, found by walking up from it (through the injected host): a
 * subchart's file belongs to its outermost parent chart, which renders it.
 */
import type { RenderHost } from './host';
import { KUSTOMIZATION_NAMES, loadKustomization } from './kustomize/kustomization';

export function chartOf(host: RenderHost, path: string): string | undefined {
  let found: string | undefined;
  let dir = path.slice(0, path.lastIndexOf('/'));
  while (dir.length > 1) {
    if (host.readFile(`${dir}/Chart.yaml`) !== undefined) {
      found = dir;
      // a subchart: keep going while we are inside `<parent>/charts/<sub>`
      const parent = dir.slice(0, dir.lastIndexOf('/'));
      if (!parent.endsWith('/charts')) break;
      dir = parent.slice(0, parent.lastIndexOf('/'));
      continue;
    }
    if (found) break;
    dir = dir.slice(0, dir.lastIndexOf('/'));
  }
  return found;
}

/** The nearest kustomization folder (up to four levels up) that reads the file (or is its folder's own file). */
export function kustomizationOf(host: RenderHost, path: string): string | undefined {
  let dir = path.slice(0, path.lastIndexOf('/'));
  for (let i = 0; i < 4 && dir.length > 1; i++) {
    if (KUSTOMIZATION_NAMES.some((n) => host.readFile(`${dir}/${n}`) !== undefined)) {
      const k = loadKustomization(host, dir);
      if (k?.files.has(path)) return dir;
    }
    dir = dir.slice(0, dir.lastIndexOf('/'));
  }
  return undefined;
}
