import type { Node } from '../../yaml/nodes';
import { isMap, isNullScalar, isPair } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';

const PREFIX = 'pod-security.kubernetes.io/';
const LEVELS: ReadonlySet<string> = new Set(['privileged', 'baseline', 'restricted']);

/**
 * The labels the fix writes. `enforce: baseline` blocks the known privilege escalations (privileged, host
 * namespaces, hostPath, added capabilities…) without breaking ordinary workloads; `warn` and `audit` at
 * `restricted` show what a move to the restricted level would still reject, so the team can tighten later.
 */
const FIX_LABELS: ReadonlyArray<[string, string]> = [
  [`${PREFIX}enforce`, 'baseline'],
  [`${PREFIX}warn`, 'restricted'],
  [`${PREFIX}audit`, 'restricted'],
];

/** System namespaces that the cluster manages and Pod Security Admission deployments usually exempt. */
const SYSTEM: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  meta: {
    id: 'namespace-pss-label',
    category: 'security',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: ['Namespace'],
    docs: {
      description:
        'A Namespace without the `pod-security.kubernetes.io/enforce` label (or with a level that does not exist): Pod Security Admission then applies the cluster default, which is `privileged` (no checks) unless the cluster was configured otherwise.',
      remediation:
        'Label the namespace with the Pod Security level its pods must meet: `enforce: baseline` at least, with `warn`/`audit: restricted` to see what the strict level would reject.',
    },
    messages: {
      unknownPodSecurityLevel:
        '"{{level}}" is not a Pod Security level (privileged, baseline or restricted); the API server rejects this label.',
      noEnforceLabel:
        "{{namespace}} has no pod-security.kubernetes.io/enforce label: its pods get the cluster's default Pod Security level, which is privileged (nothing enforced) unless configured.",
    },
  },
  check(ctx) {
    const { object, nav } = ctx;
    if (object.name !== undefined && SYSTEM.has(object.name)) return;
    const labelsPair = nav.pair(object.metadata, 'labels');
    const labels = nav.map(labelsPair?.value);
    const enforcePair = nav.pair(labels, `${PREFIX}enforce`);
    for (const mode of ['enforce', 'warn', 'audit']) {
      const p = nav.pair(labels, PREFIX + mode);
      const level = nav.str(p?.value);
      if (p && level !== undefined && !LEVELS.has(level)) {
        ctx.report({
          node: p,
          messageId: 'unknownPodSecurityLevel',
          data: { level },
        });
      }
    }
    if (enforcePair) return;
    const missing = FIX_LABELS.filter(([k]) => !nav.pair(labels, k));
    const anchor = nav.pair(object.metadata, 'name') ?? nav.pair(object.node, 'kind') ?? object.node;
    ctx.report({
      node: anchor,
      messageId: 'noEnforceLabel',
      data: { namespace: object.name ? `Namespace "${object.name}"` : 'Namespace' },
      fix: {
        title: 'Add Pod Security labels (enforce baseline, warn and audit restricted)',
        edit: (e) => {
          const metadata = object.metadata;
          const values = Object.fromEntries(missing);
          if (!metadata) return e.ensurePath(object.node, ['metadata', 'labels'], values);
          if (!labelsPair) return e.ensurePath(metadata, ['labels'], values);
          if (!metadata.items.includes(labelsPair)) return undefined;
          const v = labelsPair.value as Node | null;
          if (v === null || isNullScalar(v)) return e.fillNull(metadata, labelsPair, values);
          if (!isMap(v) || v !== labels) return undefined;
          if (v.items.filter(isPair).length === 0) return e.setValue(v, values);
          return e.insertPairs(v, missing);
        },
      },
    });
  },
});
