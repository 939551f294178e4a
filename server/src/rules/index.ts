/** Every rule of Kubewise. Each category lists its own rules in `<category>/index.ts`. */
import { AnyRule } from '../engine/rule';
import { apiRules } from './api';
import { imagesRules } from './images';
import { networkingRules } from './networking';
import { probesRules } from './probes';
import { resourceRules } from './resources';
import { scalingRules } from './scaling';
import { securityRules } from './security';
import { storageRules } from './storage';

export const allRules: readonly AnyRule[] = [
  ...apiRules,
  ...resourceRules,
  ...scalingRules,
  ...storageRules,
  ...securityRules,
  ...imagesRules,
  ...probesRules,
  ...networkingRules,
];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export function ruleById(id: string): AnyRule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
