/**
 * The shared check of hpa-target-missing and vpa-target-missing: a `scaleTargetRef` / `targetRef` that names no
 * object of the workspace, with a typo suggestion when a close name or the same name under another kind exists.
 */
import type { Node } from '../../yaml/nodes';
import type { FixSpec, RuleContext, RuleMessage } from '../../engine/rule';
import { CURRENT_API_VERSION } from '../../model/kinds';
import { POD_OWNER_KINDS, resolveTarget } from '../../model/relations';
import { closestName, namespaceOf, notFoundSeverity, searchedFiles, selfOf } from '../lookups';

/** The messages of the rules that call `checkTargetRef`, for their `meta.messages`. */
export const TARGET_REF_MESSAGES = {
  targetNotFound:
    '{{kind}} targets {{refKind}} "{{name}}", which no manifest defines in namespace "{{ns}}" ({{searched}}).',
  targetNotFoundOtherKind:
    '{{kind}} targets {{refKind}} "{{name}}", which no manifest defines in namespace "{{ns}}" ({{searched}}). There is a {{otherKind}} "{{name}}": is the kind wrong?',
  targetNotFoundNearName:
    '{{kind}} targets {{refKind}} "{{name}}", which no manifest defines in namespace "{{ns}}" ({{searched}}). Did you mean {{refKind}} "{{near}}"?',
  // The same, when the namespace's workloads plausibly live outside the workspace (information, not a warning).
  targetNotFoundMaybeOutside:
    '{{kind}} targets {{refKind}} "{{name}}", which no manifest defines in namespace "{{ns}}" ({{searched}}). It may be defined outside the workspace (another repository, a chart, an operator).',
  targetNotFoundOtherKindMaybeOutside:
    '{{kind}} targets {{refKind}} "{{name}}", which no manifest defines in namespace "{{ns}}" ({{searched}}). There is a {{otherKind}} "{{name}}": is the kind wrong? It may be defined outside the workspace (another repository, a chart, an operator).',
  targetNotFoundNearNameMaybeOutside:
    '{{kind}} targets {{refKind}} "{{name}}", which no manifest defines in namespace "{{ns}}" ({{searched}}). Did you mean {{refKind}} "{{near}}"? It may be defined outside the workspace (another repository, a chart, an operator).',
} as const;

export function checkTargetRef(
  ctx: RuleContext,
  refKey: 'scaleTargetRef' | 'targetRef',
  candidateKinds: readonly string[],
): void {
  const refNode = ctx.nav.getMap(ctx.nav.getMap(ctx.object.node, 'spec'), refKey);
  if (!refNode) return;
  const ref = {
    apiVersion: ctx.nav.getStr(refNode, 'apiVersion'),
    kind: ctx.nav.getStr(refNode, 'kind'),
    name: ctx.nav.getStr(refNode, 'name'),
  };
  // A reference without kind or name is a schema error, reported by the schema rules.
  if (!ref.kind || !ref.name) return;
  const ns = namespaceOf(ctx);
  if (resolveTarget(ctx.index, ns, ref)) return;
  const self = selfOf(ctx);
  const nameNode = ctx.nav.get(refNode, 'name') as Node;
  const kindNode = ctx.nav.get(refNode, 'kind') as Node;
  const sameKind = ctx.index.objects(ref.kind).filter((o) => o.namespace === ns && o.name !== undefined);
  const near = closestName(
    ref.name,
    sameKind.map((o) => o.name!),
  );
  const otherKind = candidateKinds
    .filter((k) => k !== ref.kind)
    .flatMap((k) => ctx.index.objects(k))
    .find((o) => o.namespace === ns && o.name === ref.name);
  const suggest: FixSpec[] = [];
  if (otherKind) {
    suggest.push({
      title: `Target ${otherKind.kind} "${ref.name}"`,
      edit: (e) => {
        const edits = [e.setValue(kindNode, otherKind.kind)];
        const apiNode = ctx.nav.get(refNode, 'apiVersion');
        const api = CURRENT_API_VERSION[otherKind.kind] ?? otherKind.apiVersion;
        if (apiNode && ctx.nav.str(apiNode) !== api) edits.push(e.setValue(apiNode, api));
        return edits;
      },
    });
  } else if (near) {
    suggest.push({ title: `Target ${ref.kind} "${near}"`, edit: (e) => e.setValue(nameNode, near) });
  }
  const severity = notFoundSeverity(ctx.index, self, POD_OWNER_KINDS);
  const outside = severity === 'info';
  const data = { kind: ctx.object.kind, refKind: ref.kind, name: ref.name, ns, searched: searchedFiles(ctx.index) };
  const message: RuleMessage<typeof TARGET_REF_MESSAGES> = otherKind
    ? {
        messageId: outside ? 'targetNotFoundOtherKindMaybeOutside' : 'targetNotFoundOtherKind',
        data: { ...data, otherKind: otherKind.kind },
      }
    : near
      ? {
          messageId: outside ? 'targetNotFoundNearNameMaybeOutside' : 'targetNotFoundNearName',
          data: { ...data, near },
        }
      : { messageId: outside ? 'targetNotFoundMaybeOutside' : 'targetNotFound', data };
  ctx.report({ node: nameNode?.range ? nameNode : refNode, ...message, severity, suggest });
}
