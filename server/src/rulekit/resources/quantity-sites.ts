/**
 * Every place in an object where a Kubernetes quantity is written, as far as Kubewise knows the API (for the
 * quantity rules), and which resources are bytes, cores or extended resources.
 */
import type { DocNav, Node, Pair } from '../../yaml/nodes';
import { isNullScalar } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import type { ContainerRef } from '../../model/object';
import { containerLabel } from '../../model/object';
import { isAnchored } from '../../yaml/edit';
import { resourceContainers } from './containers';

/** Resources measured in bytes (as opposed to cores or counts). */
export function isByteResource(name: string): boolean {
  const base = name.replace(/^(?:requests|limits)\./, '');
  return (
    base === 'memory' ||
    base === 'storage' ||
    base === 'ephemeral-storage' ||
    base === 'sizeLimit' ||
    base.startsWith('hugepages-') ||
    base.endsWith('/requests.storage') // per-StorageClass quota: `<class>.storageclass.storage.k8s.io/requests.storage`
  );
}

export function isCpuResource(name: string): boolean {
  return name === 'cpu' || name === 'requests.cpu' || name === 'limits.cpu';
}

/**
 * Extended resources (`nvidia.com/gpu`): a domain-prefixed name outside `kubernetes.io`. The API server accepts
 * only whole numbers for them.
 */
