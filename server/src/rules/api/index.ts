import { AnyRule } from '../../engine/rule';
import defaultNamespace from './default-namespace';
import deprecatedApiVersion from './deprecated-api-version';
import duplicateEnvVar from './duplicate-env-var';
import envRefNotFound from './env-ref-not-found';
import labelValuesInvalid from './label-values-invalid';
import schemaViolation from './schema-violation';
import unknownField from './unknown-field';
import yamlSyntax from './yaml-syntax';

export const apiRules: AnyRule[] = [
  yamlSyntax,
  deprecatedApiVersion,
  duplicateEnvVar,
  envRefNotFound,
  labelValuesInvalid,
  defaultNamespace,
  schemaViolation,
  unknownField,
];
