import { defineRule } from '../../engine/rule';
import { stringMap } from '../../model/object';
import type { PortData } from '../../rulekit/lookups';
import {
  containerPortsData,
  describe,
  describeIn,
  namespaceOf,
  podOwnersSelectedByMap,
  selfOf,
} from '../../rulekit/lookups';

function portText(p: PortData): string {
  const n = p.number !== undefined ? String(p.number) : '?';
  return `${p.name ? `${p.name}=` : ''}${n}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`;
}

export default defineRule({
  meta: {
    id: 'service-port-mismatch',
    category: 'networking',
    severity: 'warning',
    fixable: false,
    usesIndex: true,
    kinds: ['Service'],
    docs: {
      description:
        'A Service port whose `targetPort` (or `port`, when `targetPort` is omitted) the selected pods do not expose: a named target port that no container port carries (with the same protocol) leaves the Service without endpoints; a number that none of the declared container ports has is usually a typo, and connections are refused.',
      remediation:
        'Point `targetPort` at a declared container port, by name (`targetPort: http`) or by number, or declare the port on the container.',
    },
    messages: {
      targetPortNotDeclared:
        '{{label}} sends traffic to port {{target}}, which the selected containers do not declare: {{missing}}.',
      defaultTargetPortNotDeclared:
        '{{label}} sends traffic to port {{target}} (targetPort defaults to port), which the selected containers do not declare: {{missing}}.',
      namedTargetPortNotFound:
        '{{label}} targets the container port named {{port}}, which the selected pods do not have: {{missing}}. Those pods get no endpoints.',
    },
  },
  check(ctx) {
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    if (ctx.nav.getStr(spec, 'type') === 'ExternalName') return;
    const selector = stringMap(ctx.nav, ctx.nav.getMap(spec, 'selector'));
    if (selector.size === 0) return;
    const ns = namespaceOf(ctx);
    // With no pods selected there is nothing to compare with (service-selector-dangling says so).
    const owners = podOwnersSelectedByMap(ctx.index, ns, selector);
    if (owners.length === 0) return;
    const self = selfOf(ctx);
    for (const item of ctx.nav.getSeq(spec, 'ports')?.items ?? []) {
      const port = ctx.nav.map(item);
      if (!port) continue;
      const targetNode = ctx.nav.get(port, 'targetPort') ?? ctx.nav.get(port, 'port');
      const target = ctx.nav.str(targetNode);
      if (!targetNode || target === undefined || target === '') continue;
      const protocol = (ctx.nav.getStr(port, 'protocol') ?? 'TCP').toUpperCase();
      const numeric = /^\d+$/.test(target);
      const missing: string[] = [];
      for (const o of owners) {
        const ports = containerPortsData(o);
        if (numeric) {
          // Declaring container ports is optional: a number is checked only against pods that declare some.
          if (ports.length === 0 || ports.some((p) => p.number === Number(target))) continue;
        } else if (ports.some((p) => p.name === target && p.protocol === protocol)) continue;
        missing.push(
          `${self ? describeIn(o, self.uri) : describe(o)} (${ports.length ? [...new Set(ports.map(portText))].join(', ') : 'no ports'})`,
        );
      }
      if (missing.length === 0) continue;
      const omitted = ctx.nav.get(port, 'targetPort') === undefined;
      const label = `Service port ${ctx.nav.getStr(port, 'name') ?? ctx.nav.getStr(port, 'port') ?? ''}`.trim();
      ctx.report({
        node: targetNode,
        ...(numeric
          ? {
              messageId: omitted ? 'defaultTargetPortNotDeclared' : 'targetPortNotDeclared',
              data: { label, target, missing: missing.join('; ') },
            }
          : {
              messageId: 'namedTargetPortNotFound',
              // the port as the pods must declare it: its name, and its protocol when not TCP
              data: {
                label,
                port: `"${target}"${protocol !== 'TCP' ? `/${protocol}` : ''}`,
                missing: missing.join('; '),
              },
            }),
      });
    }
  },
});
