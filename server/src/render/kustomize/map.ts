/**
 * Maps a finding on `kustomize build` output back to the overlay's files:
 * 1. the patch that wrote the offending field, outermost first (a strategic-merge patch that spells the path, list
 *    items matched by `name` as kustomize merges them; a JSON 6902 op whose path holds it, or a `remove` of the
 *    field the finding misses) → that line of the patch;
 * 2. `metadata.namespace` set by a kustomization → its `namespace:` line;
 * 3. otherwise the base resource's file, at the deepest key of the path that it writes;
 * 4. an object no resource file wrote (a generator) → the kustomization's first line, with the rendered path.
 */
import type { Fix, LintDiagnostic } from '../../engine/types';
import { messageIdOf } from '../../engine/types';
import type { YamlPath } from '../../yaml/paths';
import { addedLeaves, YamlSource } from '../../yaml/paths';
import { applyEdits } from '../../engine/apply';
import { changedPaths, commonPrefix } from '../diff';
import { formatPath } from '../helm/map';
import type { Origin } from './origins';

export interface MappedDiagnostic {
  file: string;
  diagnostic: LintDiagnostic;
}

/** A path whose list indices are replaced by the item's `name` where it has one (kustomize's merge key). */
type Step = string | number | { name: string };

export function mapOverlayDiagnostic(
  d: LintDiagnostic,
  rendered: YamlSource,
  origin: Origin | undefined,
  kustomizationFile: string,
): MappedDiagnostic {
  const at = rendered.pathAt(d.range.start.line, d.range.start.character);
  const path = at?.path ?? [];
  const docIndex = at?.docIndex ?? 0;
  if (!origin)
    return place(
      d,
      kustomizationFile,
      0,
      0,
      ` (rendered at ${formatPath(path)}; no resource file defines this object)`,
    );
  const steps = semantic(rendered, docIndex, path);

  for (let i = origin.patches.length - 1; i >= 0; i--) {
    const hit = origin.patches[i];
    const p = hit.patch;
    if (p.type === 'json6902') {
      for (let j = p.ops.length - 1; j >= 0; j--) {
        const op = p.ops[j];
        if (op.op === 'remove') {
          const parent = op.path.slice(0, -1);
          const field = String(op.path[op.path.length - 1]);
          if (startsWith(path, parent) && d.message.includes(field)) return place(d, p.file, op.line, op.character);
          continue;
        }
        if (
          op.op !== 'test' &&
          startsWith(
            path,
            op.path.map((s) => (s === '-' ? -1 : s)),
          )
        )
          return place(d, p.file, op.line, op.character);
      }
      continue;
    }
    if (hit.docIndex === undefined) continue;
    // A strategic-merge `null` deletes what the base sets: a finding about that field is the patch's doing.
    const deleted = deletingNull(d, p.source, hit.docIndex, identifying(path) ? steps.slice(0, -1) : steps);
    if (deleted) {
      const fix = p.inline ? undefined : overlayFix(d, rendered, docIndex, p.source, hit.docIndex);
      const offset = p.inline ? p.offset : { line: 0, character: 0 };
      return place(d, p.file, deleted.line + offset.line, deleted.character + offset.character, '', fix);
    }
    if (identifying(path)) continue;
    const loc = locateSteps(p.source, hit.docIndex, steps);
    if (!loc || loc.depth !== steps.length) continue;
    // A map the base already has is only passed through on the way to deeper keys: the patch set nothing there.
    const value = valueAtSteps(p.source, hit.docIndex, steps);
    const inBase = locateSteps(origin.source, origin.docIndex, steps)?.depth === steps.length;
    if (inBase && value !== null && typeof value === 'object') continue;
    if (p.inline) return place(d, p.file, loc.line + p.offset.line, loc.character + p.offset.character);
    return place(d, p.file, loc.line, loc.character, '', overlayFix(d, rendered, docIndex, p.source, hit.docIndex));
  }

  // An image that an `images:` entry rewrites (newTag, newName, digest): that entry, outermost first.
  if (path[path.length - 1] === 'image') {
    const base = imageName(
      String(origin.source.valueAt(origin.docIndex, concretePath(origin.source, origin.docIndex, steps) ?? []) ?? ''),
    );
    const built = imageName(String(rendered.valueAt(docIndex, path) ?? ''));
    for (let i = origin.chain.length - 1; i >= 0; i--) {
      const k = origin.chain[i];
      const entry = k.images.find((e) => e.name === base || e.name === built);
      if (entry) return place(d, k.file, entry.line, entry.character);
    }
  }

  // A replica count that a `replicas:` entry sets: that entry's `count` line, outermost first (no fix: the base's
  // count is not the one that runs, and the overlay's entry is the user's choice for this overlay).
  if (path.length === 2 && path[0] === 'spec' && path[1] === 'replicas') {
    for (let i = origin.chain.length - 1; i >= 0; i--) {
      const k = origin.chain[i];
      const entry = k.replicas.find((e) => e.name === origin.baseName || e.name === origin.name);
      if (entry) return place(d, k.file, entry.line, entry.character);
    }
  }

  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'namespace' && origin.namespaces.length) {
    const k = origin.namespaces[origin.namespaces.length - 1];
    const loc = k.source.locate(0, ['namespace']);
    if (loc) return place(d, k.file, loc.line, loc.character);
  }

  const loc = locateSteps(origin.source, origin.docIndex, steps);
  if (loc) {
    // The base is written for every overlay that uses it: a fix goes there only when this overlay's values play no
    // part in the finding or in what the fix writes (else the overlay's values would be baked into the base).
    const ownFinding = !overlayShapes(origin, rendered, docIndex, steps, d);
    const fix = ownFinding ? overlayFix(d, rendered, docIndex, origin.source, origin.docIndex, origin) : undefined;
    return place(d, origin.file, loc.line, loc.character, '', fix);
  }
  return place(d, origin.file, 0, 0, ` (rendered at ${formatPath(path)})`);
}

