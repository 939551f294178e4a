/**
 * Workspace lookups of the cross-resource rules, in one place: the "not found" search (how sure a missing
 * reference is, which files were searched, which names were probably meant), and the relations the storage,
 * networking and scaling rules read on top of `model/relations.ts` (the pods a Service's map selector picks, the
 * ports those pods declare, how many pods a workload may run at once).
 */
import type { RuleContext } from '../engine/rule';
import {
  asArray,
  asInt,
  asRecord,
  asText,
  describeObject,
  hpaMaxReplicas,
  hpasTargeting,
  identityLabels,
  POD_OWNER_KINDS,
  podLabelsOf,
  podOwnersIn,
  podOwnersWithLabels,
  podSpecData,
  workloadsSelectedBy,
} from '../model/relations';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { distinct, editDistance } from '../model/text';
import type { Severity } from '../engine/types';

export { asArray, asRecord, asText, identityLabels, podLabelsOf, podOwnersIn, POD_OWNER_KINDS, workloadsSelectedBy };
export const describe = describeObject;

/**
 * `Deployment "web" in app/web.yaml`: an object and its file (none when it is the referrer's own), the path relative to the folder of `from` (the
 * referrer's file) when below it, else below the folder both share, so objects with one name in two files are told
 * apart.
 */
export function describeIn(o: IndexedObject, from: string): string {
  if (o.uri === from) return describeObject(o);
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  let common = dir;
  while (common && !o.uri.startsWith(common)) common = common.replace(/[^/]*\/$/, '');
  return `${describeObject(o)} in ${o.uri.slice(common.length)}`;
}

/** Pod owners of the namespace whose pod labels an equality map selector (a Service's) matches. */
export function podOwnersSelectedByMap(
  index: WorkspaceIndexView,
  namespace: string | undefined,
  selector: ReadonlyMap<string, string>,
): IndexedObject[] {
  return podOwnersWithLabels(index, namespace, selector, false);
}

/** Whether some pod owner of the namespace has pods an equality map selector (a Service's) picks. */
export function somePodOwnerSelectedByMap(
  index: WorkspaceIndexView,
  namespace: string | undefined,
  selector: ReadonlyMap<string, string>,
): boolean {
  return podOwnersWithLabels(index, namespace, selector, true).length > 0;
}

export interface PortData {
  readonly name: string | undefined;
  readonly number: number | undefined;
  /** Upper-cased, `TCP` when not written (the API default). */
  readonly protocol: string;
}

/** The ports the regular containers of a workload declare (init containers serve no traffic). */
export function containerPortsData(o: IndexedObject): PortData[] {
  const out: PortData[] = [];
  for (const c of asArray(podSpecData(o)?.containers)) {
    for (const p of asArray(asRecord(c)?.ports)) {
      const port = asRecord(p);
      if (!port) continue;
      out.push({
        name: asText(port.name),
        number: asInt(port.containerPort),
        protocol: (asText(port.protocol) ?? 'TCP').toUpperCase(),
      });
    }
  }
  return out;
}

/**
 * The most pods a workload may run at once: the largest `maxReplicas` of an HPA that scales it, else its
 * `spec.replicas` (1 when unset). A DaemonSet runs one pod per node: Infinity.
 */
export function maxReplicas(
  index: WorkspaceIndexView,
  o: { kind: string; name: string | undefined; namespace: string | undefined },
  specReplicas: string | undefined,
): { count: number; hpa?: string } {
  if (o.kind === 'DaemonSet') return { count: Infinity };
  let best: { count: number; hpa?: string } | undefined;
  for (const h of hpasTargeting(index, o)) {
    const max = hpaMaxReplicas(h.value);
    if (max !== undefined && (!best || max > best.count)) best = { count: max, hpa: h.name };
  }
  if (best) return best;
  return { count: asInt(specReplicas) ?? 1 };
}

/** The folder part of a URI or path (`file:///w/app/a.yaml` → `file:///w/app/`). */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * Whether the workspace plausibly holds every object of these kinds for the namespace, so that a reference to one
 * it lacks is most likely a mistake (a warning) rather than an object managed elsewhere, by another repository,
 * chart or operator (information). That is the case when the folder of the referring object's file defines, in
 * that namespace, another object of those kinds: the author keeps them together.
 */
