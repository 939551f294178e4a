import { defineRule } from '../../engine/rule';
import { WORKLOADS } from '../../model/kinds';
import { renderBlockMap, YamlValue } from '../../yaml/render';
import { fileList, lookupNamespace, podServiceAccount } from '../../rulekit/security/service-account';

export default defineRule({
  meta: {
    id: 'service-account-not-found',
    category: 'security',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: Object.keys(WORKLOADS),
    aliases: { kubeLinter: ['non-existent-service-account'] },
    docs: {
      description:
        'A pod whose `serviceAccountName` names a ServiceAccount that no manifest in the workspace defines: unless something else creates it, the pods are rejected at admission and never start.',
      remediation: 'Define the ServiceAccount next to the workload, or fix the name.',
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
      message: `No ServiceAccount "${sa.name}"${ctx.object.namespace !== undefined ? ` in namespace "${ctx.object.namespace}"` : ''} is defined in the ${files.length === 1 ? 'file' : `${files.length} files`} searched (${fileList(files)}).`,
      fix: {
        title: `Add a ServiceAccount "${sa.name}"`,
        edit: (e) => e.appendDocument(renderBlockMap({ apiVersion: 'v1', kind: 'ServiceAccount', metadata }, 0, 2)),
      },
    });
  },
});
