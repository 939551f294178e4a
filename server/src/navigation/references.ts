/**
 * Find-references between Kubernetes objects: from an object (or a reference to one) back to everything in the
 * workspace that refers to it.
 */
import type { Position } from '../engine/types';
import type { Workspace } from '../engine/workspace';
import type { IndexedObject } from '../model/workspace';
import type { Location, TextOf } from './files';
import { Files, namespaceOf, objectAt, refAt, sameObject, toRange } from './files';
import { referencesOf, resolveRef } from './refs';

export interface ReferencesOptions {
  /** Include the object's own location (LSP `context.includeDeclaration`). */
  includeDeclaration?: boolean;
  textOf?: TextOf;
}

/**
 * Everything in the workspace that refers to the object under the cursor (anywhere in an object that is not
 * itself a reference), or to the object a reference under the cursor names.
 */
export function referencesTo(
  workspace: Workspace,
  uri: string,
  text: string,
  position: Position,
  options: ReferencesOptions = {},
): Location[] {
  const index = workspace.index();
  const files = new Files({ uri, text }, options.textOf);
  const at = objectAt(files.objects(uri) ?? [], position);
  if (!at) return [];
  const ref = refAt(at.p, at.offset);
  let targets: IndexedObject[];
  if (ref) targets = resolveRef(index, ref.target, namespaceOf(index, uri, at.p));
  else {
    const self = index.objects(at.p.object.kind).find((o) => o.uri === uri && o.line === at.p.line);
    targets = self ? [self] : [];
  }
  if (targets.length === 0) return [];
  const out: Location[] = [];
  if (options.includeDeclaration) for (const t of targets) out.push(files.locationOf(t));
  const uris = workspace.uris();
  if (!uris.includes(uri)) uris.push(uri);
  for (const u of uris) {
    for (const p of files.objects(u) ?? []) {
      const refs = referencesOf(p.object);
      if (refs.length === 0) continue;
      const ns = namespaceOf(index, u, p);
      for (const r of refs) {
        const named = resolveRef(index, r.target, ns);
        if (named.some((n) => targets.some((t) => sameObject(n, t))))
          out.push({ uri: u, range: toRange(p, r.start, r.end) });
      }
    }
  }
  return out;
}
