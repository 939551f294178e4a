/**
 * Every rule of Kubewise, one file per rule under `rules/<category>/`, in the order of the catalogue.
 * Helpers that rules share live in `server/src/rulekit/`, so that every file here is a rule.
 */
import { AnyRule } from '../engine/rule';
import yamlSyntax from './api/yaml-syntax';
import deprecatedApiVersion from './api/deprecated-api-version';
import duplicateEnvVar from './api/duplicate-env-var';
import envRefNotFound from './api/env-ref-not-found';
import labelValuesInvalid from './api/label-values-invalid';
import defaultNamespace from './api/default-namespace';
import schemaViolation from './api/schema-violation';
import unknownField from './api/unknown-field';
import cpuRequestMissing from './resources/cpu-request-missing';
import memoryRequestMissing from './resources/memory-request-missing';
import memoryLimitMissing from './resources/memory-limit-missing';
import cpuLimitMissing from './resources/cpu-limit-missing';
import requestExceedsLimit from './resources/request-exceeds-limit';
import quantityInvalid from './resources/quantity-invalid';
import quantitySuspicious from './resources/quantity-suspicious';
import ephemeralStorageMissing from './resources/ephemeral-storage-missing';
import requestsEqualLimits from './resources/requests-equal-limits';
import limitrangeIncomplete from './resources/limitrange-incomplete';
import resourcequotaIncomplete from './resources/resourcequota-incomplete';
import replicasTooLow from './scaling/replicas-too-low';
import replicasWithHpa from './scaling/replicas-with-hpa';
import hpaTargetMissing from './scaling/hpa-target-missing';
import hpaMinGreaterThanMax from './scaling/hpa-min-greater-than-max';
import hpaMinEqualsMax from './scaling/hpa-min-equals-max';
import hpaMinReplicasTooLow from './scaling/hpa-min-replicas-too-low';
import hpaAutoscalingV1 from './scaling/hpa-autoscaling-v1';
import hpaMetricWithoutRequest from './scaling/hpa-metric-without-request';
import vpaTargetMissing from './scaling/vpa-target-missing';
import vpaHpaConflict from './scaling/vpa-hpa-conflict';
import vpaWithoutBounds from './scaling/vpa-without-bounds';
import pdbMissing from './scaling/pdb-missing';
import pdbBlocksEviction from './scaling/pdb-blocks-eviction';
import pdbMinAvailableGtHpaMin from './scaling/pdb-min-available-gt-hpa-min';
import pdbDangling from './scaling/pdb-dangling';
import selectorTemplateMismatch from './scaling/selector-template-mismatch';
import topologySpreadMissing from './scaling/topology-spread-missing';
import rollingUpdateStrategy from './scaling/rolling-update-strategy';
import nakedPod from './scaling/naked-pod';
import jobTtl from './scaling/job-ttl';
import cronjobDeadline from './scaling/cronjob-deadline';
import statefulsetServiceMissing from './scaling/statefulset-service-missing';
import hostPathVolume from './storage/host-path-volume';
import sensitiveHostPath from './storage/sensitive-host-path';
import runtimeSocketMount from './storage/runtime-socket-mount';
import writableHostPath from './storage/writable-host-path';
import emptydirSizeLimit from './storage/emptydir-size-limit';
import pvcStorageRequestMissing from './storage/pvc-storage-request-missing';
import pvcStorageClassMissing from './storage/pvc-storage-class-missing';
import pvcNotFound from './storage/pvc-not-found';
import storageclassNotFound from './storage/storageclass-not-found';
import pvcRwoMultiReplica from './storage/pvc-rwo-multi-replica';
import volumeMountUndefined from './storage/volume-mount-undefined';
import volumeUnused from './storage/volume-unused';
import storageclassPolicy from './storage/storageclass-policy';
import restrictedVolumeTypes from './storage/restricted-volume-types';
import privilegedContainer from './security/privileged-container';
import allowPrivilegeEscalation from './security/allow-privilege-escalation';
import runAsNonRoot from './security/run-as-non-root';
import runAsUserRoot from './security/run-as-user-root';
import readOnlyRootFs from './security/read-only-root-fs';
import capabilitiesDangerous from './security/capabilities-dangerous';
import capabilitiesDropAll from './security/capabilities-drop-all';
import seccompProfile from './security/seccomp-profile';
import hostNamespaces from './security/host-namespaces';
import hostPort from './security/host-port';
import hostProcess from './security/host-process';
import procMountUnmasked from './security/proc-mount-unmasked';
import unsafeSysctls from './security/unsafe-sysctls';
import apparmorOverride from './security/apparmor-override';
import selinuxOptions from './security/selinux-options';
import probeHostField from './security/probe-host-field';
import automountSaToken from './security/automount-sa-token';
import deprecatedServiceAccountField from './security/deprecated-service-account-field';
import serviceAccountNotFound from './security/service-account-not-found';
import secretInEnv from './security/secret-in-env';
import sensitiveConfigmap from './security/sensitive-configmap';
import namespacePssLabel from './security/namespace-pss-label';
import rbacWildcard from './security/rbac-wildcard';
import rbacClusterAdminBinding from './security/rbac-cluster-admin-binding';
import rbacSecretsAccess from './security/rbac-secrets-access';
import rbacExecAttach from './security/rbac-exec-attach';
import rbacEscalationVerbs from './security/rbac-escalation-verbs';
import imageTagMutable from './images/image-tag-mutable';
import imagePullPolicy from './images/image-pull-policy';
import imageDigestMissing from './images/image-digest-missing';
import imageRegistryDeprecated from './images/image-registry-deprecated';
import readinessProbeMissing from './probes/readiness-probe-missing';
import livenessProbeMissing from './probes/liveness-probe-missing';
import probesIdentical from './probes/probes-identical';
import probePortNotExposed from './probes/probe-port-not-exposed';
import networkpolicyMissing from './networking/networkpolicy-missing';
import networkpolicyDangling from './networking/networkpolicy-dangling';
import serviceSelectorDangling from './networking/service-selector-dangling';
import servicePortMismatch from './networking/service-port-mismatch';
import serviceTypeExposed from './networking/service-type-exposed';
import serviceExternalIps from './networking/service-external-ips';
import ingressBackendDangling from './networking/ingress-backend-dangling';
import ingressTlsMissing from './networking/ingress-tls-missing';

