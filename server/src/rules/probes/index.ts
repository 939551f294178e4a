import { Rule } from '../../engine/rule';

export const probesRules: Rule[] = [];
