/**
 * Shared helpers of the resource rules: where a container's requests and limits are, where to report, and the
 * values their fixes write. Every place a quantity is written (for the quantity rules) is in ./quantity-sites.ts.
 */
import type { YAMLMap } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import type { ContainerRef } from '../../model/object';
import type { Quantity } from '../../protocol/quantity';
import { parseQuantity } from '../../protocol/quantity';
import { Commented, Raw } from '../../yaml/render';
import type { Anchor } from '../anchors';
import { containerAnchor } from '../anchors';

export type Section = 'requests' | 'limits';

/** Containers whose resources matter: ephemeral containers may not set resources at all. */
export function resourceContainers(ctx: RuleContext): ContainerRef[] {
  return ctx.containers().filter((c) => c.kind !== 'ephemeralContainer');
}

/**
 * Where a container-level finding of the resource rules goes: the container's own `resources.<prefer>` pair, else
 * its own `resources` pair, else what `containerAnchor` falls back to (`name`, first key, the container).
 */
export function resourcesAnchor(ctx: RuleContext, c: ContainerRef, prefer: Section = 'requests'): Anchor {
  return containerAnchor(ctx, c, { path: ['resources', prefer] }, { path: ['resources'] });
}

function resourceMap(ctx: RuleContext, c: ContainerRef, section: Section): YAMLMap | undefined {
  return ctx.nav.getMap(ctx.nav.getMap(c.node, 'resources'), section);
}

/** The written value (any text, even invalid) of requests/limits[resource], or undefined when absent or null. */
export function resourceValue(
  ctx: RuleContext,
  c: ContainerRef,
  section: Section,
  resource: string,
): string | undefined {
  return ctx.nav.getStr(resourceMap(ctx, c, section), resource);
}

/** The value of requests/limits[resource] as a quantity, or undefined when absent, null or invalid. */
export function resourceQuantity(
  ctx: RuleContext,
  c: ContainerRef,
  section: Section,
  resource: string,
): Quantity | undefined {
  return ctx.quantity(ctx.nav.get(resourceMap(ctx, c, section), resource));
}

/**
 * Whether the pod-level `spec.resources` (Kubernetes 1.32+, PodLevelResources) sets `section.resource`: then the
 * containers share that budget and need not set their own.
 */
export function podLevelSets(ctx: RuleContext, section: Section, resource: string): boolean {
  const podResources = ctx.nav.getMap(ctx.podSpec(), 'resources');
  return ctx.nav.getStr(ctx.nav.getMap(podResources, section), resource) !== undefined;
}

/** The containers that do not set `resources.<section>.<resource>` (none when the pod level sets it for all). */
export function containersWithout(ctx: RuleContext, section: Section, resource: string): ContainerRef[] {
  if (podLevelSets(ctx, section, resource)) return [];
  return resourceContainers(ctx).filter((c) => resourceValue(ctx, c, section, resource) === undefined);
}

/** Default values written by the "insert" fixes, with a TODO beside them: only the author can know the real ones. */
export const DEFAULT_REQUEST: Readonly<Record<string, string>> = {
  cpu: '100m',
  memory: '128Mi',
  'ephemeral-storage': '1Gi',
};
export const DEFAULT_LIMIT: Readonly<Record<string, string>> = {
  cpu: '500m',
  memory: '512Mi',
  'ephemeral-storage': '2Gi',
};
export const TODO_COMMENT = 'TODO: set from measured usage';

export function todo(value: string): Commented {
  return new Commented(new Raw(value), TODO_COMMENT);
}

/**
 * A value copied from another quantity of the manifest: written as the author wrote it when it is a valid
 * quantity (so `1Gi` stays `1Gi`), else undefined.
 */
export function copyable(text: string | undefined): Raw | undefined {
  const q = text === undefined ? undefined : parseQuantity(text);
  return q && q.num >= 0n ? new Raw(q.text) : undefined;
}

/** A quantity that a fix may compare or copy: valid and not negative (negative ones are quantity-invalid's). */
export function usable(q: Quantity | undefined): Quantity | undefined {
  return q && q.num >= 0n ? q : undefined;
}

/** Human words for resource names in messages. */
export function resourceWord(resource: string): string {
  return resource === 'cpu' ? 'CPU' : resource;
}
