import { defineRule } from '../../engine/rule';
import type { RuleContext } from '../../engine/rule';
import { containerAnchor } from '../../rulekit/anchors';
import { longRunningContainers, probeFix } from '../../rulekit/probes/probe-util';
import { containerLabel } from '../../model/object';
import { describeObject, podLabelsOf, servicesSelecting } from '../../model/relations';
import { POD_KINDS } from '../../rulekit/kinds';

/**
 * Kinds whose pods nothing counts as available: a bare Pod, and a PodTemplate (a description other objects copy).
 * Readiness gates only a Service's endpoints for them, so they are checked only when a Service selects them.
 */
const UNCONTROLLED = new Set(['Pod', 'PodTemplate']);

/** The Services of the namespace whose selector picks the pods this object describes. */
function selectingServices(ctx: RuleContext): string[] {
  const labels = ctx.self ? podLabelsOf(ctx.self) : undefined;
  if (!labels || labels.size === 0) return [];
  return servicesSelecting(ctx.index.objects('Service', ctx.namespace), labels)
    .map((s) => describeObject(s))
    .filter((name, i, all) => all.indexOf(name) === i); // one Service written in two files (a split and an all-in-one)
}

/** `Service "web"`, `Services "web" and "web-admin"`. */
function serviceList(names: string[]): string {
  if (names.length === 1) return names[0]!;
  const quoted = names.map((n) => n.replace(/^Service /, ''));
  return `Services ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

export default defineRule({
  meta: {
    id: 'readiness-probe-missing',
    category: 'probes',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    // a bare Pod is reported only when a Service selects it
    usesIndex: true,
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['no-readiness-probe'], polaris: ['readinessProbeMissing'], kubeScore: ['pod-probes'] },
    docs: {
      description:
        'A long-running container without a readinessProbe: Services send it traffic as soon as the process starts, and a rolling update counts it ready before it can serve. A bare Pod that no Service selects is not reported: nothing would act on its readiness.',
      remediation:
        'Add a `readinessProbe` that succeeds only when the container can serve requests (an HTTP endpoint, a TCP port or a command).',
    },
    messages: {
      servedAndAvailable:
        '{{container}} has no readinessProbe: it gets traffic from {{services}}, and the {{kind}} counts it available, as soon as it starts, before it can serve.',
      available:
        '{{container}} has no readinessProbe: the {{kind}} counts it available as soon as it starts, before it can serve.',
      served:
        '{{container}} has no readinessProbe: it gets traffic from {{services}} as soon as it starts, before it can serve.',
    },
  },
  check(ctx) {
    const containers = longRunningContainers(ctx).filter((c) => !ctx.nav.pair(c.node, 'readinessProbe'));
    if (containers.length === 0) return;
    const services = selectingServices(ctx);
    const uncontrolled = UNCONTROLLED.has(ctx.object.kind);
    if (uncontrolled && services.length === 0) return;
    for (const c of containers) {
      const container = containerLabel(c);
      const { kind } = ctx.object;
      ctx.report({
        ...containerAnchor(ctx, c),
        ...(uncontrolled
          ? { messageId: 'served', data: { container, services: serviceList(services) } }
          : services.length > 0
            ? { messageId: 'servedAndAvailable', data: { container, kind, services: serviceList(services) } }
            : { messageId: 'available', data: { container, kind } }),
        fix: probeFix(ctx, c, 'readinessProbe', 'TODO: the path that answers 200 when ready'),
      });
    }
  },
});
