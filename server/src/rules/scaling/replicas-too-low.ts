import { singleInstanceReason } from '../../rulekit/scaling/single-instance';
import { isHelmHookObject } from '../../rulekit/helm-hook';
import { defineRule } from '../../engine/rule';
import { hpasTargeting } from '../../model/relations';
import { namespaceOf } from '../../rulekit/lookups';
import { objectAnchor, specOf } from '../../rulekit/scaling/util';

export default defineRule({
  meta: {
    id: 'replicas-too-low',
    category: 'scaling',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: ['Deployment', 'StatefulSet'],
    aliases: {
      kubeLinter: ['minimum-three-replicas'],
      polaris: ['deploymentMissingReplicas'],
      kubeScore: ['deployment-replicas'],
    },
    docs: {
      description:
        'A Deployment or StatefulSet that runs fewer than 2 replicas (`replicas` unset means 1) and that no HorizontalPodAutoscaler scales: one node drain, eviction or crash takes the whole service down.',
      remediation:
        'Run at least 2 replicas (`spec.replicas: 2`), or let a HorizontalPodAutoscaler with `minReplicas: 2` scale the workload.',
    },
    messages: {
      replicasUnsetWithoutHpa:
        '{{kind}} sets no `replicas` (so it runs 1) and no HorizontalPodAutoscaler scales it: a node drain or a crash leaves the service without pods. Run at least 2 replicas.',
      singleReplicaWithoutHpa:
        '{{kind}} runs a single replica and no HorizontalPodAutoscaler scales it: a node drain or a crash leaves the service without pods. Run at least 2 replicas.',
      noReplicasWithoutHpa:
        '{{kind}} runs no replicas and no HorizontalPodAutoscaler scales it: a node drain or a crash leaves the service without pods. Run at least 2 replicas.',
    },
  },
  check(ctx) {
    // a Helm hook (test Pod, hook Job) is not part of the running application
    if (isHelmHookObject(ctx)) return;
    const spec = specOf(ctx);
    const pair = ctx.nav.pair(spec, 'replicas');
    const written = ctx.nav.str(pair?.value);
    if (written !== undefined && !/^\d+$/.test(written)) return; // not a number: the schema rules say so
    const replicas = written === undefined ? 1 : Number(written);
    if (replicas >= 2) return;
    const { kind, name } = ctx.object;
    // An HPA owns the replica count; its minReplicas is checked by hpa-min-replicas-too-low.
    if (hpasTargeting(ctx.index, { kind, name, namespace: namespaceOf(ctx) }).length > 0) return;
    // a workload that cannot safely run twice (single-instance.ts) is left alone
    if (singleInstanceReason(ctx)) return;
    ctx.report({
      node: pair ?? ctx.nav.pair(ctx.object.node, 'spec') ?? objectAnchor(ctx),
      keyOnly: !pair,
      messageId:
        written === undefined
          ? 'replicasUnsetWithoutHpa'
          : replicas === 0
            ? 'noReplicasWithoutHpa'
            : 'singleReplicaWithoutHpa',
      data: { kind },
      fix: {
        title: 'Set replicas: 2',
        edit: (e) => e.ensurePath(ctx.object.node, ['spec', 'replicas'], 2),
      },
    });
  },
});
