import type { Pair, YAMLMap } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import { containerSecurityContext, podSecurityContext, PssReporter, removeField } from '../../rulekit/pod-security';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'host-process';

/** PSS baseline "HostProcess": `windowsOptions.hostProcess` must be unset or false, on the pod and every container. */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'error',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    aliases: { polaris: ['hostProcess'] },
    docs: {
      description:
        'A Windows HostProcess container runs directly on the node as a host process, with the access of the node itself.',
      remediation:
        'Delete `windowsOptions.hostProcess` (and `hostNetwork`), unless this is a node agent deployed to a namespace that allows privileged pods.',
    },
    messages: {
      hostProcess: '{{who}} runs as a Windows HostProcess container, with the access of the node.',
    },
  },
  check(ctx) {
    const out = new PssReporter(ctx, ID, 'baseline');
    const judge = (sc: YAMLMap | undefined, who: string): void => {
      const optsPair = ctx.nav.pair(sc, 'windowsOptions');
      const opts = ctx.nav.map(optsPair?.value);
      const pair = ctx.nav.pair(opts, 'hostProcess');
      if (!sc || !optsPair || !opts || !pair || ctx.nav.bool(pair.value) !== true) return;
      const parent: { map: YAMLMap; pair: Pair } = { map: sc, pair: optsPair };
      out.report({
        node: pair,
        messageId: 'hostProcess',
        data: { who },
        fix: { title: 'Delete hostProcess', edit: (e) => removeField(e, opts, pair, false, parent) },
      });
    };
    judge(podSecurityContext(ctx), 'The pod');
    for (const c of ctx.containers()) judge(containerSecurityContext(ctx, c), containerLabel(c));
  },
});
