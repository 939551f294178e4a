import type { YAMLMap } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import {
  containerSecurityContext,
  podSecurityContext,
  PssReporter,
  removeField,
  targetMinor,
  isWindowsPod,
} from '../../rulekit/pod-security';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'selinux-options';

/** SELinux types that PSS baseline allows, with the Kubernetes minor that added each. */
const ALLOWED_SELINUX_TYPES: Readonly<Record<string, number>> = {
  container_t: 0,
  container_init_t: 0,
  container_kvm_t: 0,
  container_engine_t: 31,
};

/** PSS baseline "SELinux": `seLinuxOptions.type` from the allowed set, and no custom `user` or `role`. */
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
    docs: {
      description:
        'A custom SELinux type (such as `spc_t`, "super-privileged container"), user or role lifts the confinement that SELinux puts on containers.',
      remediation:
        'Delete the `type`, `user` and `role` overrides (the runtime assigns `container_t`), or use one of container_t, container_init_t, container_kvm_t, container_engine_t.',
    },
    messages: {
      selinuxTypeNotAllowed: '{{who}} sets SELinux type {{value}}, which is not one of {{allowed}}.',
      customSelinuxField: '{{who}} sets a custom SELinux {{field}} ({{value}}).',
    },
  },
  check(ctx) {
    // Linux-only control: a Windows pod cannot set it
    if (isWindowsPod(ctx)) return;
    const out = new PssReporter(ctx, ID, 'baseline');
    const minor = targetMinor(ctx);
    const judge = (sc: YAMLMap | undefined, who: string): void => {
      const optsPair = ctx.nav.pair(sc, 'seLinuxOptions');
      const opts = ctx.nav.map(optsPair?.value);
      if (!sc || !optsPair || !opts) return;
      const parent = { map: sc, pair: optsPair };
      for (const field of ['type', 'user', 'role'] as const) {
        const pair = ctx.nav.pair(opts, field);
        const value = pair ? ctx.nav.str(pair.value) : undefined;
        if (!pair || value === undefined || value === '') continue;
        if (field === 'type') {
          const since = ALLOWED_SELINUX_TYPES[value];
          if (since !== undefined && minor >= since) continue;
        }
        out.report({
          node: pair,
          ...(field === 'type'
            ? {
                messageId: 'selinuxTypeNotAllowed',
                data: {
                  who,
                  value,
                  allowed: `container_t, container_init_t, container_kvm_t${minor >= 31 ? ', container_engine_t' : ''}`,
                },
              }
            : { messageId: 'customSelinuxField', data: { who, field, value } }),
          fix: { title: `Delete seLinuxOptions.${field}`, edit: (e) => removeField(e, opts, pair, '', parent) },
        });
      }
    };
    judge(podSecurityContext(ctx), 'The pod');
    for (const c of ctx.containers()) judge(containerSecurityContext(ctx, c), containerLabel(c));
  },
});