export function heldNearby(ctx: RuleContext, kinds: readonly string[]): boolean {
  const self = selfOf(ctx);
  const ns = namespaceOf(ctx);
  const folder = self ? folderOf(self.uri) : undefined;
  return kinds.some((k) =>
    ctx.index
      .objects(k)
      .some((o) => o !== self && o.namespace === ns && (folder === undefined || folderOf(o.uri) === folder)),
  );
}

/** The index entry of the object being checked (the entry that wraps this very parse), if the index has it. */
export function selfOf(ctx: RuleContext): IndexedObject | undefined {
  return ctx.self;
}

/**
 * The namespace the object lands in as the index sees it: that also applies a kustomization's `namespace:` to
 * the files it lists, which `ctx.namespace` (the object's own, else the default) does not know about.
 */
export function namespaceOf(ctx: RuleContext): string {
  return ctx.namespace;
}

// ---------------------------------------------------------------------------------------------------------------
// "Not found": how sure, where searched, what was meant.

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

/** How sure a "not found" is: a warning when the referrer's folder holds objects of those kinds, else information. */
export function notFoundSeverity(
  index: WorkspaceIndexView,
  referrer: IndexedObject | undefined,
  kinds: readonly string[],
): Severity {
  return plausiblyComplete(index, referrer, kinds) ? 'warning' : 'info';
}

/** The candidate nearest to `name` by edit distance, when it is close enough to be a typo (≤ 2 edits, or ≤ 1/3). */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
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

/** "searched 3 files: a.yaml, b.yaml, c.yaml" (at most three names, then "…"; env-ref-not-found's wording). */
export function searchedFileNames(ctx: RuleContext): string {
  const files = ctx.index.files();
  const names = files.slice(0, 3).map((f) => f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf(':')) + 1));
  return `searched ${files.length} file${files.length === 1 ? '' : 's'}${names.length ? `: ${names.join(', ')}${files.length > 3 ? ', …' : ''}` : ''}`;
}

/** "a.yaml, b.yaml and 3 more" for messages that say where the linter looked. */
export function fileList(files: readonly string[], max = 3): string {
  const names = distinct(files.map((f) => f.replace(/^.*[\\/:]/, '')));
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Name similarity for "did you mean" suggestions (volume names, Service and workload names). */
/**
 * Candidates that plausibly meant `name`, best first: a small edit distance (a third of the length, at least 1,
 * at most 3), or one name contained in the other on a word boundary (`web` and `web-svc`).
 */
export function similarNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: Array<[string, number]> = [];
  const budget = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase(), budget);
    if (d <= budget) scored.push([c, d]);
    else if (containsWord(name, c) || containsWord(c, name)) scored.push([c, budget + 1]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, limit).map(([c]) => c);
}

function containsWord(outer: string, inner: string): boolean {
  if (inner.length < 2) return false;
  const i = outer.indexOf(inner);
  if (i === -1) return false;
  const before = i === 0 || /[-_.]/.test(outer[i - 1]);
  const after = i + inner.length === outer.length || /[-_.]/.test(outer[i + inner.length]);
  return before && after;
}

/** Whether a LabelSelector (plain data) selects everything: absent, `{}`, or with no requirement at all. */
export function selectsAll(raw: unknown): boolean {
  const r = asRecord(raw);
  if (raw === undefined || raw === null) return true;
  if (!r) return false;
  const labels = asRecord(r.matchLabels);
  const exprs = Array.isArray(r.matchExpressions) ? r.matchExpressions : [];
  return (!labels || Object.keys(labels).length === 0) && exprs.length === 0;
}

/** `a/b/` → `a/`; `a/` → `` (a loop: `/[^\\/]*[\\/]$/` backtracks quadratically on long names). */
function parentDir(dir: string): string {
  const t = dir.slice(0, -1);
  return t.slice(0, Math.max(t.lastIndexOf('/'), t.lastIndexOf('\\')) + 1);
}
