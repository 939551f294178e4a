import type { YAMLMap } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';
import { PssReporter, removeField } from '../../rulekit/pod-security';

const ID = 'probe-host-field';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

/**
 * PSS baseline "Host Probes / Lifecycle Hooks" (checked by admission from Kubernetes 1.34): the `host` of httpGet and
 * tcpSocket handlers in probes and lifecycle hooks must be unset or empty.
 */
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
        'A probe or lifecycle hook with `host` makes the kubelet connect to another address from the node, which can be used to reach services that only the node can reach.',
      remediation:
        'Delete `host`: the kubelet then targets the pod IP. For a name-based virtual host, set an `httpHeaders` entry `Host` instead.',
    },
    messages: {
      probeConnectsToHost: '{{container}} {{where}}.{{kind}} connects to host {{host}} instead of the pod.',
    },
  },
  check(ctx) {
    const out = new PssReporter(ctx, ID, 'baseline', 34);
    for (const c of ctx.containers()) {
      // only the probes and hooks the container has (most have none of them, or one or two)
      const handlers: Array<[string, YAMLMap]> = [];
      for (let i = 0; i < PROBES.length; i++) {
        const owner = ctx.nav.getMap(c.node, PROBES[i]);
        if (owner) handlers.push([PROBES[i], owner]);
      }
      const lifecycle = ctx.nav.getMap(c.node, 'lifecycle');
      if (lifecycle)
        for (let i = 0; i < HOOKS.length; i++) {
          const owner = ctx.nav.getMap(lifecycle, HOOKS[i]);
          if (owner) handlers.push([`lifecycle.${HOOKS[i]}`, owner]);
        }
      for (const [where, owner] of handlers) {
        for (const kind of HANDLERS) {
          const handler = ctx.nav.getMap(owner, kind);
          const pair = ctx.nav.pair(handler, 'host');
          const host = pair ? ctx.nav.str(pair.value) : undefined;
          if (!handler || !pair || host === undefined || host === '') continue;
          out.report({
            node: pair,
            messageId: 'probeConnectsToHost',
            data: { container: containerLabel(c), where, kind, host },
            fix: { title: 'Delete host', edit: (e) => removeField(e, handler, pair, '') },
          });
        }
      }
    }
  },
});
