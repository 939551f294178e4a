import { defineRule } from '../../engine/rule';
import { runtimeSocketOf } from './runtime-socket-mount';
import { hostPathVolumes, normaliseHostPath, POD_KINDS } from '../../rulekit/storage/volumes';

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
        message: `Volume${v.name ? ` "${v.name}"` : ''} mounts ${reason} (hostPath ${v.path}): a compromised container can read node secrets or take over the node.`,
      });
    }
  },
});
