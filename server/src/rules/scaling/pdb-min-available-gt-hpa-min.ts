import type { Node } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { hpaMinReplicas, intOrPercent, PDB_KIND } from '../../model/relations';
import { pdbGuard, toMaxUnavailableOne } from '../../rulekit/scaling/pdb-util';
import type { YamlEditor } from '../../yaml/edit';
import { distinct } from '../../model/text';

export default defineRule({
  meta: {
    id: 'pdb-min-available-gt-hpa-min',
    category: 'scaling',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: [PDB_KIND],
    aliases: { polaris: ['pdbMinAvailableGreaterThanHPAMinReplicas'] },
    docs: {
      description:
        'A PodDisruptionBudget whose `minAvailable` is greater than the `minReplicas` of the HorizontalPodAutoscaler that scales the selected workload: whenever the HPA scales down to its minimum, the budget can never be met, so no pod can be evicted and node drains hang.',
      remediation: "Lower `minAvailable` below the HPA's `minReplicas`, or use `maxUnavailable: 1`.",
    },
    messages: {
      minAvailableAboveHpaMin:
        'minAvailable: {{value}} is more than the {{floor}} pods left when HorizontalPodAutoscaler {{hpaText}} scales down: then no pod can be evicted and node drains hang.',
      minAvailableAboveSinglePod:
        'minAvailable: {{value}} is more than the single pod left when HorizontalPodAutoscaler {{hpaText}} scales down: then no pod can be evicted and node drains hang.',
    },
  },
  check(ctx) {
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const pair = ctx.nav.pair(spec, 'minAvailable');
    if (!spec || !pair || ctx.nav.pair(spec, 'maxUnavailable')) return;
    const v = intOrPercent(ctx.nav.str(pair.value));
    if (!v || v.kind !== 'int') return; // a percentage scales with the replicas: it can never exceed them
    const guard = pdbGuard(ctx);
    if (!guard || guard.hpas.length === 0 || guard.minPods === undefined || v.value <= guard.minPods) return;
    const hpaText = distinct(
      guard.hpas.map(({ hpa }) => `"${hpa.name}" (minReplicas ${hpaMinReplicas(hpa.value)})`),
    ).join(', ');
    const floor = guard.minPods;
    const lower = floor >= 2 ? floor - 1 : undefined;
    const toMax = {
      title: 'Use maxUnavailable: 1',
      edit: (e: YamlEditor) => toMaxUnavailableOne(e, spec, pair),
    };
    ctx.report({
      node: pair,
      ...(floor === 1
        ? { messageId: 'minAvailableAboveSinglePod', data: { value: v.value, hpaText } }
        : { messageId: 'minAvailableAboveHpaMin', data: { value: v.value, floor, hpaText } }),
      fix:
        lower === undefined
          ? toMax
          : {
              title: `Lower minAvailable to ${lower}`,
              edit: (e) => (spec.items.includes(pair) ? e.setValue(pair.value as Node, lower) : undefined),
            },
      suggest: lower === undefined ? undefined : [toMax],
    });
  },
});
