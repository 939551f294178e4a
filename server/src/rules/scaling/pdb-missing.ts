import { isHelmHookObject } from '../../rulekit/helm-hook';
import { defineRule } from '../../engine/rule';
import { labelsObject, PDB_KIND, pdbsSelecting, replicasOf, SCALABLE_KINDS } from '../../model/relations';
import type { YamlValue } from '../../yaml/render';
import { identityLabelsOf, objectAnchor, writtenReplicas } from '../../rulekit/scaling/util';
import { selfOf } from '../../rulekit/lookups';

export default defineRule({
  meta: {
    id: 'pdb-missing',
    category: 'scaling',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: SCALABLE_KINDS,
    aliases: {
      polaris: ['missingPodDisruptionBudget'],
      kubeScore: ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget'],
    },
    docs: {
      description:
        'A workload that runs 2 or more replicas (or that a HorizontalPodAutoscaler scales) and that no PodDisruptionBudget of its namespace selects: a node drain or a cluster upgrade may evict all its pods at once.',
      remediation:
        'Add a PodDisruptionBudget whose selector matches the pod template labels, with `maxUnavailable: 1`.',
    },
    messages: {
      noPdbSelectsPods:
        'No PodDisruptionBudget selects the pods of this {{selfKind}} (it runs {{replicas}} replicas): a node drain or cluster upgrade may evict them all at once.',
      noPdbSelectsScaledPods:
        'No PodDisruptionBudget selects the pods of this {{selfKind}} (HorizontalPodAutoscaler "{{hpa}}" scales it): a node drain or cluster upgrade may evict them all at once.',
    },
  },
  check(ctx) {
    // a Helm hook (test Pod, hook Job) is not part of the running application
    if (isHelmHookObject(ctx)) return;
    const self = selfOf(ctx);
    if (!self?.name) return;
    const r = replicasOf(ctx.index, self, () => writtenReplicas(ctx));
    if (!r || (!r.hpa && r.max < 2)) return;
    if (pdbsSelecting(ctx.index, self).length > 0) return;
    const labels = identityLabelsOf(ctx);
    const taken = new Set(
      ctx.index
        .objects(PDB_KIND)
        .filter((p) => p.namespace === self.namespace)
        .map((p) => p.name),
    );
    let name = `${self.name}-pdb`;
    for (let i = 2; taken.has(name); i++) name = `${self.name}-pdb-${i}`;
    ctx.report({
      node: objectAnchor(ctx),
      ...(r.hpa?.name !== undefined
        ? { messageId: 'noPdbSelectsScaledPods', data: { selfKind: self.kind, hpa: r.hpa.name } }
        : { messageId: 'noPdbSelectsPods', data: { selfKind: self.kind, replicas: r.max } }),
      fix:
        labels.size === 0
          ? undefined
          : {
              title: `Add PodDisruptionBudget "${name}" (maxUnavailable: 1)`,
              edit: (e) => {
                const metadata: Record<string, YamlValue> = { name };
                // Only a namespace written on the workload is repeated: one set by kustomize or the default applies to both.
                if (ctx.object.namespace !== undefined) metadata.namespace = ctx.object.namespace;
                const doc: YamlValue = {
                  apiVersion: 'policy/v1',
                  kind: 'PodDisruptionBudget',
                  metadata,
                  spec: { maxUnavailable: 1, selector: { matchLabels: labelsObject(labels) } },
                };
                return e.appendMap(doc as { [k: string]: YamlValue });
              },
            },
    });
  },
});
