import { isHelmHookObject } from '../../rulekit/helm-hook';
import { defineRule } from '../../engine/rule';
import { podMetadataOf, stringMap } from '../../model/object';
import { matchesSelector, parseLabelSelector } from '../../model/selector';
import type { WorkspaceIndexView } from '../../model/workspace';
import type { YamlValue } from '../../yaml/render';
import { Commented } from '../../yaml/render';
import { asRecord, namespaceOf, searchedFiles, selectsAll } from '../../rulekit/lookups';
import { POD_OWNER_KINDS } from '../../rulekit/kinds';
import { governsIngress } from '../../rulekit/networking/policy-types';

/** Whether some NetworkPolicy of the namespace selects pods with these labels. */
function isolatedBy(index: WorkspaceIndexView, namespace: string, labels: ReadonlyMap<string, string>): boolean {
  return index.objects('NetworkPolicy').some((p) => {
    if (p.namespace !== namespace) return false;
    // An egress-only policy does not isolate the pods for ingress
    if (!governsIngress(p.value.spec)) return false;
    const raw = asRecord(p.value.spec)?.podSelector;
    if (selectsAll(raw)) return true;
    return matchesSelector(parseLabelSelector(raw).selector, labels);
  });
}

/** A NetworkPolicy name not yet taken in the namespace. */
function freeName(index: WorkspaceIndexView, namespace: string, base: string): string {
  const taken = new Set(
    index
      .objects('NetworkPolicy')
      .filter((p) => p.namespace === namespace)
      .map((p) => p.name),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export default defineRule({
  meta: {
    id: 'networkpolicy-missing',
    category: 'networking',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: POD_OWNER_KINDS,
    aliases: { kubeLinter: ['non-isolated-pod'], polaris: ['missingNetworkPolicy'], kubeScore: ['pod-networkpolicy'] },
    docs: {
      description:
        'A workload whose pods no NetworkPolicy of their namespace selects: they accept connections from every pod of the cluster, so one compromised pod can reach them all.',
      remediation:
        'Add a NetworkPolicy that selects the pods and allows only the traffic they need (start from a default-deny policy).',
    },
    messages: {
      noPolicySelectsPods:
        'No NetworkPolicy in namespace "{{ns}}" selects the pods of {{what}} ({{searchedFiles}}): they accept connections from any pod in the cluster.',
    },
  },
  check(ctx) {
    // a Helm hook (test Pod, hook Job) is not part of the running application
    if (isHelmHookObject(ctx)) return;
    const index = ctx.index;
    if (index.files().length === 0) return;
    const podSpec = ctx.podSpec();
    // NetworkPolicies do not apply to pods on the host network.
    if (ctx.nav.bool(ctx.nav.get(podSpec, 'hostNetwork')) === true) return;
    const labels = stringMap(ctx.nav, ctx.nav.getMap(podMetadataOf(ctx.object), 'labels'));
    const ns = namespaceOf(ctx);
    if (isolatedBy(index, ns, labels)) return;
    const anchor =
      ctx.nav.deref(ctx.nav.pair(ctx.object.metadata, 'name')?.value) ??
      ctx.nav.pair(ctx.object.node, 'kind') ??
      ctx.object.node;
    const what = `${ctx.object.kind}${ctx.object.name ? ` "${ctx.object.name}"` : ''}`;
    // The policy selects the pods by their identity labels (the workload's selector), else by all pod labels.
    const selectorRaw = asRecord(
      ctx.nav.plain(ctx.nav.pair(ctx.nav.getMap(ctx.object.node, 'spec'), 'selector')?.value),
    )?.matchLabels;
    let matchLabels: { [k: string]: YamlValue } = Object.fromEntries(labels);
    const own = asRecord(selectorRaw);
    if (own && Object.keys(own).length > 0 && Object.entries(own).every(([k, v]) => labels.get(k) === String(v))) {
      matchLabels = Object.fromEntries(Object.entries(own).map(([k, v]) => [k, String(v)]));
    }
    const canFix = Object.keys(matchLabels).length > 0;
    const metadata: { [k: string]: YamlValue } = {
      name: freeName(index, ns, `${ctx.object.name ?? 'pods'}-default-deny`),
    };
    if (ctx.object.namespace !== undefined) metadata.namespace = ctx.object.namespace;
    const policy: { [k: string]: YamlValue } = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata,
      spec: {
        podSelector: { matchLabels },
        // Ingress only: denying egress too would cut DNS and every outgoing call at once; that is a decision for
        // the author, made with the egress rules the pods need.
        policyTypes: ['Ingress'],
        ingress: new Commented([], 'TODO: allow the traffic these pods must accept'),
      },
    };
    ctx.report({
      node: anchor,
      messageId: 'noPolicySelectsPods',
      data: { ns, what, searchedFiles: searchedFiles(index) },
      fix: canFix
        ? {
            title: `Add a default-deny NetworkPolicy for the pods of ${what}`,
            edit: (e) => e.appendMap(policy, 2),
          }
        : undefined,
    });
  },
});
