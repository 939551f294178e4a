import { defineRule } from '../../engine/rule';
import type { YamlValue } from '../../yaml/render';
import { fileList } from '../../rulekit/lookups';
import { lookupNamespace, podServiceAccount } from '../../rulekit/security/service-account';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'service-account-not-found',
    category: 'security',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['non-existent-service-account'] },
    docs: {
      description:
        'A pod whose `serviceAccountName` names a ServiceAccount that no manifest in the workspace defines: unless something else creates it, the pods are rejected at admission and never start.',
      remediation: 'Define the ServiceAccount next to the workload, or fix the name.',
    },
    messages: {
      serviceAccountNotFound: 'No ServiceAccount "{{saName}}" is defined (searched: {{files}}).',
      serviceAccountNotFoundInNamespace:
        'No ServiceAccount "{{saName}}" is defined in namespace "{{namespace}}" (searched: {{files}}).',
    },
  },
  check(ctx) {
    const sa = podServiceAccount(ctx);
    if (!sa.pair || sa.name === 'default') return;
    const files = ctx.index.files();
    // With nothing indexed (a host without a workspace index) absence proves nothing.
    if (files.length === 0) return;
    if (ctx.index.get('ServiceAccount', lookupNamespace(ctx), sa.name)) return;
    const node = ctx.nav.deref(sa.pair.value) ?? sa.pair;
    const metadata: { [k: string]: YamlValue } = { name: sa.name };
    if (ctx.object.namespace !== undefined) metadata.namespace = ctx.object.namespace;
    ctx.report({
      node,
      ...(ctx.object.namespace !== undefined
        ? {
            messageId: 'serviceAccountNotFoundInNamespace',
            data: { saName: sa.name, namespace: ctx.object.namespace, files: fileList(files) },
          }
        : { messageId: 'serviceAccountNotFound', data: { saName: sa.name, files: fileList(files) } }),
      fix: {
        title: `Add a ServiceAccount "${sa.name}"`,
        edit: (e) => e.appendMap({ apiVersion: 'v1', kind: 'ServiceAccount', metadata }, 2),
      },
    });
  },
});
