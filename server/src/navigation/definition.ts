/**
 * Go-to-definition between Kubernetes objects, through the workspace index: from a reference under the cursor to the
 * objects it names. Targets are found in the index; their exact range (the `metadata.name` value) is read from their
 * file's text when one is given, else the object's first line.
 */
import type { Position } from '../engine/types';
import type { Workspace } from '../engine/workspace';
import type { Location, TextOf } from './files';
import { Files, namespaceOf, objectAt, refAt } from './files';
import { resolveRef } from './refs';

/**
 * The objects the reference under the cursor names: a workload for `scaleTargetRef.name`, the claim for
 * `claimName`, every workload whose pods a Service's selector picks, … Empty when the cursor is on no reference or
 * the target is not in the workspace.
 */
export function definitionAt(
  workspace: Workspace,
  uri: string,
  text: string,
  position: Position,
  textOf?: TextOf,
): Location[] {
  const index = workspace.index();
  const files = new Files({ uri, text }, textOf);
  const at = objectAt(files.objects(uri) ?? [], position);
  if (!at) return [];
  const ref = refAt(at.p, at.offset);
  if (!ref) return [];
  return resolveRef(index, ref.target, namespaceOf(index, uri, at.p)).map((o) => files.locationOf(o));
}
