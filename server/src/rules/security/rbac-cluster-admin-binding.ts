import type { RuleContext } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import { BINDING_KINDS, grantsEverything } from '../../rulekit/security/rbac-util';
import { distinct } from '../../model/text';

export default defineRule({
  meta: {
    id: 'rbac-cluster-admin-binding',
    category: 'security',
    severity: 'warning',
    fixable: false,
    usesIndex: true,
    kinds: BINDING_KINDS,
    aliases: {
      kubeLinter: ['cluster-admin-role-binding'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
    },
    docs: {
      description:
        'A RoleBinding or ClusterRoleBinding to `cluster-admin`, or to a role defined in the workspace that grants every verb on every resource: its subjects can do anything (in the namespace, for a RoleBinding; everywhere, for a ClusterRoleBinding).',
      remediation:
        'Bind a role that lists what the subjects need; keep cluster-admin for break-glass accounts outside the manifests.',
    },
    messages: {
      bindsClusterAdmin: '{{binding}} binds {{how}}: {{subjects}} can do anything {{scope}}.',
    },
  },
  check(ctx) {
    const { nav, object } = ctx;
    const roleRef = nav.getMap(object.node, 'roleRef');
    const refKind = nav.getStr(roleRef, 'kind');
    const namePair = nav.pair(roleRef, 'name');
    const refName = nav.str(namePair?.value);
    if (!namePair || !refName || (refKind !== 'ClusterRole' && refKind !== 'Role')) return;
    let how: string;
    if (refKind === 'ClusterRole' && refName === 'cluster-admin') {
      how = 'cluster-admin';
    } else {
      // A role of our own that is cluster-admin in all but name: found wherever the workspace defines it.
      const role = ctx.index.get(refKind, refKind === 'Role' ? object.namespace : undefined, refName);
      if (!role || !grantsEverything(role.value.rules)) return;
      how = `${refKind} "${refName}", which grants every verb on every resource`;
    }
    const scope =
      object.kind === 'ClusterRoleBinding'
        ? 'in every namespace'
        : object.namespace
          ? `in namespace "${object.namespace}"`
          : 'in its namespace';
    ctx.report({
      node: nav.deref(namePair.value) ?? namePair,
      messageId: 'bindsClusterAdmin',
      data: {
        binding: object.name ? `${object.kind} "${object.name}"` : object.kind,
        how,
        subjects: subjects(ctx),
        scope,
      },
    });
  },
});

function subjects(ctx: RuleContext): string {
  const seq = ctx.nav.getSeq(ctx.object.node, 'subjects');
  const names = distinct(
    (seq?.items ?? []).flatMap((it) => {
      const m = ctx.nav.map(it);
      const kind = ctx.nav.getStr(m, 'kind');
      const name = ctx.nav.getStr(m, 'name');
      const ns = ctx.nav.getStr(m, 'namespace');
      return kind && name ? [`${kind} ${ns && kind === 'ServiceAccount' ? `${ns}/` : ''}${name}`] : [];
    }),
  );
  if (names.length === 0) return 'its subjects';
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
