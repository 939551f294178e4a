import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import { hostPathVolumes, podMounts } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';
import { runtimeSocketOf, sensitiveReason } from '../../rulekit/storage/host-paths';

export default defineRule({
  meta: {
    id: 'writable-host-path',
    category: 'storage',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['writable-host-mount'] },
    docs: {
      description:
        'A container mounts a `hostPath` volume without `readOnly: true`: it can change files on the node, which outlive the pod and are seen by the node and every other pod that mounts them.',
      remediation:
        'Set `readOnly: true` on the volumeMount; if the container must write, give it an emptyDir or a PersistentVolumeClaim instead.',
    },
    messages: {
      writableHostPath: '{{container}} mounts hostPath volume {{volume}} writable.',
    },
  },
  check(ctx) {
    const hostPaths = new Map(
      hostPathVolumes(ctx)
        .filter((v) => v.name !== undefined)
        .map((v) => [v.name!, v]),
    );
    if (hostPaths.size === 0) return;
    for (const m of podMounts(ctx)) {
      // Raw block devices have no read-only flag on the mount.
      if (m.device || m.name === undefined) continue;
      const volume = hostPaths.get(m.name);
      if (!volume) continue;
      // One finding per problem: a sensitive path or a runtime socket is reported by its own rule.
      if (volume.path !== undefined && (sensitiveReason(volume.path) || runtimeSocketOf(volume.path))) continue;
      if (ctx.nav.bool(ctx.nav.get(m.node, 'readOnly')) === true) continue;
      const mountPath = ctx.nav.getStr(m.node, 'mountPath');
      const node =
        ctx.nav.deref(ctx.nav.pair(m.node, 'mountPath')?.value) ?? ctx.nav.deref(m.namePair?.value) ?? m.node;
      ctx.report({
        node,
        messageId: 'writableHostPath',
        data: {
          container: containerLabel(m.container),
          // the volume as the pod spec describes it: its name, the node path and where it is mounted, as known
          volume: `"${m.name}"${volume.path ? ` (${volume.path})` : ''}${mountPath ? ` at ${mountPath}` : ''}`,
        },
        fix: { title: 'Mount it read-only (readOnly: true)', edit: (e) => e.ensurePath(m.node, ['readOnly'], true) },
      });
    }
  },
});
