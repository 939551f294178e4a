import { defineRule } from '../../engine/rule';
import { hostPathVolumes } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';
import { runtimeSocketOf } from '../../rulekit/storage/host-paths';

export default defineRule({
  meta: {
    id: 'runtime-socket-mount',
    category: 'storage',
    severity: 'error',
    fixable: false,
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['docker-sock'] },
    docs: {
      description:
        'A `hostPath` volume on a container runtime socket (`docker.sock`, `containerd.sock`, `crio.sock`, under `/var/run` or `/run`, or the Windows named pipes): the runtime API starts privileged containers on demand, so the pod owns the node.',
      remediation:
        'Remove the volume. Build images with a daemonless builder (BuildKit rootless, kaniko, buildah) and read container data through the Kubernetes API or the kubelet instead.',
    },
    messages: {
      runtimeSocketMounted:
        '{{volume}} exposes the {{runtime}} runtime socket (hostPath {{path}}): anyone in the container can start privileged containers and take over the node.',
    },
  },
  check(ctx) {
    for (const v of hostPathVolumes(ctx)) {
      if (v.path === undefined || !v.pathNode) continue;
      const runtime = runtimeSocketOf(v.path);
      if (!runtime) continue;
      ctx.report({
        node: v.pathNode,
        messageId: 'runtimeSocketMounted',
        data: { volume: v.name ? `Volume "${v.name}"` : 'A volume', runtime, path: v.path },
      });
    }
  },
});
