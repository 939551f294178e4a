import { Rule } from '../../engine/rule';

export const storageRules: Rule[] = [];
