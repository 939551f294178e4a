import type { Node, YAMLMap } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import { asArray, asRecord, asText, heldNearby, namespaceOf, searchedFiles, similarNames } from '../../rulekit/lookups';

interface BackendRef {
  /** The Service name node and its text. */
  readonly nameNode: Node;
  readonly name: string;
  /** The port node (number or name), when written. */
  readonly portNode: Node | undefined;
  readonly port: string | undefined;
}

/**
 * Every Service backend of an Ingress: `defaultBackend` and each path's `backend` in networking.k8s.io/v1
 * (`service.name`, `service.port.number|name`), and the older `backend`/`serviceName`/`servicePort` shape.
 */
function ingressBackends(ctx: RuleContext): BackendRef[] {
  const nav = ctx.nav;
  const spec = nav.getMap(ctx.object.node, 'spec');
  const backends: YAMLMap[] = [];
  for (const key of ['defaultBackend', 'backend']) {
    const b = nav.getMap(spec, key);
    if (b) backends.push(b);
  }
  for (const rule of nav.getSeq(spec, 'rules')?.items ?? []) {
    for (const path of nav.getSeq(nav.getMap(nav.map(rule), 'http'), 'paths')?.items ?? []) {
      const b = nav.getMap(nav.map(path), 'backend');
      if (b) backends.push(b);
    }
  }
  const out: BackendRef[] = [];
  for (const b of backends) {
    const service = nav.getMap(b, 'service');
    if (service) {
      const nameNode = nav.get(service, 'name');
      const name = nav.str(nameNode);
      const portMap = nav.getMap(service, 'port');
      const portNode = nav.get(portMap, 'number') ?? nav.get(portMap, 'name');
      if (nameNode && name) out.push({ nameNode, name, portNode, port: nav.str(portNode) });
      continue;
    }
    const nameNode = nav.get(b, 'serviceName');
    const name = nav.str(nameNode);
    const portNode = nav.get(b, 'servicePort');
    if (nameNode && name) out.push({ nameNode, name, portNode, port: nav.str(portNode) });
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'ingress-backend-dangling',
    category: 'networking',
    severity: 'warning',
    fixable: false,
    // no preferred fix, but "did you mean" suggestions: guesses, so unsafe
    fix: 'unsafe',
    usesIndex: true,
    kinds: ['Ingress'],
    aliases: { kubeLinter: ['dangling-ingress'], kubeScore: ['ingress-targets-service'] },
    docs: {
      description:
        "An Ingress backend that names a Service no manifest of the workspace defines in the Ingress's namespace, or a port (number or name) that the Service does not have: the controller answers 503 for those paths.",
      remediation: 'Fix the Service name or port, or define the Service next to the Ingress.',
    },
    messages: {
      serviceNotFound:
        'No Service "{{bName}}" in namespace "{{ns}}" is defined ({{searchedFiles}}): the Ingress answers 503 for this backend.',
      servicePortNotFound:
        'Service "{{bName}}" has no port {{port}} (its ports: {{list}}): the Ingress answers 503 for this backend.',
      serviceNamedPortNotFound:
        'Service "{{bName}}" has no port named "{{port}}" (its ports: {{list}}): the Ingress answers 503 for this backend.',
    },
  },
  check(ctx) {
    const index = ctx.index;
    if (index.files().length === 0) return;
    const ns = namespaceOf(ctx);
    const services = index.objects('Service').filter((s) => s.namespace === ns && s.name);
    for (const b of ingressBackends(ctx)) {
      const svc = services.find((s) => s.name === b.name);
      if (!svc) {
        const close = similarNames(
          b.name,
          services.map((s) => s.name!),
        );
        ctx.report({
          node: b.nameNode,
          // Services of this namespace defined here: a missing one is likely a typo; otherwise it may live elsewhere.
          severity: heldNearby(ctx, ['Service']) ? 'warning' : 'info',
          messageId: 'serviceNotFound',
          data: { bName: b.name, ns, searchedFiles: searchedFiles(index) },
          suggest: close.map((name) => ({ title: `Use Service "${name}"`, edit: (e) => e.setValue(b.nameNode, name) })),
        });
        continue;
      }
      if (!b.portNode || b.port === undefined) continue;
      const ports = asArray(asRecord(svc.value.spec)?.ports)
        .map(asRecord)
        .filter((p): p is Record<string, unknown> => !!p);
      const numeric = /^\d+$/.test(b.port);
      const found = ports.some((p) => (numeric ? asText(p.port) === b.port : asText(p.name) === b.port));
      if (found) continue;
      const list =
        [...new Set(ports.map((p) => (asText(p.name) ? `${asText(p.name)}=${asText(p.port)}` : asText(p.port))))].join(
          ', ',
        ) || 'none';
      const portNode = b.portNode;
      ctx.report({
        node: portNode,
        messageId: numeric ? 'servicePortNotFound' : 'serviceNamedPortNotFound',
        data: { bName: b.name, port: b.port, list },
        suggest: ports
          .map((p) => (numeric ? asText(p.port) : asText(p.name)))
          .filter((v): v is string => v !== undefined && (!numeric || /^\d+$/.test(v)))
          .slice(0, 3)
          .map((v) => ({ title: `Use port ${v}`, edit: (e) => e.setValue(portNode, numeric ? Number(v) : v) })),
      });
    }
  },
});
