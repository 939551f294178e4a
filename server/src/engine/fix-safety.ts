/**
 * The kind of a fix (safe or unsafe) as its rule declares it, and how an unsafe fix says in its title that it changes
 * behaviour. Kept apart from the runner: the CLI, the language server and the meta-test all ask the same question.
 */
import type { FixSpec, RuleMeta } from './rule';
import type { Category, Fix, FixSafety } from './types';

/**
 * The kind of a fix a rule built. Anything not plainly declared safe counts as unsafe, so a rule that forgets to
 * declare, or reports a fix of a kind it did not declare, never gets it applied in bulk (the meta-test catches it).
 */
export function fixSafetyOf(meta: Pick<RuleMeta, 'fix'>, spec: Pick<FixSpec, 'safety'>): FixSafety {
  if (meta.fix === 'mixed') return spec.safety ?? 'unsafe';
  if (meta.fix === 'safe') return spec.safety === undefined || spec.safety === 'safe' ? 'safe' : 'unsafe';
  return 'unsafe';
}

/** Whether the kind of this FixSpec is one the rule declared. */
export function fixDeclared(meta: Pick<RuleMeta, 'fix'>, spec: Pick<FixSpec, 'safety'>): boolean {
  if (meta.fix === undefined) return false;
  if (meta.fix === 'mixed') return spec.safety !== undefined;
  return spec.safety === undefined || spec.safety === meta.fix;
}

/** What an unsafe fix of a category changes, when the fix does not say. */
const CHANGES: Record<Category, string> = {
  resources: 'changes resources and scheduling',
  scaling: 'changes scaling and availability',
  storage: 'changes storage',
  security: 'changes what the pod may do',
  images: 'changes the image pulled',
  networking: 'changes allowed traffic',
  probes: 'changes restarts and readiness',
  api: 'changes behaviour',
};

export function changesOf(meta: Pick<RuleMeta, 'category'>, spec: Pick<FixSpec, 'changes'>): string {
  return spec.changes ? `changes ${spec.changes}` : CHANGES[meta.category];
}

/** The title shown in an editor: an unsafe fix says what it changes, "Add … (changes allowed traffic)". */
export function displayTitle(fix: Fix): string {
  if (fix.safety !== 'unsafe') return fix.title;
  return `${fix.title} (${fix.changes ?? 'changes behaviour'})`;
}

/** Whether bulk fixing (`--fix`, `source.fixAll`, fix on save) may apply this fix. */
export function isBulkFix(fix: Fix | undefined, unsafe = false): boolean {
  return !!fix && (fix.safety === 'safe' || (unsafe && fix.safety === 'unsafe'));
}
