import { defineRule } from '../../engine/rule';
import { Commented, Raw } from '../../yaml/render';
import { podVolumes } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';

const DEFAULT_SIZE_LIMIT = '1Gi';

export default defineRule({
  meta: {
    id: 'emptydir-size-limit',
    category: 'storage',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    docs: {
      description:
        "An `emptyDir` volume without `sizeLimit`: it can grow until the node's disk (or, with `medium: Memory`, the node's memory) runs out, and the kubelet then evicts pods that did nothing wrong.",
      remediation: 'Set `sizeLimit` to what the pod needs; the kubelet evicts only this pod when it writes more.',
    },
    messages: {
      memoryBackedWithoutSizeLimit:
        "{{volume}} is memory-backed without a sizeLimit: it can use the node's memory until pods are evicted.",
      noSizeLimit: "{{volume}} has no sizeLimit: it can fill the node's disk until pods are evicted.",
    },
  },
  check(ctx) {
    for (const v of podVolumes(ctx)) {
      const pair = ctx.nav.pair(v.node, 'emptyDir');
      if (!pair) continue;
      const dir = ctx.nav.map(pair.value);
      if (dir && ctx.nav.getStr(dir, 'sizeLimit') !== undefined) continue;
      const memory = ctx.nav.getStr(dir, 'medium') === 'Memory';
      const volume = v.name ? `emptyDir volume "${v.name}"` : 'An emptyDir volume';
      ctx.report({
        node: pair,
        keyOnly: true,
        ...(memory
          ? { messageId: 'memoryBackedWithoutSizeLimit', data: { volume } }
          : { messageId: 'noSizeLimit', data: { volume } }),
        fix: {
          title: `Add sizeLimit: ${DEFAULT_SIZE_LIMIT}`,
          edit: (e) =>
            e.ensurePath(
              v.node,
              ['emptyDir', 'sizeLimit'],
              new Commented(new Raw(DEFAULT_SIZE_LIMIT), 'TODO: the most this volume may hold'),
            ),
        },
      });
    }
  },
});
