import { isHelmHookObject } from '../../rulekit/helm-hook';
import { defineRule } from '../../engine/rule';
import { asInt, dig, hpaMaxReplicas, hpaMinReplicas, hpasTargeting, SCALABLE_KINDS } from '../../model/relations';
import { namespaceOf } from '../../rulekit/lookups';
import { specOf } from '../../rulekit/scaling/util';

export default defineRule({
  meta: {
    id: 'replicas-with-hpa',
    category: 'scaling',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: SCALABLE_KINDS,
    aliases: { kubeScore: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'] },
    docs: {
      description:
        'A workload writes `spec.replicas` while a HorizontalPodAutoscaler scales it: every `kubectl apply` resets the replica count to the written value, scaling the workload down (or up) until the HPA corrects it again.',
      remediation: 'Delete `spec.replicas` and let the HPA own the count (its `minReplicas` is the floor).',
    },
    messages: {
      replicasSetWithHpa:
        '{{hpa}} scales this {{kind}}, but spec.replicas: {{replicas}} is written too: every apply resets the replica count until the HPA corrects it. Let the HPA own it.',
      replicasKeySetWithHpa:
        '{{hpa}} scales this {{kind}}, but spec.replicas is written too: every apply resets the replica count until the HPA corrects it. Let the HPA own it.',
    },
  },
  check(ctx) {
    // a Helm hook (test Pod, hook Job) is not part of the running application
    if (isHelmHookObject(ctx)) return;
    const spec = specOf(ctx);
    const pair = ctx.nav.pair(spec, 'replicas');
    if (!pair) return;
    const { kind, name } = ctx.object;
    const hpas = hpasTargeting(ctx.index, { kind, name, namespace: namespaceOf(ctx) });
    if (hpas.length === 0) return;
    const hpa = hpas[0];
    const min = hpaMinReplicas(hpa.value);
    const max = hpaMaxReplicas(hpa.value);
    const written = ctx.nav.str(pair.value);
    const bounds = max === undefined ? `minReplicas ${min}` : `${min}–${max} replicas`;
    const where = asInt(dig(hpa.value, 'spec', 'minReplicas')) === undefined && max === undefined ? '' : ` (${bounds})`;
    const hpaText = `HorizontalPodAutoscaler "${hpa.name}"${where}`;
    ctx.report({
      node: pair,
      ...(written === undefined
        ? { messageId: 'replicasKeySetWithHpa', data: { hpa: hpaText, kind } }
        : { messageId: 'replicasSetWithHpa', data: { hpa: hpaText, kind, replicas: written } }),
      fix: {
        title: 'Delete spec.replicas (the HPA owns the replica count)',
        // Only a key written on this spec can be deleted; one merged in through `<<` belongs to other objects too.
        edit: (e) => (spec && spec.items.includes(pair) ? e.removePair(spec, pair) : undefined),
      },
    });
  },
});
