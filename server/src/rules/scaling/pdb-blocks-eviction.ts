import type { Pair } from '../../yaml/nodes';
import type { MessageData } from '../../engine/rule';
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
      minavailableLeastPodRun:
        'minAvailable: {{written}} {{detail}}is at least the {{minPods}} pod{{detail2}} that {{workloads}} run{{detail3}}{{detail4}}: no pod can be evicted voluntarily, so node drains and cluster upgrades hang until someone deletes the budget.',
    },
  },
  check(ctx) {
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    if (!spec) return;
    const maxPair = ctx.nav.pair(spec, 'maxUnavailable');
    const minPair = ctx.nav.pair(spec, 'minAvailable');
    if (maxPair && minPair) return; // both written: the API server rejects it (a schema error)
    const report = (pair: Pair, messageId: string, data: MessageData): void =>
      ctx.report({
        node: pair,
        messageId,
        data,
        fix: { title: 'Use maxUnavailable: 1', edit: (e) => toMaxUnavailableOne(e, spec, pair) },
      });
    if (maxPair) {
      const v = intOrPercent(ctx.nav.str(maxPair.value));
      if (v && v.value === 0) report(maxPair, 'maxUnavailableZero', { value: ctx.nav.str(maxPair.value) });
      return;
    }
    if (!minPair) return;
    const written = ctx.nav.str(minPair.value);
    const v = intOrPercent(written);
    if (!v) return;
    if (v.kind === 'percent' && v.value >= 100) {
      report(minPair, 'minAvailableAll', { written });
      return;
    }
    const guard = pdbGuard(ctx);
    if (!guard || guard.minPods === undefined || guard.minPods === 0) return;
    const needed = scaledValue(v, guard.minPods);
    if (needed < guard.minPods) return;
    // Above an HPA's minReplicas, pdb-min-available-gt-hpa-min says it more precisely.
    if (guard.hpas.length > 0 && v.kind === 'int' && v.value > guard.minPods) return;
    const source = guard.hpas.length > 0 ? 'at their HorizontalPodAutoscaler minimum' : '';
    ctx.report({
      node: minPair,
      messageId: 'minavailableLeastPodRun',
      data: {
        written,
        detail: v.kind === 'percent' ? `(${needed} pods) ` : '',
        minPods: guard.minPods,
        detail2: guard.minPods === 1 ? '' : 's',
        workloads: workloadsText(guard.workloads),
        detail3: guard.workloads.length === 1 ? 's' : '',
        detail4: source ? ` ${source}` : '',
      },
      fix: { title: 'Use maxUnavailable: 1', edit: (e) => toMaxUnavailableOne(e, spec, minPair) },
    });
  },
});
