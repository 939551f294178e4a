/**
 * Built-in Kubernetes kinds: the apiVersion each is served under today, and where each workload keeps its pod spec.
 * A built-in kind written under a wrong apiVersion (`apiVersion: v1` on a Deployment) is still checked as that
 * kind: the author meant it, and the apiVersion gets its own diagnostic.
 */

/** kind → the apiVersion that serves it in current Kubernetes. */
export const CURRENT_API_VERSION: Readonly<Record<string, string>> = {
  Pod: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Namespace: 'v1',
  ServiceAccount: 'v1',
  PersistentVolume: 'v1',
  PersistentVolumeClaim: 'v1',
  LimitRange: 'v1',
  ResourceQuota: 'v1',
  ReplicationController: 'v1',
  PodTemplate: 'v1',
  Endpoints: 'v1',
  Node: 'v1',
  Event: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  ControllerRevision: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1',
  CSIDriver: 'storage.k8s.io/v1',
  VolumeAttachment: 'storage.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  PriorityClass: 'scheduling.k8s.io/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  MutatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
  ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Lease: 'coordination.k8s.io/v1',
  RuntimeClass: 'node.k8s.io/v1',
  VerticalPodAutoscaler: 'autoscaling.k8s.io/v1',
};

/** Other apiVersions under which a kind is legitimately served (still-served older versions, OpenShift). */
export const OTHER_SERVED: Readonly<Record<string, readonly string[]>> = {
  HorizontalPodAutoscaler: ['autoscaling/v1'],
};

/** Where a workload kind keeps its pod spec, and its pod template (for template labels and annotations). */
export interface WorkloadShape {
  /** keys from the object root to the pod template (`undefined` for a bare Pod) */
  readonly templatePath: readonly string[] | undefined;
  /** keys from the object root to the pod spec */
  readonly podSpecPath: readonly string[];
}

const TEMPLATE = ['spec', 'template'];
export const WORKLOADS: Readonly<Record<string, WorkloadShape>> = {
  Pod: { templatePath: undefined, podSpecPath: ['spec'] },
  Deployment: { templatePath: TEMPLATE, podSpecPath: [...TEMPLATE, 'spec'] },
  StatefulSet: { templatePath: TEMPLATE, podSpecPath: [...TEMPLATE, 'spec'] },
  DaemonSet: { templatePath: TEMPLATE, podSpecPath: [...TEMPLATE, 'spec'] },
  ReplicaSet: { templatePath: TEMPLATE, podSpecPath: [...TEMPLATE, 'spec'] },
  ReplicationController: { templatePath: TEMPLATE, podSpecPath: [...TEMPLATE, 'spec'] },
  Job: { templatePath: TEMPLATE, podSpecPath: [...TEMPLATE, 'spec'] },
  DeploymentConfig: { templatePath: TEMPLATE, podSpecPath: [...TEMPLATE, 'spec'] },
  CronJob: {
    templatePath: ['spec', 'jobTemplate', 'spec', 'template'],
    podSpecPath: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  },
  PodTemplate: { templatePath: ['template'], podSpecPath: ['template', 'spec'] },
};

/** OpenShift kinds that are workloads too, with their apiVersion. */
export const OPENSHIFT_API_VERSION: Readonly<Record<string, string>> = {
  DeploymentConfig: 'apps.openshift.io/v1',
};

/** Whether `apiVersion` serves `kind` (known kinds only; unknown kinds, such as CRDs, are always accepted). */
export function servesKind(apiVersion: string, kind: string): boolean {
  const current = CURRENT_API_VERSION[kind] ?? OPENSHIFT_API_VERSION[kind];
  if (current === undefined) return true;
  return current === apiVersion || (OTHER_SERVED[kind] ?? []).includes(apiVersion);
}
