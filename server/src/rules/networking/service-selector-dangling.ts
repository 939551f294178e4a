import type { FixSpec } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import { stringMap } from '../../model/object';
import type { IndexedObject } from '../../model/workspace';
import {
  describe,
  heldNearby,
  identityLabels,
  namespaceOf,
  podLabelsOf,
  podOwnersIn,
  somePodOwnerSelectedByMap,
  searchedFiles,
  similarNames,
} from '../../rulekit/lookups';
import { POD_OWNER_KINDS } from '../../rulekit/kinds';

/** Selector labels for messages: `app=web, tier=front`. */
function labelText(m: ReadonlyMap<string, string>): string {
  return [...m].map(([k, v]) => `${k}=${v}`).join(', ');
}

export default defineRule({
  meta: {
    id: 'service-selector-dangling',
    category: 'networking',
    severity: 'warning',
    fixable: false,
    // no preferred fix, but "did you mean" suggestions: guesses, so unsafe
    fix: 'unsafe',
    usesIndex: true,
    kinds: ['Service'],
    aliases: { kubeLinter: ['dangling-service'], kubeScore: ['service-targets-pod'] },
    docs: {
      description:
        'A Service whose `spec.selector` matches the pod labels of no workload in its namespace: it has no endpoints, so every connection to it fails. Usually a label typo, or a label changed on the workload but not on the Service.',
      remediation: 'Make the selector match the pod template labels of the workload the Service fronts.',
    },
    messages: {
      selectorMatchesNothing:
        'Service selector {{label}} matches the pods of no workload in namespace "{{ns}}" ({{searchedFiles}}): the Service has no endpoints.',
    },
  },
  check(ctx) {
    const index = ctx.index;
    if (index.files().length === 0) return;
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    if (ctx.nav.getStr(spec, 'type') === 'ExternalName') return;
    const pair = ctx.nav.pair(spec, 'selector');
    const selectorMap = ctx.nav.map(pair?.value);
    // No selector (or an empty one): the endpoints are managed by hand or by another controller.
    if (!pair || !selectorMap) return;
    const selector = stringMap(ctx.nav, selectorMap);
    if (selector.size === 0) return;
    const ns = namespaceOf(ctx);
    if (somePodOwnerSelectedByMap(index, ns, selector)) return;
    const owners = podOwnersIn(index, ns).filter((o) => o.name && podLabelsOf(o)?.size);
    // Candidates: workloads named like the Service, then those sharing a selector label.
    const byName = new Set(
      similarNames(
        ctx.object.name ?? '',
        owners.map((o) => o.name!),
        3,
      ),
    );
    const sharing = (o: IndexedObject): boolean => [...selector].some(([k, v]) => podLabelsOf(o)?.get(k) === v);
    const candidates = [
      ...owners.filter((o) => byName.has(o.name!) || o.name === ctx.object.name),
      ...owners.filter((o) => sharing(o)),
    ]
      .filter((o, i, all) => all.indexOf(o) === i)
      .slice(0, 3);
    const suggest: FixSpec[] = [];
    for (const o of candidates) {
      const labels = identityLabels(o);
      if (labels.size === 0) continue;
      suggest.push({
        title: `Select the pods of ${describe(o)} (${labelText(labels)})`,
        edit: (e) => e.rewriteMap(selectorMap, labels),
      });
    }
    ctx.report({
      node: pair,
      keyOnly: true,
      severity: heldNearby(ctx, POD_OWNER_KINDS) ? 'warning' : 'info',
      messageId: 'selectorMatchesNothing',
      data: { label: labelText(selector), ns, searchedFiles: searchedFiles(index) },
      suggest,
    });
  },
});
