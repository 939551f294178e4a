/**
 * What no one writes in a manifest, removed from both sides before comparing: the object's status, and the metadata
 * the API server keeps for itself (managedFields, resourceVersion, uid, generation, creationTimestamp, selfLink) and
 * the annotations that tools and controllers set on their own. `kubectl.kubernetes.io/last-applied-configuration` is
 * one of them: it is a copy of the last `kubectl apply`, never drift.
 */

const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'];

/** Annotations set by the API server, kubectl and the built-in controllers, never by the author of a manifest. */
export const SERVER_SET_ANNOTATIONS: readonly string[] = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'autoscaling.alpha.kubernetes.io/conditions',
  'autoscaling.alpha.kubernetes.io/current-metrics',
  'control-plane.alpha.kubernetes.io/leader',
  'endpoints.kubernetes.io/last-change-trigger-time',
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'volume.kubernetes.io/selected-node',
  'meta.helm.sh/release-name',
  'meta.helm.sh/release-namespace',
];

type Plain = Record<string, unknown>;

const isMap = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);

/** A copy of `obj` without what no one writes. The input is left as it is. */
export function normalise(obj: Readonly<Plain>): Plain {
  const out: Plain = { ...obj };
  delete out.status;
  if (isMap(obj.metadata)) {
    const meta: Plain = { ...obj.metadata };
    for (const k of SERVER_METADATA) delete meta[k];
    if (isMap(meta.annotations)) {
      const annotations: Plain = { ...meta.annotations };
      for (const k of SERVER_SET_ANNOTATIONS) delete annotations[k];
      if (Object.keys(annotations).length) meta.annotations = annotations;
      else delete meta.annotations;
    }
    out.metadata = meta;
  }
  return out;
}