/** Keys that name an object or a list item rather than set anything: a patch repeats them to say what it patches. */
function identifying(path: YamlPath): boolean {
  const last = path[path.length - 1];
  if (path.length <= 1) return true;
  if (path.length === 2 && path[0] === 'metadata' && (last === 'name' || last === 'namespace')) return true;
  return last === 'name' && typeof path[path.length - 2] === 'number';
}

function semantic(src: YamlSource, docIndex: number, path: YamlPath): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number') {
      const item = src.valueAt(docIndex, path.slice(0, i + 1)) as { name?: unknown } | null;
      if (item && typeof item === 'object' && typeof item.name === 'string') {
        out.push({ name: item.name });
        continue;
      }
    }
    out.push(seg);
  }
  return out;
}

/** Finds semantic steps in a source document: named list items by name, others by index. */
function locateSteps(
  src: YamlSource,
  docIndex: number,
  steps: readonly Step[],
): { line: number; character: number; depth: number } | undefined {
  const concrete: YamlPath = [];
  for (const step of steps) {
    if (typeof step === 'object') {
      const list = src.valueAt(docIndex, concrete);
      if (!Array.isArray(list)) break;
      const i = list.findIndex((x) => x && typeof x === 'object' && (x as { name?: unknown }).name === step.name);
      if (i < 0) break;
      concrete.push(i);
    } else concrete.push(step);
  }
  const loc = src.locate(docIndex, concrete);
  if (!loc) return undefined;
  // A named item that was not found counts as not reached.
  return { ...loc, depth: concrete.length === steps.length ? loc.depth : Math.min(loc.depth, concrete.length) };
}

