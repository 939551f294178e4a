import type { YamlEditor } from '../../yaml/edit';
import type { Pair } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { intOrPercent, PDB_KIND, scaledValue } from '../../model/relations';
import { pdbGuard, toMaxUnavailableOne, workloadsText } from '../../rulekit/scaling/pdb-util';

export default defineRule({
  meta: {
    id: 'pdb-blocks-eviction',
    category: 'scaling',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: [PDB_KIND],
    aliases: { kubeLinter: ['pdb-max-unavailable', 'pdb-min-available'], polaris: ['pdbDisruptionsIsZero'] },
    docs: {
      description:
        'A PodDisruptionBudget that allows no voluntary disruption: `maxUnavailable: 0` or `"0%"`, `minAvailable: "100%"`, or a `minAvailable` at least the number of pods the selected workloads run (their `spec.replicas`, or the `minReplicas` of the HPA that scales them). Node drains and cluster upgrades then hang.',
      remediation:
        'Use `maxUnavailable: 1` (it adapts to the replica count), or a `minAvailable` below the replica count.',
    },
    messages: {
      maxUnavailableZero:
        'maxUnavailable: {{value}} lets no pod be unavailable: no pod can be evicted voluntarily, so node drains and cluster upgrades hang until someone deletes the budget.',
      minAvailableAll:
        'minAvailable: {{written}} keeps every pod up: no pod can be evicted voluntarily, so node drains and cluster upgrades hang until someone deletes the budget.',
      minAvailableCoversAllPods:
        'minAvailable: {{written}} is at least the replica count of {{workloads}} ({{minPods}}): no pod can be evicted voluntarily, so node drains and cluster upgrades hang until someone deletes the budget.',
      minAvailableCoversHpaMinimum:
        'minAvailable: {{written}} is at least the replica count of {{workloads}} at their HorizontalPodAutoscaler minimum ({{minPods}}): no pod can be evicted voluntarily, so node drains and cluster upgrades hang until someone deletes the budget.',
    },
  },
  check(ctx) {
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    if (!spec) return;
    const maxPair = ctx.nav.pair(spec, 'maxUnavailable');
    const minPair = ctx.nav.pair(spec, 'minAvailable');
    if (maxPair && minPair) return; // both written: the API server rejects it (a schema error)
    const fix = (pair: Pair) => ({
      title: 'Use maxUnavailable: 1',
      edit: (e: YamlEditor) => toMaxUnavailableOne(e, spec, pair),
    });
    if (maxPair) {
      const value = ctx.nav.str(maxPair.value);
      if (value !== undefined && intOrPercent(value)?.value === 0)
        ctx.report({ node: maxPair, messageId: 'maxUnavailableZero', data: { value }, fix: fix(maxPair) });
      return;
    }
    if (!minPair) return;
    const written = ctx.nav.str(minPair.value);
    const v = intOrPercent(written);
    if (!v || written === undefined) return;
    if (v.kind === 'percent' && v.value >= 100) {
      ctx.report({ node: minPair, messageId: 'minAvailableAll', data: { written }, fix: fix(minPair) });
      return;
    }
    const guard = pdbGuard(ctx);
    if (!guard || guard.minPods === undefined || guard.minPods === 0) return;
    const needed = scaledValue(v, guard.minPods);
    if (needed < guard.minPods) return;
    // Above an HPA's minReplicas, pdb-min-available-gt-hpa-min says it more precisely.
    if (guard.hpas.length > 0 && v.kind === 'int' && v.value > guard.minPods) return;
    ctx.report({
      node: minPair,
      messageId: guard.hpas.length > 0 ? 'minAvailableCoversHpaMinimum' : 'minAvailableCoversAllPods',
      data: {
        // a percentage with the pod count it comes to
        written: v.kind === 'percent' ? `${written} (${needed})` : written,
        minPods: guard.minPods,
        workloads: workloadsText(guard.workloads),
      },
      fix: { title: 'Use maxUnavailable: 1', edit: (e) => toMaxUnavailableOne(e, spec, minPair) },
    });
  },
});
