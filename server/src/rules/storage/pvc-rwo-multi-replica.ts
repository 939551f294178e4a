import { defineRule } from '../../engine/rule';
import { asArray, asRecord, asText, describe, maxReplicas, namespaceOf } from '../../rulekit/lookups';
import { claimRefs } from '../../rulekit/storage/volumes';

/** Controllers that run several interchangeable pods from one template, all mounting the same claim. */
const KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'StatefulSet', 'DaemonSet'];

export default defineRule({
  meta: {
    id: 'pvc-rwo-multi-replica',
    category: 'storage',
    severity: 'warning',
    fixable: false,
    usesIndex: true,
    kinds: KINDS,
    docs: {
      description:
        'A workload that may run several pods (`replicas` > 1, an HPA with `maxReplicas` > 1, or a DaemonSet) mounts one PersistentVolumeClaim whose access modes are only ReadWriteOnce or ReadWriteOncePod: the volume attaches to one node (one pod for ReadWriteOncePod), so the other pods hang in ContainerCreating with a Multi-Attach error.',
      remediation:
        'Give each pod its own volume (a StatefulSet with `volumeClaimTemplates`), use a ReadWriteMany class, or run a single replica.',
    },
    messages: {
      readWriteOncePodShared:
        '{{describe}} {{how}}, but PersistentVolumeClaim "{{claimName}}" is ReadWriteOncePod: only one pod can mount it, the others never start.',
      readWriteOnceShared:
        '{{describe}} {{how}}, but PersistentVolumeClaim "{{claimName}}" is ReadWriteOnce: it attaches to one node, so pods on other nodes hang in ContainerCreating.',
    },
  },
  check(ctx) {
    const refs = claimRefs(ctx);
    if (refs.length === 0) return;
    const ns = namespaceOf(ctx);
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const replicas = maxReplicas(
      ctx.index,
      { kind: ctx.object.kind, name: ctx.object.name, namespace: ns },
      ctx.nav.getStr(spec, 'replicas'),
    );
    if (replicas.count <= 1) return;
    const how =
      replicas.count === Infinity
        ? 'runs one pod per node'
        : replicas.hpa !== undefined
          ? `may run ${replicas.count} pods (HorizontalPodAutoscaler "${replicas.hpa}")`
          : `runs ${replicas.count} replicas`;
    for (const ref of refs) {
      const pvc = ctx.index.get('PersistentVolumeClaim', ns, ref.claimName);
      if (!pvc) continue;
      const modes = asArray(asRecord(pvc.value.spec)?.accessModes).map(asText);
      if (modes.length === 0 || modes.some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany')) continue;
      const oncePod = modes.includes('ReadWriteOncePod');
      ctx.report({
        node: ref.node,
        ...(oncePod
          ? {
              messageId: 'readWriteOncePodShared',
              data: { describe: describe(ctx.object), how, claimName: ref.claimName },
            }
          : {
              messageId: 'readWriteOnceShared',
              data: { describe: describe(ctx.object), how, claimName: ref.claimName },
            }),
      });
    }
  },
});
