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
      ingressHasNoTls: 'Ingress{{detail}} has no tls section: {{detail2}} served over plain HTTP.',
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
    ctx.report({
      node: ctx.nav.pair(spec, 'tls') ?? specPair ?? ctx.nav.pair(root, 'kind') ?? root,
      keyOnly: true,
      messageId: 'ingressHasNoTls',
      data: {
        detail: ctx.object.name ? ` "${ctx.object.name}"` : '',
        detail2: hosts.length ? `${hosts.join(', ')} ${hosts.length === 1 ? 'is' : 'are'}` : 'it is',
      },
      fix: {
        title: `Add a tls entry (secretName ${secret})`,
        edit: (e) => e.ensurePath(root, ['spec', 'tls'], [entry]),
      },
    });
  },
});
