/** Helpers shared by the scaling and availability rules (not a rule: it has no default export). */
import { Node, Pair, YAMLMap } from '../../yaml/nodes';
import { RuleContext } from '../../engine/rule';
import { Severity } from '../../engine/types';
import { podMetadataOf, stringMap } from '../../model/object';
import { plausiblyComplete } from '../../model/relations';
import { IndexedObject, WorkspaceIndexView } from '../../model/workspace';

/** The index entry of the object being checked (its namespace there includes a kustomization's `namespace:`). */
export function selfOf(ctx: RuleContext): IndexedObject | undefined {
  return ctx.self;
}

/** The namespace the object lands in, as the index sees it. */
export function namespaceOf(ctx: RuleContext): string {
  return ctx.namespace;
}

/** Where to put a diagnostic about the object as a whole: its name, else its kind, else the object. */
export function objectAnchor(ctx: RuleContext): Node | Pair {
  const nameNode = ctx.nav.get(ctx.object.metadata, 'name');
  if (nameNode?.range) return nameNode;
  return ctx.nav.pair(ctx.object.node, 'kind') ?? ctx.object.node;
}

export function specOf(ctx: RuleContext): YAMLMap | undefined {
  return ctx.nav.getMap(ctx.object.node, 'spec');
}

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

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** `app: web, tier: api` for messages. */
export function labelText(labels: ReadonlyMap<string, string> | Record<string, string>): string {
  const entries = labels instanceof Map ? [...labels] : Object.entries(labels);
  return entries.map(([k, v]) => `${k}: ${v}`).join(', ');
}

/** "1 replica" / "3 replicas". */
export function replicasText(n: number): string {
  return `${n} replica${n === 1 ? '' : 's'}`;
}

/** The object being checked as plain data (aliases and merge keys resolved); `{}` when it cannot be built. */
export function plainObject(ctx: RuleContext): Record<string, unknown> {
  try {
    const v = ctx.object.node.toJS(ctx.object.doc, { maxAliasCount: 100 }) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `spec.replicas` of the object being checked, read from its YAML (undefined when unset or not a whole number). */
export function writtenReplicas(ctx: RuleContext): number | undefined {
  const t = ctx.nav.getStr(ctx.nav.getMap(ctx.object.node, 'spec'), 'replicas');
  return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
}

/**
 * The labels that identify the checked workload's pods, for selectors written on its behalf (a PDB, a headless
 * Service, spread constraints): its `spec.selector.matchLabels` when every pair is on the template (stable identity
 * labels, no `version`), else all pod template labels. Read from the YAML, like `identityLabels` from the index.
 */
export function identityLabelsOf(ctx: RuleContext): Map<string, string> {
  const nav = ctx.nav;
  const labels = stringMap(nav, nav.getMap(podMetadataOf(ctx.object), 'labels'));
  const selector = nav.getMap(nav.getMap(ctx.object.node, 'spec'), 'selector');
  const ml = stringMap(
    nav,
    ctx.object.kind === 'ReplicationController' || ctx.object.kind === 'DeploymentConfig'
      ? selector
      : nav.getMap(selector, 'matchLabels'),
  );
  if (ml.size > 0 && [...ml].every(([k, v]) => labels.get(k) === v)) return ml;
  return labels;
}
