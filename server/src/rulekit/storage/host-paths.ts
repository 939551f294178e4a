/** Host paths the storage rules judge: the container runtime sockets, and node directories too sensitive to mount. */
import { normaliseHostPath } from './volumes';

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

/**
 * System directories whose exposure gives a pod control of the node (or its secrets). Exact paths: mounting
 * a harmless file below some of them (`/etc/ssl/certs`, `/etc/localtime`, `/dev/fuse`) is common practice.
 */
const EXACT: ReadonlySet<string> = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/etc/passwd',
  '/etc/shadow',
  '/etc/sudoers',
  '/home',
  '/lib',
  '/lib64',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var',
  '/var/lib',
  '/var/run',
]);

/** Directories that are sensitive all the way down: node credentials, cluster PKI, runtime and etcd state. */
const SUBTREES: readonly string[] = [
  '/proc',
  '/boot',
  '/root',
  '/etc/kubernetes',
  '/var/lib/kubelet',
  '/var/lib/etcd',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/cri-o',
];

/** Why a host path is sensitive, or undefined when it is not. */
export function sensitiveReason(path: string): string | undefined {
  const p = normaliseHostPath(path);
  if (EXACT.has(p)) return p === '/' ? "the node's whole root filesystem" : `the node's ${p}`;
  const under = SUBTREES.find((s) => p === s || p.startsWith(s + '/'));
  return under ? `inside the node's ${under}` : undefined;
}
