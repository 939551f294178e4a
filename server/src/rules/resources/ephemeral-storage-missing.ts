import { defineRule } from '../../engine/rule';
import {
  resourcesAnchor,
  copyable,
  DEFAULT_LIMIT,
  DEFAULT_REQUEST,
  podLevelSets,
  resourceContainers,
  resourceValue,
  todo,
} from '../../rulekit/resources/containers';
import { containerLabel } from '../../model/object';
import type { Tree } from '../../yaml/edit';
import { POD_KINDS } from '../../rulekit/kinds';

const RESOURCE = 'ephemeral-storage';

export default defineRule({
  meta: {
    id: 'ephemeral-storage-missing',
    category: 'resources',
    severity: 'off',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: { kubeScore: ['container-ephemeral-storage-request-and-limit'] },
    docs: {
      description:
        'A container without an `ephemeral-storage` request or limit: logs, `emptyDir` volumes and writes to the container filesystem can fill the node disk, and the kubelet then evicts pods at random.',
      remediation: 'Set `resources.requests.ephemeral-storage` and `resources.limits.ephemeral-storage`.',
    },
    messages: {
      noEphemeralStorage: '{{container}} has no ephemeral-storage request or limit.',
      noEphemeralStorageRequest: '{{container}} has no ephemeral-storage request.',
      noEphemeralStorageLimit: '{{container}} has no ephemeral-storage limit.',
    },
  },
  check(ctx) {
    for (const c of resourceContainers(ctx)) {
      const request = resourceValue(ctx, c, 'requests', RESOURCE);
      const limit = resourceValue(ctx, c, 'limits', RESOURCE);
      const needRequest = request === undefined && !podLevelSets(ctx, 'requests', RESOURCE);
      const needLimit = limit === undefined && !podLevelSets(ctx, 'limits', RESOURCE);
      if (!needRequest && !needLimit) continue;
      // Kubernetes defaults a missing request to the limit; a missing limit starts at the request. When both are
      // missing, both are placeholders to size.
      const tree: Tree = {};
      const requests: Tree = {};
      const limits: Tree = {};
      if (needRequest) requests[RESOURCE] = copyable(limit) ?? todo(DEFAULT_REQUEST[RESOURCE]);
      if (needLimit) limits[RESOURCE] = copyable(request) ?? todo(DEFAULT_LIMIT[RESOURCE]);
      if (needRequest) tree.requests = requests;
      if (needLimit) tree.limits = limits;
      ctx.report({
        ...resourcesAnchor(ctx, c, needRequest ? 'requests' : 'limits'),
        messageId:
          needRequest && needLimit
            ? 'noEphemeralStorage'
            : needRequest
              ? 'noEphemeralStorageRequest'
              : 'noEphemeralStorageLimit',
        data: { container: containerLabel(c) },
        fix: {
          title: `Add ${needRequest && needLimit ? 'request and limit' : needRequest ? 'request' : 'limit'} for ephemeral-storage`,
          edit: (e) => e.ensureTree(c.node, { resources: tree }),
        },
      });
    }
  },
});
