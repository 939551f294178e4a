import type { Node, Pair } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import { containersOf, objectsOf } from '../../model/object';
import type { HpaMetric } from '../../model/relations';
import {
  asRecord,
  containersData,
  describeObject,
  dig,
  hasEffectiveRequest,
  HPA_KIND,
  hpaMetrics,
  hpaTarget,
  podSpecData,
} from '../../model/relations';
import type { Edit } from '../../yaml/edit';
import { DEFAULT_REQUEST, todo } from '../../rulekit/resources/containers';
import { selfOf } from '../../rulekit/lookups';
import { distinct } from '../../model/text';

const RESOURCES = new Set(['cpu', 'memory']);

/** The node that wrote a metric: its resource `name` (v2), the v1 CPU target, or the HPA's spec. */
function metricNode(ctx: RuleContext, m: HpaMetric): { node: Node | Pair; keyOnly?: boolean } | undefined {
  const spec = ctx.nav.getMap(ctx.object.node, 'spec');
  if (m.implicitV1) {
    const pct = ctx.nav.pair(spec, 'targetCPUUtilizationPercentage');
    if (pct) return { node: pct };
    const specPair = ctx.nav.pair(ctx.object.node, 'spec');
    return specPair && { node: specPair, keyOnly: true };
  }
  const item = ctx.nav.map(ctx.nav.getSeq(spec, 'metrics')?.items[m.index]);
  const source = ctx.nav.getMap(item, m.type === 'Resource' ? 'resource' : 'containerResource');
  const node = ctx.nav.get(source, 'name') ?? item;
  return node && { node };
}

export default defineRule({
  meta: {
    id: 'hpa-metric-without-request',
    category: 'scaling',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: [HPA_KIND],
    docs: {
      description:
        'A HorizontalPodAutoscaler scales on cpu or memory `Utilization` (a `Resource` metric: every container of the target; a `ContainerResource` metric: the named container), but a container of the target workload has no request for that resource. Utilization is usage divided by the request, so the HPA cannot compute it and does not scale (`FailedGetResourceMetric: missing request for cpu`).',
      remediation:
        'Give each container the request (`resources.requests.cpu` / `memory`), or scale on an `AverageValue` target instead of `Utilization`.',
    },
    messages: {
      containerWithoutRequest:
        'This HorizontalPodAutoscaler scales on {{resource}} utilization, but container {{names}} of {{workload}} requests no {{resource}}: utilization is usage divided by the request, so it cannot be computed and the HPA does not scale.',
      containersWithoutRequest:
        'This HorizontalPodAutoscaler scales on {{resource}} utilization, but containers {{names}} of {{workload}} request no {{resource}}: utilization is usage divided by the request, so it cannot be computed and the HPA does not scale.',
    },
  },
  check(ctx) {
    const self = selfOf(ctx);
    if (!self) return;
    const target = hpaTarget(ctx.index, self);
    if (!target) return; // hpa-target-missing reports it
    const containers = containersData(target);
    const podRequests = asRecord(dig(podSpecData(target), 'resources', 'requests')) ?? {};
    const sameFile = target.uri === self.uri;
    for (const m of hpaMetrics(self.value)) {
      if ((m.type !== 'Resource' && m.type !== 'ContainerResource') || m.targetType !== 'Utilization') continue;
      const resource = m.resource;
      if (!resource || !RESOURCES.has(resource)) continue;
      // Pod-level resources (Kubernetes 1.32+) give the pod one request that utilization is computed against.
      if (podRequests[resource] !== undefined && podRequests[resource] !== null && m.type === 'Resource') continue;
      const relevant = m.type === 'Resource' ? containers : containers.filter((c) => c.name === m.container);
      const missing = relevant.filter((c) => !hasEffectiveRequest(c, resource));
      if (missing.length === 0) continue;
      const at = metricNode(ctx, m);
      if (!at) continue;
      const names = distinct(missing.map((c) => `"${c.name ?? `#${c.index + 1}`}"`)).join(', ');
      const where = sameFile ? '' : ` (in ${target.uri.replace(/^.*[\\/]/, '')})`;
      ctx.report({
        ...at,
        messageId: missing.length > 1 ? 'containersWithoutRequest' : 'containerWithoutRequest',
        data: { resource, names, workload: `${describeObject(target)}${where}` },
        fix: {
          title: `Add requests.${resource}: ${DEFAULT_REQUEST[resource]} to ${names} of ${describeObject(target)}`,
          // The edit goes into the workload's document; offered only when it is in this file (see the docs).
          in: target,
          edit: (e) => {
            const obj = objectsOf(e.nav.doc).find((o) => o.kind === target.kind && o.name === target.name);
            if (!obj) return undefined;
            const regular = containersOf(obj).filter((c) => c.kind === 'container');
            const edits: Edit[] = [];
            for (const c of missing) {
              const ref = regular[c.index];
              const edit =
                ref && e.ensurePath(ref.node, ['resources', 'requests', resource], todo(DEFAULT_REQUEST[resource]));
              if (!edit) return undefined;
              edits.push(edit);
            }
            return edits;
          },
        },
      });
    }
  },
});
