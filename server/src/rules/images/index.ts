import { Rule } from '../../engine/rule';

export const imagesRules: Rule[] = [];
