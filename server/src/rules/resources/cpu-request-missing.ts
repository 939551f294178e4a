import { defineRule } from '../../engine/rule';
import { Commented, Raw } from '../../yaml/render';
import { containerAnchor, containerLabel, DEFAULT_REQUEST, resourceContainers, resourceValue, TODO_COMMENT, WORKLOAD_KINDS } from './containers';

export default defineRule({
  meta: {
    id: 'cpu-request-missing',
    category: 'resources',
    severity: 'warning',
    fixable: true,
    kinds: WORKLOAD_KINDS,
    aliases: { kubeLinter: ['unset-cpu-requirements'], polaris: ['cpuRequestsMissing'], kubeScore: ['container-resources'] },
    docs: {
      description: 'A container without `resources.requests.cpu`: the scheduler places it as if it needed no CPU, and an HPA cannot compute CPU utilisation for it.',
      remediation: 'Set `resources.requests.cpu` to the CPU the container uses under normal load (for example `100m`).',
    },
  },
  check(ctx) {
    for (const c of resourceContainers(ctx)) {
      if (resourceValue(ctx, c, 'requests', 'cpu') !== undefined) continue;
      const limit = resourceValue(ctx, c, 'limits', 'cpu');
      ctx.report({
        node: containerAnchor(ctx, c),
        message:
          limit === undefined
            ? `${containerLabel(c)} has no CPU request.`
            : `${containerLabel(c)} has no CPU request (Kubernetes will default it to the limit, ${limit}).`,
        fix: {
          title: limit === undefined ? `Add requests.cpu: ${DEFAULT_REQUEST.cpu}` : `Add requests.cpu: ${limit} (the limit)`,
          edit: (e) =>
            e.ensurePath(c.node, ['resources', 'requests', 'cpu'], limit === undefined ? new Commented(new Raw(DEFAULT_REQUEST.cpu), TODO_COMMENT) : new Raw(limit)),
        },
      });
    }
  },
});
