/**
 * A kustomization and what it is built from, read from its files: resources (files and folders with their own
 * kustomization), patches (strategic merge and JSON 6902, in all three spellings kustomize accepts), namePrefix,
 * nameSuffix and namespace. Enough to tell, for each object of the built output, which base file wrote it and which
 * patches touched it.
 */
import type { YamlPath } from '../../yaml/paths';
import { YamlSource } from '../../yaml/paths';
import type { RenderHost } from '../host';
import { joinPath } from '../host';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface ResourceFile {
  file: string;
  /** Parsed when first read: finding a tree's overlays needs only which files each takes (`findKustomizeRoots`). */
  readonly source: YamlSource;
}

/**
 * A resource file parsed only when its objects are placed in a build's output. `kubewise lint` loads every
 * kustomization of a tree (and each loads its bases again) only to learn which are roots: parsing every base each
 * time took a third of a second on the 22 overlays of the public-manifest corpus, before any file was linted.
 */
function resourceFile(file: string, text: string): ResourceFile {
  let source: YamlSource | undefined;
  return {
    file,
    get source(): YamlSource {
      return (source ??= new YamlSource(text));
    },
  };
}

export interface Target {
  kind?: string;
  name?: string;
}

export interface JsonOp {
  op: string;
  path: YamlPath;
  /** Where the op is written (its `value:` line when it has one, else its `path:` line). */
  line: number;
  character: number;
}

/**
 * Where a patch's text starts in its file: 0/0 for a patch file; for a patch written inline in the kustomization
 * (`patch: |-`), the first line and the indentation of the block.
 */
export interface TextOffset {
  line: number;
  character: number;
}

export type Patch =
  | { type: 'smp'; file: string; source: YamlSource; target?: Target; offset: TextOffset; inline: boolean }
  | {
      type: 'json6902';
      file: string;
      source: YamlSource;
      target?: Target;
      ops: JsonOp[];
      offset: TextOffset;
      inline: boolean;
    };

export interface Kustomization {
  dir: string;
  file: string;
  source: YamlSource;
  namespace?: string;
  namePrefix: string;
  nameSuffix: string;
  resources: Array<{ file: ResourceFile } | { kustomization: Kustomization }>;
  patches: Patch[];
  /** Every file this kustomization reads, its own included (and those of the kustomizations it uses). */
  files: Set<string>;
  /** `images:` entries (the image name they rewrite) and the line of the field that sets the tag or digest. */
  images: Array<{ name: string; line: number; character: number }>;
  /** `replicas:` entries (the object name they match) and the line of their `count`. */
  replicas: Array<{ name: string; line: number; character: number }>;
  /**
   * `kind: Component`: a reusable piece that kustomize builds only inside a kustomization listing it under
   * `components:` (built alone it fails, or yields fragments).
   */
  component: boolean;
}

export function kustomizationFile(host: RenderHost, dir: string): string | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const f = `${dir}/${name}`;
    if (host.readFile(f) !== undefined) return f;
  }
  return undefined;
}

