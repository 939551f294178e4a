import { defineRule } from '../../engine/rule';
import { containerLabel } from '../../model/object';
import { containerPorts, PROBE_KEYS } from '../../rulekit/probes/probe-util';
import { POD_KINDS } from '../../rulekit/kinds';

/** Probe handlers that name a port. */
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export default defineRule({
  meta: {
    id: 'probe-port-not-exposed',
    category: 'probes',
    severity: 'warning',
    fixable: false,
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['liveness-port', 'readiness-port', 'startup-port'] },
    docs: {
      description:
        "A probe whose port is not among the container's `ports`: a named port that no port carries makes the probe fail every time; a number that the container does not declare is usually a typo.",
      remediation:
        'Point the probe at a declared port, by name (`port: http`) or by number, or declare the port the probe uses.',
    },
    messages: {
      portNotTcp:
        '{{container}}: {{key}} {{handler}} port {{port}} is a {{protocols}} port; probes connect over TCP, so the probe always fails.',
      portNotDeclared:
        "{{container}}: {{key}} {{handler}} port {{port}} is not one of the container's ports ({{declared}}).",
      namedPortButNoPorts:
        '{{container}}: {{key}} {{handler}} port "{{port}}" names a port, but the container declares no ports, so the probe always fails.',
      namedPortNotFound:
        '{{container}}: {{key}} {{handler}} port "{{port}}" names no port of the container ({{declared}}), so the probe always fails.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (c.kind === 'ephemeralContainer') continue;
      const ports = containerPorts(ctx, c);
      for (const key of PROBE_KEYS) {
        const probe = ctx.nav.getMap(c.node, key);
        for (const handler of HANDLERS) {
          const portPair = ctx.nav.pair(ctx.nav.getMap(probe, handler), 'port');
          const portNode = ctx.nav.deref(portPair?.value);
          const port = ctx.nav.str(portNode);
          if (!portNode || port === undefined || port === '') continue;
          // Probes connect over TCP: a port that resolves only to UDP or SCTP ports is never answered.
          const matching = ports.filter((p) => (/^\d+$/.test(port) ? p.number === Number(port) : p.name === port));
          if (matching.length > 0 && matching.every((p) => p.protocol.toUpperCase() !== 'TCP')) {
            const protocols = [...new Set(matching.map((p) => p.protocol.toUpperCase()))].join('/');
            const shown = /^\d+$/.test(port) ? port : `"${port}"`;
            ctx.report({
              node: portNode,
              messageId: 'portNotTcp',
              data: { container: containerLabel(c), key, handler, port: shown, protocols },
            });
            continue;
          }
          if (/^\d+$/.test(port)) {
            // Container ports are informational: a probe on an undeclared number still works when nothing is declared.
            if (ports.length === 0 || ports.some((p) => p.number === Number(port))) continue;
            // each port named once, however often it is declared
            const declared = [...new Set(ports.map((p) => p.number).filter((n) => n !== undefined))].join(', ');
            ctx.report({
              node: portNode,
              messageId: 'portNotDeclared',
              data: { container: containerLabel(c), key, handler, port, declared },
            });
          } else if (!ports.some((p) => p.name === port)) {
            const names = [...new Set(ports.map((p) => p.name).filter((n) => n !== undefined))];
            const declared = names.length ? `named ports: ${names.join(', ')}` : 'none of its ports has a name';
            ctx.report({
              node: portNode,
              ...(ports.length === 0
                ? { messageId: 'namedPortButNoPorts', data: { container: containerLabel(c), key, handler, port } }
                : {
                    messageId: 'namedPortNotFound',
                    data: { container: containerLabel(c), key, handler, port, declared },
                  }),
            });
          }
        }
      }
    }
  },
});
