import type { Node } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import {
  BASELINE_CAPABILITIES,
  containerSecurityContext,
  normalizeCapability,
  PssReporter,
  removeSeqItem,
  isWindowsPod,
} from '../../rulekit/pod-security';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'capabilities-dangerous';

/** Capabilities that amount to root on the node (or close to it): adding one is an error in every profile. */
const DANGEROUS: Readonly<Record<string, string>> = {
  ALL: 'every capability, root in all but name',
  SYS_ADMIN: 'mounts, namespaces and most of what root can do',
  NET_ADMIN: 'control of the pod network: interfaces, routes, iptables',
  SYS_MODULE: 'loading kernel modules into the node',
  SYS_PTRACE: 'tracing and injecting into other processes',
  SYS_RAWIO: 'raw I/O on devices and kernel memory',
  SYS_BOOT: 'rebooting the node',
  SYS_TIME: "setting the node's clock",
  DAC_READ_SEARCH: 'reading any file regardless of permissions (and open_by_handle escapes)',
  BPF: 'loading eBPF programs into the kernel',
  PERFMON: 'kernel performance monitoring and eBPF tracing',
  MAC_ADMIN: 'changing the mandatory access control policy',
  MAC_OVERRIDE: 'bypassing the mandatory access control policy',
  LINUX_IMMUTABLE: 'changing immutable and append-only files',
};

/**
 * PSS baseline "Capabilities": `capabilities.add` may hold only the runtime's default set (AUDIT_WRITE … SYS_CHROOT).
 * Adding a capability from DANGEROUS is an error; any other capability outside the baseline set is a warning.
 */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'error',
    fixable: true,
    fix: 'mixed',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    aliases: { polaris: ['dangerousCapabilities'] },
    docs: {
      description:
        'A container that adds a Linux capability outside the Pod Security baseline set (ALL, SYS_ADMIN, NET_ADMIN, SYS_MODULE, SYS_PTRACE, NET_RAW …) gains powers that lead out of the container.',
      remediation:
        'Remove the capability from `securityContext.capabilities.add`; keep only what the program needs from the baseline set.',
    },
    messages: {
      addsDangerousCapability: '{{container}} adds capability {{name}}: {{danger}}.',
      addsCapabilityOutsideBaseline:
        '{{container}} adds capability {{name}}, which is outside the Pod Security baseline set.',
      addsBaselineCapabilityMisspelled:
        '{{container}} adds capability {{name}}, which is outside the Pod Security baseline set (write it as {{canonical}}: Pod Security admission compares names exactly).',
    },
  },
  check(ctx) {
    // Linux-only control: a Windows pod cannot set it
    if (isWindowsPod(ctx)) return;
    const out = new PssReporter(ctx, ID, 'baseline');
    for (const c of ctx.containers()) {
      const caps = ctx.nav.getMap(containerSecurityContext(ctx, c), 'capabilities');
      const addPair = ctx.nav.pair(caps, 'add');
      const add = ctx.nav.seq(addPair?.value);
      if (!caps || !addPair || !add) continue;
      add.items.forEach((item, index) => {
        const name = ctx.nav.str(item);
        // Admission compares the names exactly as written, so `chown` or `CAP_CHOWN` is outside the set too.
        if (name === undefined || BASELINE_CAPABILITIES.has(name)) return;
        const canonical = normalizeCapability(name);
        const danger = DANGEROUS[canonical];
        const misspelled = canonical !== name && BASELINE_CAPABILITIES.has(canonical);
        out.report({
          node: item as Node,
          severity: danger ? undefined : 'warning',
          ...(danger
            ? { messageId: 'addsDangerousCapability', data: { container: containerLabel(c), name, danger } }
            : misspelled
              ? {
                  messageId: 'addsBaselineCapabilityMisspelled',
                  data: { container: containerLabel(c), name, canonical },
                }
              : { messageId: 'addsCapabilityOutsideBaseline', data: { container: containerLabel(c), name } }),
          fix: misspelled
            ? { title: `Write ${canonical}`, safety: 'safe', edit: (e) => e.setValue(item as Node, canonical) }
            : {
                title: `Remove ${name} from capabilities.add`,
                safety: 'unsafe',
                edit: (e) => removeSeqItem(e, add, index, { map: caps, pair: addPair }),
              },
        });
      });
    }
  },
});