/** Reads a kustomization and, recursively, the ones it uses (each folder once; cycles are cut). */
export function loadKustomization(host: RenderHost, dir: string, seen = new Set<string>()): Kustomization | undefined {
  const file = kustomizationFile(host, dir);
  if (!file || seen.has(dir)) return undefined;
  seen.add(dir);
  const text = host.readFile(file) ?? '';
  const source = new YamlSource(text);
  const k = (source.docs[0]?.value ?? {}) as Record<string, unknown>;
  const out: Kustomization = {
    dir,
    file,
    source,
    namespace: typeof k.namespace === 'string' ? k.namespace : undefined,
    namePrefix: typeof k.namePrefix === 'string' ? k.namePrefix : '',
    nameSuffix: typeof k.nameSuffix === 'string' ? k.nameSuffix : '',
    resources: [],
    patches: [],
    files: new Set([file]),
    images: [],
    replicas: [],
    component: k.kind === 'Component',
  };
  const entries = [...strings(k.resources), ...strings(k.bases), ...strings(k.components)];
  for (const entry of entries) {
    if (/^[a-z]+:\/\//i.test(entry) || entry.startsWith('git@')) continue; // remote bases: nothing local to blame
    const abs = joinPath(dir, entry);
    if (host.listDir(abs)) {
      const child = loadKustomization(host, abs, seen);
      if (child) {
        out.resources.push({ kustomization: child });
        for (const f of child.files) out.files.add(f);
      }
      continue;
    }
    const t = host.readFile(abs);
    if (t === undefined) continue;
    out.resources.push({ file: resourceFile(abs, t) });
    out.files.add(abs);
  }
  const addPatch = (text: string, file: string, target: Target | undefined, offset: TextOffset): void => {
    const src = new YamlSource(text);
    const inline = file === out.file;
    if (Array.isArray(src.docs[0]?.value)) {
      const ops = jsonOps(src).map((o) => ({
        ...o,
        line: o.line + offset.line,
        character: o.character + offset.character,
      }));
      out.patches.push({ type: 'json6902', file, source: src, target, ops, offset, inline });
    } else out.patches.push({ type: 'smp', file, source: src, target, offset, inline });
  };
  const fromFile = (rel: string, target: Target | undefined): void => {
    const abs = joinPath(dir, rel);
    const t = host.readFile(abs);
    if (t === undefined) return;
    out.files.add(abs);
    addPatch(t, abs, target, { line: 0, character: 0 });
  };
  /** An inline patch (`patch: |-` block): its text, placed at its lines in the kustomization. */
  const inline = (text: string, at: YamlPath, target: Target | undefined): void => {
    const key = source.locate(0, at);
    if (!key || key.depth !== at.length) return;
    // Only block scalars keep a line-for-line copy of the patch in the file.
    if (!/:\s*[|>][-+]?\d*\s*(#.*)?$/.test(source.lines.lineText(key.line))) return;
    const first = source.lines.lineText(key.line + 1);
    addPatch(text, file, target, { line: key.line + 1, character: first.length - first.trimStart().length });
  };
  (Array.isArray(k.patches) ? k.patches : []).forEach((p: unknown, i) => {
    if (!p || typeof p !== 'object') return;
    const e = p as { path?: unknown; patch?: unknown; target?: unknown };
    if (typeof e.path === 'string') fromFile(e.path, targetOf(e.target));
    else if (typeof e.patch === 'string') inline(e.patch, ['patches', i, 'patch'], targetOf(e.target));
  });
  (Array.isArray(k.patchesStrategicMerge) ? k.patchesStrategicMerge : []).forEach((p: unknown, i) => {
    if (typeof p !== 'string') return;
    if (p.includes('\n')) inline(p, ['patchesStrategicMerge', i], undefined);
    else fromFile(p, undefined);
  });
  (Array.isArray(k.patchesJson6902) ? k.patchesJson6902 : []).forEach((p: unknown, i) => {
    if (!p || typeof p !== 'object') return;
    const e = p as { path?: unknown; patch?: unknown; target?: unknown };
    if (typeof e.path === 'string') fromFile(e.path, targetOf(e.target));
    else if (typeof e.patch === 'string') inline(e.patch, ['patchesJson6902', i, 'patch'], targetOf(e.target));
  });
  (Array.isArray(k.images) ? k.images : []).forEach((img: unknown, i) => {
    if (!img || typeof img !== 'object' || typeof (img as { name?: unknown }).name !== 'string') return;
    const e = img as { name: string; newName?: unknown; newTag?: unknown; digest?: unknown };
    const field = typeof e.digest === 'string' ? 'digest' : typeof e.newTag === 'string' ? 'newTag' : 'newName';
    const at = source.locate(0, ['images', i, field]) ?? source.locate(0, ['images', i]);
    if (at) out.images.push({ name: e.name, line: at.line, character: at.character });
  });
  (Array.isArray(k.replicas) ? k.replicas : []).forEach((r: unknown, i) => {
    if (!r || typeof r !== 'object' || typeof (r as { name?: unknown }).name !== 'string') return;
    const at = source.locate(0, ['replicas', i, 'count']) ?? source.locate(0, ['replicas', i]);
    if (at) out.replicas.push({ name: (r as { name: string }).name, line: at.line, character: at.character });
  });
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function targetOf(v: unknown): Target | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const t = v as Record<string, unknown>;
  return {
    kind: typeof t.kind === 'string' ? t.kind : undefined,
    name: typeof t.name === 'string' ? t.name : undefined,
  };
}

/** The ops of a JSON 6902 patch with their JSON-pointer paths split (`~1` is `/`, `~0` is `~`). */
function jsonOps(src: YamlSource): JsonOp[] {
  const list = src.docs[0]?.value;
  if (!Array.isArray(list)) return [];
  const ops: JsonOp[] = [];
  list.forEach((item: unknown, i) => {
    if (!item || typeof item !== 'object') return;
    const o = item as Record<string, unknown>;
    if (typeof o.op !== 'string' || typeof o.path !== 'string') return;
    const path = o.path
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const where = src.locate(0, [i, 'value' in o ? 'value' : 'path']) ?? src.locate(0, [i]);
    ops.push({ op: o.op, path, line: where?.line ?? 0, character: where?.character ?? 0 });
  });
  return ops;
}

/** Whether a patch's target (or, for a strategic-merge patch without one, its own kind and name) names an object. */
export function targets(target: Target | undefined, kind: string, name: string): boolean {
  if (!target) return false;
  if (target.kind && target.kind !== kind) return false;
  if (target.name) {
    try {
      if (!new RegExp(`^(?:${target.name})$`).test(name)) return false;
    } catch {
      if (target.name !== name) return false;
    }
  }
  return true;
}
