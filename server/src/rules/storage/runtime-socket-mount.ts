import { defineRule } from '../../engine/rule';
import { hostPathVolumes, normaliseHostPath, POD_KINDS } from '../../rulekit/storage/volumes';

/** Container runtime API sockets by file name. */
const SOCKETS: Readonly<Record<string, string>> = {
  'docker.sock': 'Docker',
  'dockershim.sock': 'dockershim',
  'cri-dockerd.sock': 'cri-dockerd',
  'containerd.sock': 'containerd',
  'cri-containerd.sock': 'containerd',
  'crio.sock': 'CRI-O',
  'podman.sock': 'Podman',
};

/** Directories that hold a runtime's sockets (mounting the directory exposes the socket). */
const SOCKET_DIRS: Readonly<Record<string, string>> = {
  '/var/run/docker': 'Docker',
  '/run/docker': 'Docker',
  '/var/run/containerd': 'containerd',
  '/run/containerd': 'containerd',
  '/var/run/crio': 'CRI-O',
  '/run/crio': 'CRI-O',
  '/var/run/cri-dockerd': 'cri-dockerd',
  '/run/cri-dockerd': 'cri-dockerd',
};

/** Windows named pipes of the Docker engine and containerd. */
const PIPE = /^[\\/]{2}\.[\\/]pipe[\\/](docker_engine|containerd-containerd)$/i;

/** The runtime whose API a host path exposes, or undefined. */
export function runtimeSocketOf(path: string): string | undefined {
  const pipe = PIPE.exec(path);
  if (pipe) return pipe[1].toLowerCase().startsWith('docker') ? 'Docker' : 'containerd';
  const p = normaliseHostPath(path);
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (SOCKETS[base]) return SOCKETS[base];
  for (const [dir, runtime] of Object.entries(SOCKET_DIRS)) if (p === dir || p.startsWith(dir + '/')) return runtime;
  return undefined;
}

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
  },
  check(ctx) {
    for (const v of hostPathVolumes(ctx)) {
      if (v.path === undefined || !v.pathNode) continue;
      const runtime = runtimeSocketOf(v.path);
      if (!runtime) continue;
      ctx.report({
        node: v.pathNode,
        message: `Volume${v.name ? ` "${v.name}"` : ''} exposes the ${runtime} runtime socket (hostPath ${v.path}): anyone in the container can start privileged containers and take over the node.`,
      });
    }
  },
});
