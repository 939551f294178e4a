import { AnyRule } from '../../engine/rule';
import yamlSyntax from './yaml-syntax';

export const apiRules: AnyRule[] = [yamlSyntax];
