import { defineRule } from '../../engine/rule';
import { podMounts, podVolumes } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'volume-unused',
    category: 'storage',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    docs: {
      description:
        'A volume of the pod that no container, init container or ephemeral container mounts (`volumeMounts` or `volumeDevices`): it is set up (a disk attached, a Secret fetched) for nothing, and usually means a mount was forgotten or renamed.',
      remediation: 'Mount the volume where it is needed, or delete it.',
    },
    messages: {
      volumeNeverMounted: 'Volume "{{vName}}" is never mounted by any container of the pod.',
    },
  },
  check(ctx) {
    const mounted = new Set(podMounts(ctx).map((m) => m.name));
    const volumes = podVolumes(ctx);
    const spec = ctx.podSpec();
    const volumesPair = ctx.nav.pair(spec, 'volumes');
    // Written through an alias or a merge key, the list lives elsewhere: deleting from it would change other places.
    // An anchored list or entry is shared with other places (`*alias`): deleting from it would change them too.
    const seq = volumes[0]?.seq;
    const own = !!spec && !!volumesPair && spec.items.includes(volumesPair) && volumesPair.value === seq && !seq.anchor;
    for (const v of volumes) {
      if (v.name === undefined || mounted.has(v.name)) continue;
      const nameNode = ctx.nav.deref(v.namePair?.value);
      if (!nameNode) continue;
      ctx.report({
        node: nameNode,
        messageId: 'volumeNeverMounted',
        data: { vName: v.name },
        fix:
          own && !v.node.anchor
            ? {
                title: `Delete volume "${v.name}"`,
                // The only volume goes with its `volumes:` key, which would otherwise be left holding null.
                edit: (e) =>
                  v.seq.items.length === 1 ? e.removePair(spec!, volumesPair!) : e.removeItem(v.seq, v.index),
              }
            : undefined,
      });
    }
  },
});