export function isExtendedResource(name: string): boolean {
  if (!name.includes('/')) return false;
  const domain = name.split('/')[0];
  return !(domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io')) && !name.startsWith('requests.');
}

/** One place where a quantity is written. */
export interface QuantitySite {
  /** The pair that holds the quantity (its key names the resource). */
  readonly pair: Pair;
  /** The value node as written (possibly an alias). */
  readonly node: Node;
  /** The resource name (`cpu`, `memory`, `requests.cpu`, `storage`, `sizeLimit`, …). */
  readonly resource: string;
  /** Where, for messages: `Container "web" requests.cpu`. */
  readonly label: string;
  /** Whether a fix may rewrite the value: every step from the object is written in place, no alias, no merge. */
  readonly writable: boolean;
  /** What kind of place, which decides what counts as suspicious. */
  readonly context: 'container' | 'pod' | 'limitRange' | 'quota' | 'storage' | 'metric' | 'vpa';
  /** Who holds it, for messages: `Container "web"`, `Pod`, `LimitRange Container`, `ResourceQuota`. */
  readonly owner: string;
  /** The map that lists it: `requests`, `limits`, `hard`, `max`, `emptyDir`, `target`, … */
  readonly section: string;
  /** For container sites. */
  readonly container?: ContainerRef;
}

interface Step {
  node: Node | undefined;
  own: boolean;
}

/** Follows `keys` below a map, tracking whether the way is written in place (no merge key, no alias). */
function walk(nav: DocNav, from: Step, keys: readonly string[]): Step {
  let cur = from;
  for (const key of keys) {
    const map = nav.map(cur.node);
    if (!map) return { node: undefined, own: false };
    const pair = nav.pair(map, key);
    if (!pair) return { node: undefined, own: false };
    const own = cur.own && map === cur.node && map.items.includes(pair);
    cur = { node: pair.value as Node | undefined, own };
  }
  return cur;
}

/** The quantity entries of a `ResourceList`-shaped map (`{cpu: 1, memory: 1Gi}`); labels are `prefix + name`. */
function listSites(
  nav: DocNav,
  at: Step,
  owner: string,
  section: string,
  context: QuantitySite['context'],
  out: QuantitySite[],
  container?: ContainerRef,
): void {
  const map = nav.map(at.node);
  if (!map) return;
  const mapOwn = at.own && map === at.node;
  for (const [resource, pair] of nav.entries(map)) {
    const node = pair.value as Node | null;
    if (!node || isNullScalar(nav.deref(node))) continue;
    const writable = mapOwn && map.items.includes(pair) && nav.deref(node) === node && !isAnchored(node);
    out.push({
      pair,
      node,
      resource,
      label: `${owner} ${section}.${resource}`,
      owner,
      section,
      writable,
      context,
      container,
    });
  }
}

/** One quantity value (`sizeLimit`, `target.averageValue`). */
function valueSite(
  nav: DocNav,
  parent: Step,
  key: string,
  owner: string,
  section: string,
  context: QuantitySite['context'],
  out: QuantitySite[],
): void {
  const map = nav.map(parent.node);
  if (!map) return;
  const pair = nav.pair(map, key);
  const node = pair?.value as Node | null | undefined;
  if (!pair || !node || isNullScalar(nav.deref(node))) return;
  const writable =
    parent.own && map === parent.node && map.items.includes(pair) && nav.deref(node) === node && !isAnchored(node);
  out.push({
    pair,
    node,
    resource: key,
    label: `${owner} ${section ? section + '.' : ''}${key}`,
    owner,
    section,
    writable,
    context,
  });
}

function seqItems(nav: DocNav, at: Step): Step[] {
  const seq = nav.seq(at.node);
  if (!seq) return [];
  const own = at.own && seq === at.node;
  return seq.items.map((item) => ({ node: item as Node, own: own && nav.deref(item) === item }));
}

const QUANTITY_SITES = Symbol('quantitySites');

/** Every place in the object where a quantity is written, as far as Kubewise knows the API. */
export function quantitySites(ctx: RuleContext): readonly QuantitySite[] {
  return ctx.perObject(QUANTITY_SITES, () => sitesOf(ctx));
}

function sitesOf(ctx: RuleContext): QuantitySite[] {
  const { nav, object } = ctx;
  const out: QuantitySite[] = [];
  const root: Step = { node: object.node, own: true };
  const kind = object.kind;
  if (object.workload) {
    const podSpecStep = walk(nav, root, object.workload.podSpecPath);
    for (const c of resourceContainers(ctx)) {
      // the container map itself: own when written in place in the pod spec's sequence
      const own = podSpecStep.own && isOwnContainer(nav, podSpecStep.node, c);
      const res = walk(nav, { node: c.node, own }, ['resources']);
      for (const section of ['requests', 'limits'] as const) {
        listSites(nav, walk(nav, res, [section]), containerLabel(c), section, 'container', out, c);
      }
    }
    const podRes = walk(nav, podSpecStep, ['resources']);
    for (const section of ['requests', 'limits'] as const)
      listSites(nav, walk(nav, podRes, [section]), 'Pod', section, 'pod', out);
    listSites(nav, walk(nav, podSpecStep, ['overhead']), 'Pod', 'overhead', 'pod', out);
    for (const vol of seqItems(nav, walk(nav, podSpecStep, ['volumes']))) {
      const name = nav.getStr(nav.map(vol.node), 'name');
      const label = `Volume "${name ?? '?'}"`;
      valueSite(nav, walk(nav, vol, ['emptyDir']), 'sizeLimit', label, 'emptyDir', 'storage', out);
      const claim = walk(nav, vol, ['ephemeral', 'volumeClaimTemplate', 'spec', 'resources']);
      for (const section of ['requests', 'limits'] as const)
        listSites(nav, walk(nav, claim, [section]), label, section, 'storage', out);
    }
    if (kind === 'StatefulSet') {
      for (const vct of seqItems(nav, walk(nav, root, ['spec', 'volumeClaimTemplates']))) {
        const name = nav.getStr(nav.getMap(nav.map(vct.node), 'metadata'), 'name');
        const res = walk(nav, vct, ['spec', 'resources']);
        for (const section of ['requests', 'limits'] as const) {
          listSites(nav, walk(nav, res, [section]), `volumeClaimTemplate "${name ?? '?'}"`, section, 'storage', out);
        }
      }
    }
  }
  switch (kind) {
    case 'LimitRange':
      for (const item of seqItems(nav, walk(nav, root, ['spec', 'limits']))) {
        const type = nav.getStr(nav.map(item.node), 'type') ?? '?';
        for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
          listSites(nav, walk(nav, item, [key]), `LimitRange ${type}`, key, 'limitRange', out);
        }
      }
      break;
    case 'ResourceQuota':
      listSites(nav, walk(nav, root, ['spec', 'hard']), 'ResourceQuota', 'hard', 'quota', out);
      break;
    case 'PersistentVolumeClaim': {
      const res = walk(nav, root, ['spec', 'resources']);
      for (const section of ['requests', 'limits'] as const)
        listSites(nav, walk(nav, res, [section]), 'PersistentVolumeClaim', section, 'storage', out);
      break;
    }
    case 'PersistentVolume':
      listSites(nav, walk(nav, root, ['spec', 'capacity']), 'PersistentVolume', 'capacity', 'storage', out);
      break;
    case 'HorizontalPodAutoscaler':
      for (const metric of seqItems(nav, walk(nav, root, ['spec', 'metrics']))) {
        for (const source of ['resource', 'containerResource', 'pods', 'object', 'external']) {
          const src = walk(nav, metric, [source]);
          if (!src.node) continue;
          const target = walk(nav, src, ['target']);
          const owner = `HorizontalPodAutoscaler ${source} metric`;
          valueSite(nav, target, 'value', owner, 'target', 'metric', out);
          valueSite(nav, target, 'averageValue', owner, 'target', 'metric', out);
          // autoscaling/v2beta1
          valueSite(nav, src, 'targetAverageValue', owner, '', 'metric', out);
          valueSite(nav, src, 'targetValue', owner, '', 'metric', out);
        }
      }
      break;
    case 'VerticalPodAutoscaler':
      for (const policy of seqItems(nav, walk(nav, root, ['spec', 'resourcePolicy', 'containerPolicies']))) {
        const name = nav.getStr(nav.map(policy.node), 'containerName') ?? '*';
        listSites(
          nav,
          walk(nav, policy, ['minAllowed']),
          `VerticalPodAutoscaler policy "${name}"`,
          'minAllowed',
          'vpa',
          out,
        );
        listSites(
          nav,
          walk(nav, policy, ['maxAllowed']),
          `VerticalPodAutoscaler policy "${name}"`,
          'maxAllowed',
          'vpa',
          out,
        );
      }
      break;
  }
  return out;
}

/** Whether the container map is written in place in its pod spec (not an alias to another container). */
function isOwnContainer(nav: DocNav, podSpec: Node | undefined, c: ContainerRef): boolean {
  const spec = nav.map(podSpec);
  if (!spec) return false;
  const key =
    c.kind === 'initContainer'
      ? 'initContainers'
      : c.kind === 'ephemeralContainer'
        ? 'ephemeralContainers'
        : 'containers';
  const pair = nav.pair(spec, key);
  if (!pair || !spec.items.includes(pair)) return false;
  const seq = pair.value;
  return nav.seq(seq) === seq && nav.seq(seq)!.items[c.index] === c.node;
}
