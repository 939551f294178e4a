import { defineRule } from '../../engine/rule';
import { runtimeSocketOf, sensitiveReason } from '../../rulekit/storage/host-paths';
import { hostPathVolumes } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'sensitive-host-path',
    category: 'storage',
    severity: 'error',
    fixable: false,
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['sensitive-host-mounts'] },
    docs: {
      description:
        'A `hostPath` volume on a system directory of the node (`/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/lib`, `/usr`, `/var/run`, `/run`, `/var/lib/kubelet`, `/etc/kubernetes` …): whoever controls the container can read node credentials or take over the node.',
      remediation:
        'Remove the volume. If the pod is a node agent that truly needs the path, mount the narrowest subdirectory read-only and suppress the rule with a reason.',
    },
    messages: {
      sensitiveHostPath:
        '{{volume}} mounts {{reason}} (hostPath {{path}}): a compromised container can read node secrets or take over the node.',
    },
  },
  check(ctx) {
    for (const v of hostPathVolumes(ctx)) {
      if (v.path === undefined || !v.pathNode) continue;
      // A runtime socket (or its directory) is runtime-socket-mount's finding; one squiggle per mistake.
      if (runtimeSocketOf(v.path)) continue;
      const reason = sensitiveReason(v.path);
      if (!reason) continue;
      ctx.report({
        node: v.pathNode,
        messageId: 'sensitiveHostPath',
        data: { volume: v.name ? `Volume "${v.name}"` : 'A volume', reason, path: v.path },
      });
    }
  },
});
