import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import { containerSecurityContext, isWindowsPod, PssReporter, removeField } from '../../rulekit/pod-security';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'proc-mount-unmasked';

/** PSS baseline "/proc Mount Type": `procMount` must be unset or `Default`. */
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
    aliases: { kubeLinter: ['unsafe-proc-mount'], polaris: ['procMount'] },
    docs: {
      description:
        '`procMount: Unmasked` removes the masks the runtime puts over sensitive parts of `/proc` (such as `/proc/kcore` and `/proc/sys`).',
      remediation: 'Delete `procMount` (the default masks `/proc`).',
    },
    messages: {
      unmaskedProcMount: '{{container}} mounts /proc without the default masks (procMount: {{value}}).',
    },
  },
  check(ctx) {
    // Linux-only control: a Windows pod cannot set it
    if (isWindowsPod(ctx)) return;
    const out = new PssReporter(ctx, ID, 'baseline');
    for (const c of ctx.containers()) {
      const sc = containerSecurityContext(ctx, c);
      const pair = ctx.nav.pair(sc, 'procMount');
      const value = pair ? ctx.nav.str(pair.value) : undefined;
      if (!sc || !pair || value === undefined || value === 'Default') continue;
      out.report({
        node: pair,
        messageId: 'unmaskedProcMount',
        data: { container: containerLabel(c), value },
        fix: { title: 'Delete procMount', edit: (e) => removeField(e, sc, pair, 'Default') },
      });
    }
  },
});
