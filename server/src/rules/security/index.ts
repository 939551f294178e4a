import { Rule } from '../../engine/rule';
import allowPrivilegeEscalation from './allow-privilege-escalation';
import apparmorOverride from './apparmor-override';
import capabilitiesDangerous from './capabilities-dangerous';
import capabilitiesDropAll from './capabilities-drop-all';
import hostNamespaces from './host-namespaces';
import hostPort from './host-port';
import hostProcess from './host-process';
import privilegedContainer from './privileged-container';
import probeHostField from './probe-host-field';
import procMountUnmasked from './proc-mount-unmasked';
import readOnlyRootFs from './read-only-root-fs';
import runAsNonRoot from './run-as-non-root';
import runAsUserRoot from './run-as-user-root';
import seccompProfile from './seccomp-profile';
import selinuxOptions from './selinux-options';
import unsafeSysctls from './unsafe-sysctls';
import automountSaToken from './automount-sa-token';
import deprecatedServiceAccountField from './deprecated-service-account-field';
import namespacePssLabel from './namespace-pss-label';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacEscalationVerbs from './rbac-escalation-verbs';
import rbacExecAttach from './rbac-exec-attach';
import rbacSecretsAccess from './rbac-secrets-access';
import rbacWildcard from './rbac-wildcard';
import secretInEnv from './secret-in-env';
import sensitiveConfigmap from './sensitive-configmap';
import serviceAccountNotFound from './service-account-not-found';

export const securityRules: Rule[] = [
  // Pod Security Standards (pss.ts)
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
  // service accounts, secrets, namespaces and RBAC
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
];
