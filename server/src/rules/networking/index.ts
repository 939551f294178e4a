import { Rule } from '../../engine/rule';

export const networkingRules: Rule[] = [];
