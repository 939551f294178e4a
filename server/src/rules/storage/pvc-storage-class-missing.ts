import { defineRule } from '../../engine/rule';
import { claimClass, claimSpecs } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'pvc-storage-class-missing',
    category: 'storage',
    severity: 'info',
    fixable: false,
    kinds: ['PersistentVolumeClaim', ...POD_KINDS],
    docs: {
      description:
        'A PersistentVolumeClaim (or `volumeClaimTemplates` entry, or generic ephemeral volume) without `storageClassName`: it gets whatever class the cluster marks as default, so the same manifest yields different disks (speed, replication, reclaim policy) on different clusters, and stays Pending where no default exists.',
      remediation:
        'Name the class explicitly (`storageClassName: fast-ssd`), or write `storageClassName: ""` to bind only to pre-created PersistentVolumes.',
    },
    messages: {
      noStorageClassName: "{{label}} names no storageClassName: it relies on the cluster's default StorageClass.",
    },
  },
  check(ctx) {
    for (const claim of claimSpecs(ctx)) {
      // `storageClassName: ""` is a deliberate choice (static binding), and so is the beta annotation.
      if (claimClass(ctx, claim)) continue;
      ctx.report({
        node: claim.anchor,
        messageId: 'noStorageClassName',
        data: { label: claim.label },
      });
    }
  },
});
