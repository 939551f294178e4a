import { Rule } from '../../engine/rule';
import ingressBackendDangling from './ingress-backend-dangling';
import ingressTlsMissing from './ingress-tls-missing';
import networkpolicyDangling from './networkpolicy-dangling';
import networkpolicyMissing from './networkpolicy-missing';
import serviceExternalIps from './service-external-ips';
import servicePortMismatch from './service-port-mismatch';
import serviceSelectorDangling from './service-selector-dangling';
import serviceTypeExposed from './service-type-exposed';

export const networkingRules: Rule[] = [
  networkpolicyMissing,
  networkpolicyDangling,
  serviceSelectorDangling,
  servicePortMismatch,
  serviceTypeExposed,
  serviceExternalIps,
  ingressBackendDangling,
  ingressTlsMissing,
];
