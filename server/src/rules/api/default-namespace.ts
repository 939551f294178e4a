import { defineRule } from '../../engine/rule';
import { CLUSTER_SCOPED } from '../../model/workspace';
import { Commented, Raw } from '../../yaml/render';

export default defineRule({
  meta: {
    id: 'default-namespace',
    category: 'api',
    severity: 'off',
    fixable: true,
    fix: 'unsafe',
    aliases: { kubeScore: ['namespace'] },
    docs: {
      description:
        'A namespaced object with no `metadata.namespace`, or in `default`: it lands wherever the current kubectl context points, and `default` shares one namespace with everything else.',
      remediation:
        'Set `metadata.namespace` to the application’s namespace (or let kustomize set it, and turn this rule off for that folder).',
    },
    messages: {
      defaultNamespace: '{{objectKind}} "{{value}}" is in the default namespace.',
      setsNoNamespace: '{{objectKind}} "{{value}}" sets no namespace.',
    },
  },
  check(ctx) {
    const { object } = ctx;
    if (CLUSTER_SCOPED.has(object.kind) || object.kind === 'List' || !object.metadata) return;
    const pair = ctx.nav.pair(object.metadata, 'namespace');
    if (pair && object.namespace !== 'default' && object.namespace !== undefined) return;
    const metadata = object.metadata;
    ctx.report({
      node: pair ?? ctx.nav.pair(object.node, 'metadata')!,
      keyOnly: !pair,
      ...(pair
        ? { messageId: 'defaultNamespace', data: { objectKind: object.kind, value: object.name ?? '' } }
        : { messageId: 'setsNoNamespace', data: { objectKind: object.kind, value: object.name ?? '' } }),
      fix: {
        title: 'Set metadata.namespace',
        edit: (e) =>
          e.ensurePath(metadata, ['namespace'], new Commented(new Raw('app'), 'TODO: the application’s namespace')),
      },
    });
  },
});
