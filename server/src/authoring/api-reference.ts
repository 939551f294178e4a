/** Links into the Kubernetes API reference of the version the offline schema describes. */
import { kindType } from '../schema/fields';
import { SCHEMA_KUBERNETES_MINOR } from '../schema/generated/validator-loaders';

/**
 * The reference's anchor for a built-in kind (`#deployment-v1-apps`, `#pod-v1-core`,
 * `#ingress-v1-networking-k8s-io`); undefined for kinds the schema does not know (CRDs).
 */
export function apiReferenceUrl(apiVersion: string, kind: string): string | undefined {
  if (!kindType(apiVersion, kind)) return undefined;
  const slash = apiVersion.lastIndexOf('/');
  const group = slash === -1 ? 'core' : apiVersion.slice(0, slash).replace(/\./g, '-');
  const version = apiVersion.slice(slash + 1);
  return `https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.${SCHEMA_KUBERNETES_MINOR}/#${kind.toLowerCase()}-${version}-${group}`;
}