export const allRules: readonly AnyRule[] = [
  // api
  yamlSyntax,
  deprecatedApiVersion,
  duplicateEnvVar,
  envRefNotFound,
  labelValuesInvalid,
  defaultNamespace,
  schemaViolation,
  unknownField,
  // resources
  cpuRequestMissing,
  memoryRequestMissing,
  memoryLimitMissing,
  cpuLimitMissing,
  requestExceedsLimit,
  quantityInvalid,
  quantitySuspicious,
  ephemeralStorageMissing,
  requestsEqualLimits,
  limitrangeIncomplete,
  resourcequotaIncomplete,
  // scaling
  replicasTooLow,
  replicasWithHpa,
  hpaTargetMissing,
  hpaMinGreaterThanMax,
  hpaMinEqualsMax,
  hpaMinReplicasTooLow,
  hpaAutoscalingV1,
  hpaMetricWithoutRequest,
  vpaTargetMissing,
  vpaHpaConflict,
  vpaWithoutBounds,
  pdbMissing,
  pdbBlocksEviction,
  pdbMinAvailableGtHpaMin,
  pdbDangling,
  selectorTemplateMismatch,
  topologySpreadMissing,
  rollingUpdateStrategy,
  nakedPod,
  jobTtl,
  cronjobDeadline,
  statefulsetServiceMissing,
  // storage
  hostPathVolume,
  sensitiveHostPath,
  runtimeSocketMount,
  writableHostPath,
  emptydirSizeLimit,
  pvcStorageRequestMissing,
  pvcStorageClassMissing,
  pvcNotFound,
  storageclassNotFound,
  pvcRwoMultiReplica,
  volumeMountUndefined,
  volumeUnused,
  storageclassPolicy,
  restrictedVolumeTypes,
  // security
  privilegedContainer,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUserRoot,
  readOnlyRootFs,
  capabilitiesDangerous,
  capabilitiesDropAll,
  seccompProfile,
  hostNamespaces,
  hostPort,
  hostProcess,
  procMountUnmasked,
  unsafeSysctls,
  apparmorOverride,
  selinuxOptions,
  probeHostField,
  automountSaToken,
  deprecatedServiceAccountField,
  serviceAccountNotFound,
  secretInEnv,
  sensitiveConfigmap,
  namespacePssLabel,
  rbacWildcard,
  rbacClusterAdminBinding,
  rbacSecretsAccess,
  rbacExecAttach,
  rbacEscalationVerbs,
  // images
  imageTagMutable,
  imagePullPolicy,
  imageDigestMissing,
  imageRegistryDeprecated,
  // probes
  readinessProbeMissing,
  livenessProbeMissing,
  probesIdentical,
  probePortNotExposed,
  // networking
  networkpolicyMissing,
  networkpolicyDangling,
  serviceSelectorDangling,
  servicePortMismatch,
  serviceTypeExposed,
  serviceExternalIps,
  ingressBackendDangling,
  ingressTlsMissing,
];

/** The rules of one category, in catalogue order. */
export function rulesOf(category: string): readonly AnyRule[] {
  return allRules.filter((r) => r.meta.category === category);
}

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export function ruleById(id: string): AnyRule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
