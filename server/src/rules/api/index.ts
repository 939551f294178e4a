import { AnyRule } from '../../engine/rule';
import deprecatedApiVersion from './deprecated-api-version';
import yamlSyntax from './yaml-syntax';

export const apiRules: AnyRule[] = [yamlSyntax, deprecatedApiVersion];
