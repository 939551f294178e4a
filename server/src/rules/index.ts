/** Every rule of Kubewise. Each category lists its own rules in `<category>/index.ts`. */
import { AnyRule } from '../engine/rule';
import { apiRules } from './api';
import { resourceRules } from './resources';

export const allRules: readonly AnyRule[] = [...apiRules, ...resourceRules];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export function ruleById(id: string): AnyRule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
