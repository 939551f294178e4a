import { Rule } from '../../engine/rule';

export const securityRules: Rule[] = [];
