import { defineRule } from '../../engine/rule';
import { isNullScalar } from '../../yaml/nodes';
import { POD_KINDS } from '../../rulekit/kinds';
import { PssReporter } from '../../rulekit/pod-security';

const ID = 'restricted-volume-types';

/** Volume sources that PSS restricted allows. */
const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/**
 * PSS restricted "Volume Types": every volume uses one of RESTRICTED_VOLUME_TYPES. hostPath is outside the set too,
 * but it breaks the baseline "HostPath Volumes" control, which host-path-volume reports; it is not reported twice.
 */
export default defineRule({
  meta: {
    id: ID,
    category: 'storage',
    severity: 'off',
    strictSeverity: 'warning',
    fixable: false,
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    docs: {
      description:
        'The restricted Pod Security profile allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes; other in-tree sources (nfs, iscsi, gitRepo, cephfs …) mount node or network storage directly.',
      remediation:
        'Use a PersistentVolumeClaim (bound to a PersistentVolume or a CSI driver) or an ephemeral volume instead of the in-tree source.',
    },
    messages: {
      restrictedVolumeType:
        '{{volume}} uses {{key}}, which the restricted Pod Security profile does not allow (use a PersistentVolumeClaim, CSI or ephemeral volume).',
    },
  },
  check(ctx) {
    const out = new PssReporter(ctx, ID, 'restricted');
    for (const item of ctx.nav.getSeq(ctx.podSpec(), 'volumes')?.items ?? []) {
      const volume = ctx.nav.map(item);
      const name = ctx.nav.getStr(volume, 'name');
      for (const [key, pair] of ctx.nav.entries(volume)) {
        // A null source is as good as absent (a volume with no source at all is defaulted to emptyDir).
        if (key === 'name' || key === 'hostPath' || RESTRICTED_VOLUME_TYPES.has(key)) continue;
        const source = ctx.nav.deref(pair.value);
        if (source === undefined || isNullScalar(source)) continue;
        out.report({
          node: pair,
          keyOnly: true,
          messageId: 'restrictedVolumeType',
          data: { volume: name ? `Volume "${name}"` : 'A volume', key },
        });
      }
    }
  },
});