/** `registry/name:tag@sha256:…` → `registry/name` (what an `images:` entry's `name` matches). */
function imageName(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

function valueAtSteps(src: YamlSource, docIndex: number, steps: readonly Step[]): unknown {
  let v: unknown = src.docs[docIndex]?.value;
  for (const step of steps) {
    if (v === null || typeof v !== 'object') return undefined;
    if (typeof step === 'object') {
      v = Array.isArray(v)
        ? v.find((x) => x && typeof x === 'object' && (x as { name?: unknown }).name === step.name)
        : undefined;
    } else v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

function place(
  d: LintDiagnostic,
  file: string,
  line: number,
  character: number,
  suffix = '',
  fix?: Fix,
): MappedDiagnostic {
  const diagnostic: LintDiagnostic = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message + suffix,
    ...messageIdOf(d),
    range: { start: { line, character }, end: { line, character } },
  };
  if (fix) diagnostic.fix = fix;
  return { file, diagnostic };
}

/**
 * The fix rewritten for the file the finding landed on (a strategic-merge patch or the base): the keys the fix
 * adds to the built object, set at the same place in that document (list items found by `name`). Only fixes that
 * add or change values under one key; none for JSON 6902 patches.
 */
function overlayFix(
  d: LintDiagnostic,
  rendered: YamlSource,
  docIndex: number,
  target: YamlSource,
  targetDoc: number,
  /** Set when the target is the base resource: what the fix writes must owe nothing to the overlay. */
  base?: Origin,
): Fix | undefined {
  if (!d.fix) return undefined;
  let after: YamlSource;
  try {
    after = new YamlSource(applyEdits(rendered.text, d.fix.edits));
  } catch {
    return undefined;
  }
  const changed = changedPaths(rendered.docs[docIndex]?.value, after.docs[docIndex]?.value, []);
  if (changed.length === 0 || changed.some((p) => after.valueAt(docIndex, p) === undefined)) return undefined;
  let root = commonPrefix(changed);
  // Keys are set below a map: step up from a scalar or a list to the map that holds it (a list item is a map:
  // its keys are set in place, never the whole list rewritten).
  const isMap = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
  while (root.length && !isMap(after.valueAt(docIndex, root))) root = root.slice(0, -1);
  if (root.length === 0) return undefined;
  const before = rendered.valueAt(docIndex, root);
  const added = addedLeaves(before, after.valueAt(docIndex, root));
  if (added.length === 0 || added.some((a) => a.path.length === 0)) return undefined;
  // A list the file already has would be written again whole (in flow style, with every item the build put in it):
  // no fix rather than that.
  if (added.some((a) => Array.isArray(valueBelow(before, a.path)))) return undefined;
  const rootSteps = semantic(rendered, docIndex, root);
  if (base && bakesOverlayValues(base, rendered, docIndex, rootSteps, added)) return undefined;
  const concrete = concretePath(target, targetDoc, rootSteps);
  if (!concrete) return undefined;
  const todo = d.fix.edits.some((e) => e.newText.includes('TODO'));
  const edits = target.setLeaves(targetDoc, concrete, added, todo);
  if (!edits) return undefined;
  return {
    title: d.fix.title,
    // A mapped fix changes what runs exactly as the rendered one would: it keeps the rule's kind (safe or unsafe).
    safety: d.fix.safety,
    changes: d.fix.changes,
    edits: edits.map((e) => ({
      range: { start: target.lines.positionAt(e.start), end: target.lines.positionAt(e.end) },
      newText: e.text,
    })),
  };
}

/** Semantic steps as indices of a source document; named items must exist there, missing keys are kept as keys. */
function concretePath(src: YamlSource, docIndex: number, steps: readonly Step[]): YamlPath | undefined {
  const out: YamlPath = [];
  for (const step of steps) {
    if (typeof step === 'object') {
      const list = src.valueAt(docIndex, out);
      if (!Array.isArray(list)) return undefined;
      const i = list.findIndex((x) => x && typeof x === 'object' && (x as { name?: unknown }).name === step.name);
      if (i < 0) return undefined;
      out.push(i);
    } else if (typeof step === 'number') {
      const list = src.valueAt(docIndex, out);
      if (!Array.isArray(list) || step >= list.length) return undefined;
      out.push(step);
    } else out.push(step);
  }
  return out;
}

function startsWith(path: YamlPath, prefix: YamlPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

function valueBelow(v: unknown, path: readonly string[]): unknown {
  for (const k of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/**
 * A `null` in a strategic-merge patch (it deletes the field from the base) at or below `steps`, whose key the
 * finding names: where that key is written in the patch.
 */
function deletingNull(
  d: LintDiagnostic,
  patch: YamlSource,
  docIndex: number,
  steps: readonly Step[],
): { line: number; character: number } | undefined {
  if (steps.length < 2) return undefined;
  const value = valueAtSteps(patch, docIndex, steps);
  const found: string[][] = [];
  const walk = (v: unknown, at: string[]): void => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || at.length > 3) return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === null && d.message.includes(k)) found.push([...at, k]);
      else walk(x, [...at, k]);
    }
  };
  walk(value, []);
  if (found.length === 0) return undefined;
  const loc = locateSteps(patch, docIndex, [...steps, ...found[0]]);
  return loc && loc.depth === steps.length + found[0].length ? loc : undefined;
}

/** Paths of the built object that the overlay changed from what the base resource writes (names, namespace aside). */
function overlayChanges(
  origin: Origin,
  rendered: YamlSource,
  docIndex: number,
): { paths: Step[][]; values: Set<string> } {
  const baseValue = origin.source.docs[origin.docIndex]?.value;
  const builtValue = rendered.docs[docIndex]?.value;
  const paths: Step[][] = [];
  const values = new Set<string>();
  for (const p of changedPaths(baseValue, builtValue, [])) {
    // what the overlay put there, as text a fix could copy (a prefixed name, a namespace, a label, an image)
    collectStrings(rendered.valueAt(docIndex, p), values);
    const identity = p.length === 2 && p[0] === 'metadata' && (p[1] === 'name' || p[1] === 'namespace');
    if (!identity) paths.push(semantic(rendered, docIndex, p));
  }
  return { paths, values };
}

function collectStrings(v: unknown, out: Set<string>): void {
  if (typeof v === 'string') out.add(v);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) collectStrings(x, out);
}

/** Whether the overlay changed the finding's field (or something that holds it): the finding is the overlay's. */
function overlayShapes(
  origin: Origin,
  rendered: YamlSource,
  docIndex: number,
  steps: Step[],
  d: LintDiagnostic,
): boolean {
  if (!d.fix) return false;
  return overlayChanges(origin, rendered, docIndex).paths.some((p) => prefixOf(p, steps));
}

/** Whether a fix writes a leaf where the overlay changed the object, or copies a value the overlay put in. */
function bakesOverlayValues(
  origin: Origin,
  rendered: YamlSource,
  docIndex: number,
  root: readonly Step[],
  added: ReadonlyArray<{ path: string[]; value: unknown }>,
): boolean {
  const changes = overlayChanges(origin, rendered, docIndex);
  const leaves = added.map((a) => [...root, ...a.path]);
  if (changes.paths.some((p) => leaves.some((l) => prefixOf(p, l) || prefixOf(l, p)))) return true;
  const written = new Set<string>();
  for (const a of added) collectStrings(a.value, written);
  return [...written].some((w) => changes.values.has(w));
}

function prefixOf(prefix: readonly Step[], path: readonly Step[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => sameStep(s, path[i]));
}

function sameStep(a: Step, b: Step): boolean {
  if (typeof a === 'object' || typeof b === 'object')
    return typeof a === 'object' && typeof b === 'object' && a.name === b.name;
  return a === b;
}
