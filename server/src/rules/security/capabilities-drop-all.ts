import type { Node } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import {
  BASELINE_CAPABILITIES,
  SECURITY_CONTEXT_KEY,
  containerSecurityContext,
  isWindowsPod,
  PssReporter,
  removeSeqItem,
  setPath,
} from '../../rulekit/pod-security';
import { containerAnchor } from '../../rulekit/anchors';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'capabilities-drop-all';

/**
 * PSS restricted "Capabilities": every container drops ALL and adds back at most NET_BIND_SERVICE (Linux pods).
 * Adds outside the baseline set are left to capabilities-dangerous, so that one entry gets one diagnostic.
 */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'warning',
    // a restricted-profile control: at least a warning in strict, whatever the recommended default becomes
    strictSeverity: 'warning',
    fixable: true,
    fix: 'mixed',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    aliases: { polaris: ['insecureCapabilities'] },
    docs: {
      description:
        'A container that does not drop ALL capabilities keeps the runtime defaults (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_BIND_SERVICE …), which most programs never need.',
      remediation:
        'Set `securityContext.capabilities.drop: [ALL]` and add back only `NET_BIND_SERVICE` if the program binds a port below 1024.',
    },
    messages: {
      dropAllNotInCapitals:
        '{{container}} drops "{{written}}": write ALL in capitals, as Pod Security admission compares names exactly.',
      doesNotDropAll: '{{container}} does not drop ALL capabilities.',
      addsCapabilityNotInRestricted:
        '{{container}} adds capability {{name}}; the restricted profile allows adding back only NET_BIND_SERVICE.',
    },
  },
  check(ctx) {
    if (isWindowsPod(ctx)) return;
    const out = new PssReporter(ctx, ID, 'restricted');
    for (const c of ctx.containers()) {
      const capsPair = ctx.nav.pair(containerSecurityContext(ctx, c), 'capabilities');
      const caps = ctx.nav.map(capsPair?.value);
      const dropPair = ctx.nav.pair(caps, 'drop');
      const drop = ctx.nav.seq(dropPair?.value);
      const dropped = (drop?.items ?? []).map((item) => ({ item: item as Node, name: ctx.nav.str(item) }));
      if (!dropped.some((d) => d.name === 'ALL')) {
        const lower = dropped.find((d) => d.name?.trim().toUpperCase() === 'ALL');
        if (lower?.name !== undefined) {
          // The runtime may accept `all`, but admission compares the name exactly and rejects the pod.
          out.report({
            node: lower.item,
            messageId: 'dropAllNotInCapitals',
            data: { container: containerLabel(c), written: lower.name },
            fix: { title: 'Write ALL', safety: 'safe', edit: (e) => e.setValue(lower.item, 'ALL') },
          });
        } else {
          const anchor = dropPair
            ? { node: dropPair, keyOnly: true }
            : capsPair
              ? { node: capsPair, keyOnly: true }
              : containerAnchor(ctx, c, SECURITY_CONTEXT_KEY);
          out.report({
            ...anchor,
            messageId: 'doesNotDropAll',
            data: { container: containerLabel(c) },
            fix: {
              title: 'Drop ALL capabilities',
              safety: 'unsafe',
              edit: (e) =>
                drop && dropPair && drop === dropPair.value
                  ? e.appendItem(drop, 'ALL')
                  : setPath(ctx, e, c.node, ['securityContext', 'capabilities', 'drop'], ['ALL']),
            },
          });
        }
      }
      const addPair = ctx.nav.pair(caps, 'add');
      const add = ctx.nav.seq(addPair?.value);
      if (!caps || !addPair || !add) continue;
      add.items.forEach((item, index) => {
        const name = ctx.nav.str(item);
        if (name === undefined || name === 'NET_BIND_SERVICE' || !BASELINE_CAPABILITIES.has(name)) return;
        out.report({
          node: item as Node,
          messageId: 'addsCapabilityNotInRestricted',
          data: { container: containerLabel(c), name },
          fix: {
            title: `Remove ${name} from capabilities.add`,
            safety: 'unsafe',
            edit: (e) => removeSeqItem(e, add, index, { map: caps, pair: addPair }),
          },
        });
      });
    }
  },
});
