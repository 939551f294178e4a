import { defineRule } from '../../engine/rule';
import type { YamlValue } from '../../yaml/render';
import { Commented } from '../../yaml/render';

export default defineRule({
  meta: {
    id: 'ingress-tls-missing',
    category: 'networking',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: ['Ingress'],
    aliases: { polaris: ['tlsSettingsMissing'] },
    docs: {
      description:
        'An Ingress without `spec.tls`: its hosts are served over plain HTTP, so credentials and cookies cross the network unencrypted.',
      remediation:
        'Add a `tls` entry for the Ingress hosts with the Secret that holds the certificate (cert-manager can create it).',
    },
    messages: {
      noTls: '{{ingress}} has no tls section: it is served over plain HTTP.',
      noTlsForHost: '{{ingress}} has no tls section: {{hosts}} is served over plain HTTP.',
      noTlsForHosts: '{{ingress}} has no tls section: {{hosts}} are served over plain HTTP.',
    },
  },
  check(ctx) {
    const root = ctx.object.node;
    const spec = ctx.nav.getMap(root, 'spec');
    const tls = ctx.nav.getSeq(spec, 'tls');
    if (tls && tls.items.length > 0) return;
    const hosts: string[] = [];
    for (const rule of ctx.nav.getSeq(spec, 'rules')?.items ?? []) {
      const host = ctx.nav.getStr(ctx.nav.map(rule), 'host');
      if (host && !hosts.includes(host)) hosts.push(host);
    }
    const secret = `${ctx.object.name ?? 'ingress'}-tls`;
    const entry: { [k: string]: YamlValue } = {};
    if (hosts.length) entry.hosts = hosts;
    entry.secretName = new Commented(secret, 'TODO: a Secret of type kubernetes.io/tls with the certificate');
    const specPair = ctx.nav.pair(root, 'spec');
    const ingress = ctx.object.name ? `Ingress "${ctx.object.name}"` : 'Ingress';
    ctx.report({
      node: ctx.nav.pair(spec, 'tls') ?? specPair ?? ctx.nav.pair(root, 'kind') ?? root,
      keyOnly: true,
      ...(hosts.length === 0
        ? { messageId: 'noTls', data: { ingress } }
        : {
            messageId: hosts.length === 1 ? 'noTlsForHost' : 'noTlsForHosts',
            data: { ingress, hosts: hosts.join(', ') },
          }),
      fix: {
        title: `Add a tls entry (secretName ${secret})`,
        edit: (e) => e.ensurePath(root, ['spec', 'tls'], [entry]),
      },
    });
  },
});
