import { defineRule } from '../../engine/rule';
import type { RuleContext } from '../../engine/rule';
import { CURRENT_API_VERSION } from '../../model/kinds';
import { CLUSTER_SCOPED } from '../../model/workspace';
import { kindType } from '../../schema/fields';
import { Commented, Raw } from '../../yaml/render';

export default defineRule({
  meta: {
    id: 'default-namespace',
    category: 'api',
    severity: 'off',
    fixable: true,
    fix: 'unsafe',
    // the index: whether a custom resource's kind is namespaced is its CRD's `scope`
    usesIndex: true,
    aliases: { kubeScore: ['namespace'] },
    docs: {
      description:
        'A namespaced object with no `metadata.namespace`, or in `default`: it lands wherever the current kubectl context points, and `default` shares one namespace with everything else.',
      remediation:
        'Set `metadata.namespace` to the application’s namespace (or let kustomize set it, and turn this rule off for that folder).',
    },
    messages: {
      inDefaultNamespace: '{{objectKind}} "{{value}}" is in the default namespace.',
      setsNoNamespace: '{{objectKind}} "{{value}}" sets no namespace.',
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (CLUSTER_SCOPED.has(object.kind) || object.kind === 'List' || !object.metadata) return;
    if (!knownNamespaced(ctx)) return;
    const pair = ctx.nav.pair(object.metadata, 'namespace');
    if (pair && object.namespace !== 'default' && object.namespace !== undefined) return;
    const metadata = object.metadata;
    ctx.report({
      node: pair ?? ctx.nav.pair(object.node, 'metadata')!,
      keyOnly: !pair,
      ...(pair
        ? { messageId: 'inDefaultNamespace', data: { objectKind: object.kind, value: object.name ?? '' } }
        : { messageId: 'setsNoNamespace', data: { objectKind: object.kind, value: object.name ?? '' } }),
      fix: {
        title: 'Set metadata.namespace',
        edit: (e) =>
          e.ensurePath(metadata, ['namespace'], new Commented(new Raw('app'), 'TODO: the application’s namespace')),
      },
    });
  },
});

/**
 * Whether the object's kind is known to be namespaced: a built-in kind (not cluster-scoped), or a custom resource
 * whose CRD in the workspace says `scope: Namespaced`. A kind nothing describes (a ClusterIssuer without its CRD)
 * may be cluster-scoped: nothing is said about it.
 */
function knownNamespaced(ctx: RuleContext): boolean {
  const { apiVersion, kind } = ctx.object;
  if (kindType(apiVersion, kind) || Object.prototype.hasOwnProperty.call(CURRENT_API_VERSION, kind)) return true;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return ctx.index.objects('CustomResourceDefinition').some((crd) => {
    const spec = crd.value.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
    return spec?.names?.kind === kind && spec.group === group && spec.scope === 'Namespaced';
  });
}
