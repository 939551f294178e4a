import { Rule } from '../../engine/rule';
import cpuLimitMissing from './cpu-limit-missing';
import cpuRequestMissing from './cpu-request-missing';
import ephemeralStorageMissing from './ephemeral-storage-missing';
import limitrangeIncomplete from './limitrange-incomplete';
import memoryLimitMissing from './memory-limit-missing';
import memoryRequestMissing from './memory-request-missing';
import quantityInvalid from './quantity-invalid';
import quantitySuspicious from './quantity-suspicious';
import requestExceedsLimit from './request-exceeds-limit';
import requestsEqualLimits from './requests-equal-limits';
import resourcequotaIncomplete from './resourcequota-incomplete';

/** In catalogue order (RULES.md), which is also the order fix-all applies their fixes in. */
export const resourceRules: Rule[] = [
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
];
