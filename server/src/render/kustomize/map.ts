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
    if (hit.docIndex === undefined || identifying(path)) continue;
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

  if (path.length === 2 && path[0] === 'metadata' && path[1] === 'namespace' && origin.namespaces.length) {
    const k = origin.namespaces[origin.namespaces.length - 1];
    const loc = k.source.locate(0, ['namespace']);
    if (loc) return place(d, k.file, loc.line, loc.character);
  }

  const loc = locateSteps(origin.source, origin.docIndex, steps);
  if (loc)
    return place(
      d,
      origin.file,
      loc.line,
      loc.character,
      '',
      overlayFix(d, rendered, docIndex, origin.source, origin.docIndex),
    );
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
  // Keys are set below a map: step up from a list item, a list or a scalar to the map that holds it.
  const isMap = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
  while (root.length && (typeof root[root.length - 1] === 'number' || !isMap(after.valueAt(docIndex, root))))
    root = root.slice(0, -1);
  if (root.length === 0) return undefined;
  const added = addedLeaves(rendered.valueAt(docIndex, root), after.valueAt(docIndex, root));
  if (added.length === 0 || added.some((a) => a.path.length === 0)) return undefined;
  const concrete = concretePath(target, targetDoc, semantic(rendered, docIndex, root));
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
