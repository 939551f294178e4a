import { Rule } from '../../engine/rule';
import cpuRequestMissing from './cpu-request-missing';

export const resourceRules: Rule[] = [cpuRequestMissing];
