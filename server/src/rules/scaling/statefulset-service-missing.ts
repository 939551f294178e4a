import type { Node } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { containersData, dig, labelsObject } from '../../model/relations';
import type { IndexedObject } from '../../model/workspace';
import type { YamlValue } from '../../yaml/render';
import { identityLabelsOf } from '../../rulekit/scaling/util';
import { namespaceOf, notFoundSeverity, searchedFiles, selfOf } from '../../rulekit/lookups';

/** The ports of a headless Service for the StatefulSet's containers (names required once there are several). */
function servicePorts(sts: IndexedObject): YamlValue[] {
  const seen = new Set<string>();
  const out: Array<Record<string, YamlValue>> = [];
  for (const c of containersData(sts)) {
    for (const p of c.ports) {
      const protocol = (p.protocol ?? 'TCP').toUpperCase();
      const key = `${p.containerPort}/${protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const port: Record<string, YamlValue> = {
        name: p.name ?? `port-${p.containerPort}`,
        port: p.containerPort,
        targetPort: p.name ?? p.containerPort,
      };
      if (protocol !== 'TCP') port.protocol = protocol;
      out.push(port);
    }
  }
  // A single port needs no name; keep the container's name when it has one (probes and Services refer to it).
  if (out.length === 1 && out[0].name === `port-${String(out[0].port)}`) delete out[0].name;
  return out;
}

export default defineRule({
  meta: {
    id: 'statefulset-service-missing',
    category: 'scaling',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: ['StatefulSet'],
    aliases: { kubeScore: ['statefulset-has-servicename'] },
    docs: {
      description:
        "A StatefulSet whose `serviceName` names no headless Service (`clusterIP: None`) of its namespace: its pods get no stable DNS names (`<pod>.<service>`), which is what peers of a StatefulSet use to find one another. Information when the namespace's Services plausibly live elsewhere; a warning when the workspace holds them, or when the Service exists but is not headless.",
      remediation:
        "Add a headless Service named as `serviceName`, selecting the StatefulSet's pods, or correct `serviceName`.",
    },
    messages: {
      serviceNotHeadless:
        'Service "{{serviceName}}" is not headless (clusterIP {{clusterIP}}): the StatefulSet\'s pods get no stable DNS names. Set `clusterIP: None` (it cannot change on an existing Service: recreate it).',
      headlessServiceNotFound:
        'No headless Service "{{serviceName}}" is defined in namespace "{{ns}}" ({{searchedFiles}}): the StatefulSet\'s pods get no stable DNS names.',
      // The same, when the namespace's Services plausibly live outside the workspace (information, not a warning).
      headlessServiceNotFoundMaybeOutside:
        'No headless Service "{{serviceName}}" is defined in namespace "{{ns}}" ({{searchedFiles}}): the StatefulSet\'s pods get no stable DNS names. It may be defined outside the workspace.',
    },
  },
  check(ctx) {
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const pair = ctx.nav.pair(spec, 'serviceName');
    const serviceName = ctx.nav.str(pair?.value);
    if (!pair || !serviceName) return; // optional: without it the pods get no per-pod DNS names, by choice
    const ns = namespaceOf(ctx);
    const found = ctx.index.get('Service', ns, serviceName);
    const svc = found && found.namespace === ns ? found : undefined;
    const node = pair.value as Node;
    if (svc) {
      const clusterIP = dig(svc.value, 'spec', 'clusterIP');
      if (clusterIP === 'None') return;
      ctx.report({
        node,
        messageId: 'serviceNotHeadless',
        data: { serviceName, clusterIP: clusterIP === undefined ? 'unset' : String(clusterIP) },
        severity: 'warning',
      });
      return;
    }
    const self = selfOf(ctx);
    const severity = notFoundSeverity(ctx.index, self, ['Service']);
    const labels = identityLabelsOf(ctx);
    ctx.report({
      node,
      messageId: severity === 'info' ? 'headlessServiceNotFoundMaybeOutside' : 'headlessServiceNotFound',
      data: { serviceName, ns, searchedFiles: searchedFiles(ctx.index) },
      severity,
      fix:
        !self || labels.size === 0
          ? undefined
          : {
              title: `Add headless Service "${serviceName}"`,
              edit: (e) => {
                const metadata: Record<string, YamlValue> = { name: serviceName };
                if (ctx.object.namespace !== undefined) metadata.namespace = ctx.object.namespace;
                const svcSpec: Record<string, YamlValue> = { clusterIP: 'None', selector: labelsObject(labels) };
                const ports = servicePorts(self);
                if (ports.length > 0) svcSpec.ports = ports;
                const doc = { apiVersion: 'v1', kind: 'Service', metadata, spec: svcSpec };
                return e.appendMap(doc);
              },
            },
    });
  },
});
