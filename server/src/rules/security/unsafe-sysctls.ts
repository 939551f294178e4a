import { defineRule } from '../../engine/rule';
import { POD_KINDS } from '../../rulekit/kinds';
import { podSecurityContext, PssReporter, removeSeqItem, targetMinor } from '../../rulekit/pod-security';

const ID = 'unsafe-sysctls';

/** The "safe" sysctls of PSS baseline, with the Kubernetes minor that added each to the set. */
const SAFE_SYSCTLS: Readonly<Record<string, number>> = {
  'kernel.shm_rmid_forced': 0,
  'net.ipv4.ip_local_port_range': 0,
  'net.ipv4.ip_unprivileged_port_start': 0,
  'net.ipv4.tcp_syncookies': 0,
  'net.ipv4.ping_group_range': 0,
  'net.ipv4.ip_local_reserved_ports': 27,
  'net.ipv4.tcp_keepalive_time': 29,
  'net.ipv4.tcp_fin_timeout': 29,
  'net.ipv4.tcp_keepalive_intvl': 29,
  'net.ipv4.tcp_keepalive_probes': 29,
};

/** PSS baseline "Sysctls": `spec.securityContext.sysctls[*].name` must be in the safe set of the target version. */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    aliases: { kubeLinter: ['unsafe-sysctls'] },
    docs: {
      description:
        'A sysctl outside the safe set is either not namespaced (it changes the whole node) or not isolated from other pods; the kubelet refuses such pods unless explicitly allowed.',
      remediation:
        'Remove the sysctl, or run the workload on dedicated nodes whose kubelet allows it, in a namespace that allows privileged pods.',
    },
    messages: {
      unsafeSysctl: 'Sysctl {{name}} is {{why}}: it is not isolated to the pod.',
    },
  },
  check(ctx) {
    const sc = podSecurityContext(ctx);
    const pair = ctx.nav.pair(sc, 'sysctls');
    const seq = ctx.nav.seq(pair?.value);
    if (!sc || !pair || !seq) return;
    const out = new PssReporter(ctx, ID, 'baseline');
    const minor = targetMinor(ctx);
    seq.items.forEach((item, index) => {
      const entry = ctx.nav.map(item);
      const namePair = ctx.nav.pair(entry, 'name');
      const name = namePair ? ctx.nav.str(namePair.value) : undefined;
      if (!namePair || name === undefined) return;
      const since = SAFE_SYSCTLS[name];
      if (since !== undefined && minor >= since) return;
      const why =
        since !== undefined
          ? `only safe from Kubernetes 1.${since} (target ${ctx.settings.kubernetesVersion})`
          : 'not in the safe set';
      out.report({
        node: namePair,
        messageId: 'unsafeSysctl',
        data: { name, why },
        fix: { title: `Remove sysctl ${name}`, edit: (e) => removeSeqItem(e, seq, index, { map: sc, pair }) },
      });
    });
  },
});
