/** Whether the object being checked is a Helm hook (see model/helm-hooks.ts): workload-level rules skip it. */
import type { RuleContext } from '../engine/rule';
import { HELM_HOOK_ANNOTATION } from '../model/helm-hooks';

export function isHelmHookObject(ctx: RuleContext): boolean {
  return !!ctx.nav.pair(ctx.nav.getMap(ctx.object.metadata, 'annotations'), HELM_HOOK_ANNOTATION);
}
