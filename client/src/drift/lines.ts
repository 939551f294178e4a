/**
 * Where a difference lands in the manifest: the line that writes the value, or, for a value the manifest does not
 * spell out (a default that differs, an item the live object has on top), the deepest key on its way that it does.
 */
import type { DriftObject, ProtocolRange } from '../../../server/src/protocol';
import type { Path } from './diff';

const keyOf = (p: Path): string => JSON.stringify(p);

/** Path → range, built once per object. */
export class PathLines {
  private readonly byPath = new Map<string, ProtocolRange>();

  constructor(readonly object: DriftObject) {
    for (const p of object.paths) this.byPath.set(keyOf(p.path), p.range);
  }

  /** The range of the deepest written prefix of `path`, and whether the whole path is written. */
  locate(path: Path): { range: ProtocolRange; exact: boolean } {
    for (let n = path.length; n > 0; n--) {
      const r = this.byPath.get(keyOf(path.slice(0, n)));
      if (r) return { range: r, exact: n === path.length };
    }
    return { range: this.object.anchor, exact: false };
  }
}
