/**
 * Where each object of a built overlay comes from: the base file and document that wrote it, the name it ends up
 * with (prefixes and suffixes of every level), and the patches that touched it, innermost first.
 */
import type { YamlSource } from '../../yaml/paths';
import type { Kustomization, Patch } from './kustomization';
import { targets } from './kustomization';

export interface PatchHit {
  patch: Patch;
  /** For a strategic-merge patch: the document of the patch file that applies. */
  docIndex?: number;
}

export interface Origin {
  kind: string;
  /** The object's name after every level's prefix and suffix (as the build prints it). */
  name: string;
  /** The name the base file writes. */
  baseName: string;
  file: string;
  source: YamlSource;
  docIndex: number;
  patches: PatchHit[];
  /** The kustomizations that set a namespace on it, innermost first (the outermost one wins). */
  namespaces: Kustomization[];
  /** Every kustomization it passes through, innermost first. */
  chain: Kustomization[];
}

export function originsOf(k: Kustomization): Origin[] {
  const out: Origin[] = [];
  for (const r of k.resources) {
    if ('kustomization' in r) {
      out.push(...originsOf(r.kustomization));
      continue;
    }
    r.file.source.docs.forEach((d, docIndex) => {
      const v = d.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
      if (!v || typeof v.kind !== 'string' || typeof v.metadata?.name !== 'string') return;
      out.push({
        kind: v.kind,
        name: v.metadata.name,
        baseName: v.metadata.name,
        file: r.file.file,
        source: r.file.source,
        docIndex,
        patches: [],
        namespaces: [],
        chain: [],
      });
    });
  }
  // This level's patches see the names of the levels below, before this level's own prefix and suffix.
  for (const o of out) {
    for (const patch of k.patches) {
      if (patch.type === 'json6902') {
        if (targets(patch.target, o.kind, o.name)) o.patches.push({ patch });
        continue;
      }
      patch.source.docs.forEach((d, docIndex) => {
        const v = d.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
        const own = typeof v?.kind === 'string' && v.kind === o.kind && v?.metadata?.name === o.name;
        if (patch.target ? targets(patch.target, o.kind, o.name) : own) o.patches.push({ patch, docIndex });
      });
    }
    o.name = k.namePrefix + o.name + k.nameSuffix;
    if (k.namespace) o.namespaces.push(k);
    o.chain.push(k);
  }
  return out;
}
