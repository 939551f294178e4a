import { defineRule } from '../../engine/rule';
import { labelsObject, replicasOf, SCALABLE_KINDS } from '../../model/relations';
import type { YamlValue } from '../../yaml/render';
import { identityLabelsOf, objectAnchor, writtenReplicas } from '../../rulekit/scaling/util';
import { selfOf } from '../../rulekit/lookups';

/** Spread over zones and over nodes, preferred rather than required: pods still schedule when a zone is full. */
function constraints(matchLabels: Record<string, string>): YamlValue[] {
  return ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels },
  }));
}

export default defineRule({
  meta: {
    id: 'topology-spread-missing',
    category: 'scaling',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: SCALABLE_KINDS,
    aliases: {
      kubeLinter: ['no-anti-affinity'],
      polaris: ['topologySpreadConstraint'],
      kubeScore: ['pod-topology-spread-constraints'],
    },
    docs: {
      description:
        'A workload that runs 2 or more replicas (or that a HorizontalPodAutoscaler scales) with neither `topologySpreadConstraints` nor `podAntiAffinity`: the scheduler may put every replica on one node or in one zone, which then takes them all down together.',
      remediation:
        "Add `topologySpreadConstraints` over `topology.kubernetes.io/zone` and `kubernetes.io/hostname` (`maxSkew: 1`, `whenUnsatisfiable: ScheduleAnyway`), selecting the workload's pods.",
    },
    messages: {
      noSpreadOrAntiAffinity:
        'This {{objectKind}} has neither topologySpreadConstraints nor podAntiAffinity (it runs {{replicas}} replicas): the scheduler may place every replica on one node or in one zone.',
      noSpreadOrAntiAffinityScaled:
        'This {{objectKind}} has neither topologySpreadConstraints nor podAntiAffinity (HorizontalPodAutoscaler "{{hpa}}" scales it up to {{replicas}} replicas): the scheduler may place every replica on one node or in one zone.',
    },
  },
  check(ctx) {
    const podSpec = ctx.podSpec();
    if (!podSpec) return;
    const tsc = ctx.nav.getSeq(podSpec, 'topologySpreadConstraints');
    if (tsc && tsc.items.length > 0) return;
    if (ctx.nav.getMap(ctx.nav.getMap(podSpec, 'affinity'), 'podAntiAffinity')) return;
    const self = selfOf(ctx);
    let hpa: string | undefined;
    let replicas: number;
    if (self) {
      const r = replicasOf(ctx.index, self, () => writtenReplicas(ctx));
      if (!r || (!r.hpa && r.max < 2)) return;
      hpa = r.hpa?.name;
      replicas = r.max;
    } else {
      replicas = Number(ctx.nav.getStr(ctx.nav.getMap(ctx.object.node, 'spec'), 'replicas') ?? '1');
      if (!(replicas >= 2)) return;
    }
    const labels = identityLabelsOf(ctx);
    const objectKind = ctx.object.kind;
    ctx.report({
      node: objectAnchor(ctx),
      ...(hpa !== undefined
        ? { messageId: 'noSpreadOrAntiAffinityScaled', data: { objectKind, hpa, replicas } }
        : { messageId: 'noSpreadOrAntiAffinity', data: { objectKind, replicas } }),
      fix:
        labels.size === 0
          ? undefined
          : {
              title: 'Spread pods over zones and nodes (topologySpreadConstraints)',
              edit: (e) => e.ensurePath(podSpec, ['topologySpreadConstraints'], constraints(labelsObject(labels))),
            },
    });
  },
});
