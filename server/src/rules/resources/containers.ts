/** Shared helpers of the resource rules: where a container's requests and limits are, and where to report. */
import { Node, Pair, YAMLMap } from 'yaml';
import { RuleContext } from '../../engine/rule';
import { ContainerRef } from '../../model/object';
import { WORKLOADS } from '../../model/kinds';

/** Kinds that carry pod specs, for `meta.kinds`. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(WORKLOADS);

/** Containers whose resources matter: ephemeral containers may not set resources at all. */
export function resourceContainers(ctx: RuleContext): ContainerRef[] {
  return ctx.containers().filter((c) => c.kind !== 'ephemeralContainer');
}

export function containerLabel(c: ContainerRef): string {
  const what = c.kind === 'initContainer' ? 'Init container' : 'Container';
  return c.name ? `${what} "${c.name}"` : `${what} #${c.index + 1}`;
}

/** What a container-level squiggle covers: the `resources` key when written, else the container's `name`. */
export function containerAnchor(ctx: RuleContext, c: ContainerRef): Node | Pair {
  return ctx.nav.pair(c.node, 'resources') ?? ctx.nav.pair(c.node, 'name') ?? c.node;
}

export function resourceMap(ctx: RuleContext, c: ContainerRef, section: 'requests' | 'limits'): YAMLMap | undefined {
  return ctx.nav.getMap(ctx.nav.getMap(c.node, 'resources'), section);
}

/** The written value (any text, even invalid) of requests/limits[resource], or undefined when absent or null. */
export function resourceValue(ctx: RuleContext, c: ContainerRef, section: 'requests' | 'limits', resource: string): string | undefined {
  return ctx.nav.getStr(resourceMap(ctx, c, section), resource);
}

/** Default values written by the "insert" fixes, with a TODO beside them: only the author can know the real ones. */
export const DEFAULT_REQUEST: Readonly<Record<string, string>> = { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '1Gi' };
export const TODO_COMMENT = 'TODO: set from measured usage';
