import { defineRule } from '../../engine/rule';

/** Provisioners with no topology (network filesystems), for which Immediate binding loses nothing. */
const TOPOLOGY_FREE = /nfs|cephfs|efs\.csi|file\.csi|smb|glusterfs|azurefile/i;

export default defineRule({
  meta: {
    id: 'storageclass-policy',
    category: 'storage',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: ['StorageClass'],
    docs: {
      description:
        'A StorageClass without `allowVolumeExpansion` (claims of that class can never grow), or whose `volumeBindingMode` is `Immediate` (written, or by default): the volume is created before the pod is scheduled, possibly in a zone where the pod cannot run.',
      remediation: 'Set `allowVolumeExpansion: true` and `volumeBindingMode: WaitForFirstConsumer`.',
    },
    messages: {
      noVolumeExpansion: '{{label}} does not set allowVolumeExpansion: claims of this class can never be resized.',
      immediateBindingByDefault:
        '{{label}} binds volumes Immediately (the default): a volume may be provisioned in a zone where its pod cannot be scheduled.',
      immediateBinding:
        '{{label}} binds volumes Immediately: a volume may be provisioned in a zone where its pod cannot be scheduled.',
    },
  },
  check(ctx) {
    const root = ctx.object.node;
    const nav = ctx.nav;
    const anchor = nav.deref(nav.pair(ctx.object.metadata, 'name')?.value) ?? nav.pair(root, 'kind') ?? root;
    const label = `StorageClass${ctx.object.name ? ` "${ctx.object.name}"` : ''}`;
    // An explicit `allowVolumeExpansion: false` is a decision (some backends cannot grow volumes), not an omission.
    if (nav.get(root, 'allowVolumeExpansion') === undefined) {
      ctx.report({
        node: anchor,
        messageId: 'noVolumeExpansion',
        data: { label },
        fix: {
          title: 'Add allowVolumeExpansion: true',
          edit: (e) => e.ensurePath(root, ['allowVolumeExpansion'], true),
        },
      });
    }
    const provisioner = nav.getStr(root, 'provisioner') ?? '';
    if (TOPOLOGY_FREE.test(provisioner)) return;
    const modeNode = nav.get(root, 'volumeBindingMode');
    const mode = nav.str(modeNode);
    if (mode === undefined || mode === 'Immediate') {
      ctx.report({
        node: mode === undefined ? anchor : modeNode!,
        ...(mode === undefined
          ? { messageId: 'immediateBindingByDefault', data: { label } }
          : { messageId: 'immediateBinding', data: { label } }),
        fix: {
          title: 'Set volumeBindingMode: WaitForFirstConsumer',
          edit: (e) => e.ensurePath(root, ['volumeBindingMode'], 'WaitForFirstConsumer'),
        },
      });
    }
  },
});
