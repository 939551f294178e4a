import type { YAMLMap } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { POD_KINDS } from '../../rulekit/kinds';
import { searchedFileNames } from '../../rulekit/lookups';

export default defineRule({
  meta: {
    id: 'env-ref-not-found',
    category: 'api',
    severity: 'info',
    fixable: false,
    usesIndex: true,
    kinds: POD_KINDS,
    docs: {
      description:
        'A `configMapKeyRef`/`secretKeyRef` (env) or `configMapRef`/`secretRef` (envFrom) that names a ConfigMap or Secret defined nowhere in the workspace. The pod would not start (CreateContainerConfigError) unless the object exists in the cluster.',
      remediation:
        'Define the ConfigMap or Secret in the manifests, fix the name, or mark the reference `optional: true`. Secrets are often created outside Git: then this information is expected, and can be suppressed.',
    },
    messages: {
      refNotFound:
        '{{kind}} "{{name}}" is not defined in namespace "{{namespace}}" in the workspace ({{searchedFileNames}}).',
    },
  },
  check(ctx) {
    const check = (ref: YAMLMap | undefined, kind: 'ConfigMap' | 'Secret'): void => {
      if (!ref || ctx.nav.bool(ctx.nav.get(ref, 'optional')) === true) return;
      const namePair = ctx.nav.pair(ref, 'name');
      const name = ctx.nav.str(namePair?.value);
      if (!namePair || !name || ctx.index.get(kind, ctx.namespace, name)) return;
      ctx.report({
        node: namePair,
        messageId: 'refNotFound',
        data: { kind, name, namespace: ctx.namespace, searchedFileNames: searchedFileNames(ctx) },
      });
    };
    for (const c of ctx.containers()) {
      for (const item of ctx.nav.getSeq(c.node, 'env')?.items ?? []) {
        const from = ctx.nav.getMap(ctx.nav.map(item), 'valueFrom');
        check(ctx.nav.getMap(from, 'configMapKeyRef'), 'ConfigMap');
        check(ctx.nav.getMap(from, 'secretKeyRef'), 'Secret');
      }
      for (const item of ctx.nav.getSeq(c.node, 'envFrom')?.items ?? []) {
        const m = ctx.nav.map(item);
        check(ctx.nav.getMap(m, 'configMapRef'), 'ConfigMap');
        check(ctx.nav.getMap(m, 'secretRef'), 'Secret');
      }
    }
  },
});
