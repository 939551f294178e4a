import type { RuleMeta } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import { isSuppressedByAnnotation, suppressionAnnotations } from '../../engine/suppressions';
import { POD_KINDS } from '../../rulekit/kinds';
import { PssReporter, removeField } from '../../rulekit/pod-security';

const ID = 'host-namespaces';

/**
 * The anchor tools check each host namespace separately, so their ignore annotations are matched per field here
 * (an `ignore-check.kube-linter.io/host-network` must not silence `hostPID: true`), not through `meta.aliases`.
 */
const HOST_NAMESPACE_ALIASES: Readonly<Record<string, { kubeLinter: string[]; polaris: string[] }>> = {
  hostNetwork: { kubeLinter: ['host-network'], polaris: ['hostNetworkSet'] },
  hostPID: { kubeLinter: ['host-pid'], polaris: ['hostPIDSet'] },
  hostIPC: { kubeLinter: ['host-ipc'], polaris: ['hostIPCSet'] },
};

const WHAT: Readonly<Record<string, string>> = {
  hostNetwork: "the node's network: it can bind any node port and reach services listening on localhost",
  hostPID: "the node's process table: it can see, signal and trace every process on the node",
  hostIPC: "the node's IPC namespace: it can read other processes' shared memory",
};

/** PSS baseline "Host Namespaces": `hostNetwork`, `hostPID` and `hostIPC` must be unset or false. */
const meta = {
  id: ID,
  category: 'security',
  severity: 'error',
  fixable: true,
  fix: 'unsafe',
  kinds: POD_KINDS,
  usesIndex: true,
  docs: {
    description:
      'A pod with `hostNetwork`, `hostPID` or `hostIPC` set to true shares that namespace with the node and every other process on it.',
    remediation: 'Delete the field (false is the default); expose ports through a Service instead of the host network.',
  },
  messages: { sharesHostNamespace: 'The pod shares {{what}} ({{field}}: true).' },
} as const satisfies RuleMeta;

export default defineRule({
  meta,
  check(ctx) {
    const spec = ctx.podSpec();
    if (!spec) return;
    const out = new PssReporter(ctx, ID, 'baseline');
    let annotations: Map<string, string> | undefined;
    for (const field of Object.keys(HOST_NAMESPACE_ALIASES)) {
      const pair = ctx.nav.pair(spec, field);
      if (!pair || ctx.nav.bool(pair.value) !== true) continue;
      annotations ??= suppressionAnnotations(ctx.object);
      const fieldMeta: RuleMeta = { ...meta, aliases: HOST_NAMESPACE_ALIASES[field] };
      if (isSuppressedByAnnotation(fieldMeta, annotations)) continue;
      out.report({
        node: pair,
        messageId: 'sharesHostNamespace',
        data: { what: WHAT[field], field },
        fix: { title: `Delete ${field}`, edit: (e) => removeField(e, spec, pair, false) },
      });
    }
  },
});
