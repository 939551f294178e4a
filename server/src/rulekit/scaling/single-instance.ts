/**
 * Workloads that cannot safely run twice, so replicas-too-low leaves them alone:
 * - a pod volume on a PersistentVolumeClaim that is ReadWriteOnce / ReadWriteOncePod (or that the workspace does not
 *   define, so its access mode is unknown): a second pod on another node could not mount it;
 * - state kept in an emptyDir (mounted anywhere but a scratch path such as /tmp or a cache): a second replica would
 *   be a second, empty store (a single Redis cache holding carts);
 * - a metrics exporter or a push gateway (`*-exporter`, `pushgateway`, `kube-state-metrics`): two would report
 *   every series twice.
 * Returns why, or undefined. docs/rules/replicas-too-low.md lists the same.
 */
import type { RuleContext } from '../../engine/rule';
import { asArray, asRecord } from '../../model/relations';

const SCRATCH = /^\/(tmp|var\/tmp|run|var\/run|cache|var\/cache|dev\/shm)(\/|$)|\/(tmp|cache|\.cache)(\/|$)/;
const EXPORTER = /(^|[/-])(pushgateway|kube-state-metrics|[a-z0-9]+-exporter|exporter)(:|@|$)/;

export function singleInstanceReason(ctx: RuleContext): string | undefined {
  const spec = ctx.podSpec();
  if (!spec) return undefined;
  const nav = ctx.nav;
  const namespace = ctx.namespace;
  const mounts = new Map<string, string[]>();
  for (const c of ctx.containers()) {
    for (const m of nav.getSeq(c.node, 'volumeMounts')?.items ?? []) {
      const name = nav.getStr(nav.map(m), 'name');
      const path = nav.getStr(nav.map(m), 'mountPath');
      if (name && path) mounts.set(name, [...(mounts.get(name) ?? []), path]);
    }
  }
  for (const v of nav.getSeq(spec, 'volumes')?.items ?? []) {
    const vm = nav.map(v);
    const name = nav.getStr(vm, 'name') ?? '';
    const claim = nav.getStr(nav.getMap(vm, 'persistentVolumeClaim'), 'claimName');
    if (claim && ctx.object.kind !== 'StatefulSet') {
      const pvc = ctx.index.get('PersistentVolumeClaim', namespace, claim);
      const modes = asArray(asRecord(pvc?.value.spec)?.accessModes).map(String);
      if (!pvc || modes.length === 0 || modes.every((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod'))
        return `its volume "${name}" is claim "${claim}"${pvc ? ' (ReadWriteOnce)' : ''}, which one node mounts at a time`;
    }
    if (nav.get(vm, 'emptyDir') !== undefined) {
      const state = (mounts.get(name) ?? []).find((p) => !SCRATCH.test(p));
      if (state)
        return `it keeps state in emptyDir "${name}" (${state}): a second replica would be a second, empty store`;
    }
  }
  for (const c of ctx.containers()) {
    if (c.kind !== 'container') continue;
    const image = nav.getStr(c.node, 'image') ?? '';
    const repo = withoutRegistry(image);
    if (EXPORTER.test(repo) || EXPORTER.test(c.name ?? ''))
      return `it runs a metrics exporter or push gateway (${image || c.name}): two would report every series twice`;
  }
  return undefined;
}

/**
 * The image without its registry host (`registry.example.com/`: a first path part with a dot inside). A loop, where
 * `/^[^/]+\.[^/]+\//` would backtrack quadratically on a long value without a slash.
 */
function withoutRegistry(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 3) return image;
  return image.slice(1, slash - 1).includes('.') ? image.slice(slash + 1) : image;
}
