import { isSeq } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { distinct } from '../../model/text';

export default defineRule({
  meta: {
    id: 'service-external-ips',
    category: 'networking',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: ['Service'],
    docs: {
      description:
        'A Service with `spec.externalIPs`: any address listed is routed to the Service by every node, so whoever can create Services can intercept traffic to that IP (CVE-2020-8554). Most clusters block the field with the DenyServiceExternalIPs admission plugin.',
      remediation: 'Delete `externalIPs`; expose the Service with `type: LoadBalancer` or an Ingress instead.',
    },
    messages: {
      externalIps:
        'Service sets externalIPs ({{list}}): every node routes those addresses to it, which lets Service authors intercept traffic (CVE-2020-8554).',
    },
  },
  check(ctx) {
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const pair = ctx.nav.pair(spec, 'externalIPs');
    if (!pair || !spec) return;
    const value = ctx.nav.deref(pair.value);
    // `externalIPs: []` (or null) routes nothing.
    if (!isSeq(value) || value.items.length === 0) return;
    const own = spec.items.includes(pair);
    ctx.report({
      node: pair,
      keyOnly: true,
      messageId: 'externalIps',
      data: {
        list: distinct(value.items.map((i) => ctx.nav.str(i)).filter((s) => s !== undefined)).join(', '),
      },
      fix: own ? { title: 'Delete externalIPs', edit: (e) => e.removePair(spec, pair) } : undefined,
    });
  },
});
