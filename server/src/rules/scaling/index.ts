import { Rule } from '../../engine/rule';

export const scalingRules: Rule[] = [];
