import { defineRule } from '../../engine/rule';
import { PssReporter } from '../../rulekit/pod-security';
import { hostPathVolumes } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';
import { runtimeSocketOf, sensitiveReason } from '../../rulekit/storage/host-paths';

export default defineRule({
  meta: {
    id: 'host-path-volume',
    category: 'storage',
    severity: 'warning',
    fixable: false,
    kinds: POD_KINDS,
    // the baseline "HostPath Volumes" control: an error where a Namespace enforces baseline or restricted
    usesIndex: true,
    escalates: true,
    aliases: { polaris: ['hostPathSet'] },
    docs: {
      description:
        'A `hostPath` volume: the pod reads (and usually writes) the node\'s own filesystem, which ties it to one node, survives the pod, and is a common path to escaping the container. The Pod Security "baseline" profile forbids it.',
      remediation:
        'Use an `emptyDir` for scratch space, a PersistentVolumeClaim for data that must persist, or a ConfigMap/Secret for files.',
    },
    messages: {
      hostPathVolume:
        "{{volume}} mounts the node's {{path}} (hostPath): the pod is tied to the node's filesystem; use an emptyDir or a PersistentVolumeClaim unless it is a node agent.",
      // `path` is required by the API; without it (or with a templated one) the path cannot be named.
      hostPathVolumeWithoutPath:
        "{{volume}} mounts a path of the node (hostPath): the pod is tied to the node's filesystem; use an emptyDir or a PersistentVolumeClaim unless it is a node agent.",
    },
  },
  check(ctx) {
    const out = new PssReporter(ctx, 'host-path-volume', 'baseline');
    for (const v of hostPathVolumes(ctx)) {
      // One finding per problem: a sensitive path or a runtime socket is reported by its own rule.
      if (v.path !== undefined && (sensitiveReason(v.path) || runtimeSocketOf(v.path))) continue;
      const volume = v.name ? `Volume "${v.name}"` : 'A volume';
      out.report({
        node: v.hostPathPair,
        keyOnly: true,
        ...(v.path !== undefined
          ? { messageId: 'hostPathVolume', data: { volume, path: v.path } }
          : { messageId: 'hostPathVolumeWithoutPath', data: { volume } }),
      });
    }
  },
});
