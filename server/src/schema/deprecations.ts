/**
 * API versions that Kubernetes deprecated and removed, from the official deprecation guide
 * (kubernetes.io/docs/reference/using-api/deprecation-guide). `mechanical` marks moves where rewriting the
 * apiVersion alone gives a valid object (same schema); the others need the author's attention.
 */
export interface Deprecation {
  readonly apiVersion: string;
  readonly kinds: readonly string[];
  /** minor version (1.x) that deprecated it */
  readonly deprecatedIn: number;
  /** minor version (1.x) that stopped serving it */
  readonly removedIn: number;
  readonly replacement: string;
  readonly mechanical: boolean;
  readonly note?: string;
}

export const DEPRECATIONS: Deprecation[] = [
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'],
    deprecatedIn: 9,
    removedIn: 16,
    replacement: 'apps/v1',
    mechanical: false,
    note: 'apps/v1 requires spec.selector, and defaults differ',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    deprecatedIn: 9,
    removedIn: 16,
    replacement: 'networking.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: 10,
    removedIn: 16,
    replacement: 'policy/v1beta1',
    mechanical: true,
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    deprecatedIn: 14,
    removedIn: 22,
    replacement: 'networking.k8s.io/v1',
    mechanical: false,
    note: 'backends are written as service.name/service.port, and pathType is required',
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'ControllerRevision'],
    deprecatedIn: 9,
    removedIn: 16,
    replacement: 'apps/v1',
    mechanical: false,
    note: 'apps/v1 requires spec.selector',
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'ControllerRevision'],
    deprecatedIn: 9,
    removedIn: 16,
    replacement: 'apps/v1',
    mechanical: true,
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress'],
    deprecatedIn: 19,
    removedIn: 22,
    replacement: 'networking.k8s.io/v1',
    mechanical: false,
    note: 'backends are written as service.name/service.port, and pathType is required',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['IngressClass'],
    deprecatedIn: 19,
    removedIn: 22,
    replacement: 'networking.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
    deprecatedIn: 17,
    removedIn: 22,
    replacement: 'rbac.authorization.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1alpha1',
    kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
    deprecatedIn: 17,
    removedIn: 22,
    replacement: 'rbac.authorization.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode'],
    deprecatedIn: 19,
    removedIn: 22,
    replacement: 'storage.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    deprecatedIn: 24,
    removedIn: 27,
    replacement: 'storage.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    deprecatedIn: 16,
    removedIn: 22,
    replacement: 'apiextensions.k8s.io/v1',
    mechanical: false,
    note: 'v1 requires a structural schema per version',
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecatedIn: 16,
    removedIn: 22,
    replacement: 'admissionregistration.k8s.io/v1',
    mechanical: false,
    note: 'v1 requires sideEffects and admissionReviewVersions',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    deprecatedIn: 14,
    removedIn: 22,
    replacement: 'scheduling.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'scheduling.k8s.io/v1alpha1',
    kinds: ['PriorityClass'],
    deprecatedIn: 14,
    removedIn: 17,
    replacement: 'scheduling.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    deprecatedIn: 14,
    removedIn: 22,
    replacement: 'coordination.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    deprecatedIn: 19,
    removedIn: 22,
    replacement: 'certificates.k8s.io/v1',
    mechanical: false,
    note: 'v1 requires signerName',
  },
  {
    apiVersion: 'batch/v1beta1',
    kinds: ['CronJob'],
    deprecatedIn: 21,
    removedIn: 25,
    replacement: 'batch/v1',
    mechanical: true,
  },
  {
    apiVersion: 'batch/v2alpha1',
    kinds: ['CronJob'],
    deprecatedIn: 8,
    removedIn: 21,
    replacement: 'batch/v1',
    mechanical: true,
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    deprecatedIn: 21,
    removedIn: 25,
    replacement: 'policy/v1',
    mechanical: false,
    note: 'in policy/v1 an empty selector selects every pod of the namespace',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: 21,
    removedIn: 25,
    replacement: 'Pod Security Admission',
    mechanical: false,
    note: 'PodSecurityPolicy is gone: label the Namespace with pod-security.kubernetes.io/enforce instead',
  },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: 22,
    removedIn: 25,
    replacement: 'autoscaling/v2',
    mechanical: false,
    note: 'metric targets are written as target: {type, averageUtilization|averageValue|value}',
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: 23,
    removedIn: 26,
    replacement: 'autoscaling/v2',
    mechanical: true,
  },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    deprecatedIn: 21,
    removedIn: 25,
    replacement: 'discovery.k8s.io/v1',
    mechanical: false,
    note: 'topology is replaced by nodeName and zone',
  },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    deprecatedIn: 22,
    removedIn: 25,
    replacement: 'events.k8s.io/v1',
    mechanical: false,
  },
  {
    apiVersion: 'node.k8s.io/v1beta1',
    kinds: ['RuntimeClass'],
    deprecatedIn: 20,
    removedIn: 25,
    replacement: 'node.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: 23,
    removedIn: 26,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: 26,
    removedIn: 29,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: 29,
    removedIn: 32,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'authentication.k8s.io/v1beta1',
    kinds: ['TokenReview'],
    deprecatedIn: 19,
    removedIn: 22,
    replacement: 'authentication.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'],
    deprecatedIn: 19,
    removedIn: 22,
    replacement: 'authorization.k8s.io/v1',
    mechanical: true,
  },
];

/** Completed against the deprecation guide and long-removed alpha APIs. */
DEPRECATIONS.push(
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kinds: ['APIService'],
    deprecatedIn: 19,
    removedIn: 22,
    replacement: 'apiregistration.k8s.io/v1',
    mechanical: true,
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1alpha1',
    kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
    deprecatedIn: 28,
    removedIn: 32,
    replacement: 'admissionregistration.k8s.io/v1',
    mechanical: false,
    note: 'check the fields that changed between the alpha and v1 (validationActions on the binding is required)',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1alpha1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecatedIn: 20,
    removedIn: 21,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    mechanical: false,
    note: 'PriorityLevelConfiguration limits were renamed in later versions',
  },
  {
    apiVersion: 'settings.k8s.io/v1alpha1',
    kinds: ['PodPreset'],
    deprecatedIn: 19,
    removedIn: 20,
    replacement: 'a mutating admission webhook or the pod templates themselves',
    mechanical: false,
    note: 'PodPreset was removed with no replacement API',
  },
  {
    apiVersion: 'auditregistration.k8s.io/v1alpha1',
    kinds: ['AuditSink'],
    deprecatedIn: 18,
    removedIn: 19,
    replacement: 'the API server audit configuration',
    mechanical: false,
    note: 'dynamic audit sinks were removed with no replacement API',
  },
);

export function findDeprecation(apiVersion: string, kind: string): Deprecation | undefined {
  return DEPRECATIONS.find((d) => d.apiVersion === apiVersion && d.kinds.includes(kind));
}

/** The minor number of a `1.<minor>` version (33 for "1.33"); NaN when unreadable. */
export function minorOf(version: string): number {
  const m = /^v?1\.(\d+)/.exec(version);
  return m ? Number(m[1]) : NaN;
}
