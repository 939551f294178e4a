/** Helpers shared by the scaling and availability rules (not a rule: it has no default export). */
import type { Node, Pair, YAMLMap } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import { podMetadataOf, stringMap } from '../../model/object';

/** Where to put a diagnostic about the object as a whole: its name, else its kind, else the object. */
export function objectAnchor(ctx: RuleContext): Node | Pair {
  const nameNode = ctx.nav.get(ctx.object.metadata, 'name');
  if (nameNode?.range) return nameNode;
  return ctx.nav.pair(ctx.object.node, 'kind') ?? ctx.object.node;
}

export function specOf(ctx: RuleContext): YAMLMap | undefined {
  return ctx.nav.getMap(ctx.object.node, 'spec');
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
  return ctx.nav.plainRecord(ctx.object.node);
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
