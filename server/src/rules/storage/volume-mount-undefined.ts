import { defineRule } from '../../engine/rule';
import { similarNames } from '../../rulekit/lookups';
import { containerLabel } from '../../model/object';
import { claimTemplateNames, podMounts, podVolumes } from '../../rulekit/storage/volumes';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'volume-mount-undefined',
    category: 'storage',
    severity: 'error',
    fixable: false,
    // no preferred fix, but "did you mean" suggestions: guesses, so unsafe
    fix: 'unsafe',
    kinds: POD_KINDS,
    docs: {
      description:
        'A `volumeMounts` (or `volumeDevices`) entry whose `name` matches no volume of the pod (nor, in a StatefulSet, any `volumeClaimTemplates` entry): the API server rejects the pod.',
      remediation:
        'Fix the name, or declare the volume under `spec.volumes` (or as a `volumeClaimTemplates` entry of a StatefulSet).',
    },
    messages: {
      mountsUndeclaredVolume: '{{container}} mounts volume "{{mName}}", which the pod does not declare ({{known}}).',
      usesUndeclaredDevice: '{{container}} uses device volume "{{mName}}", which the pod does not declare ({{known}}).',
    },
  },
  check(ctx) {
    const defined = new Set<string>();
    for (const v of podVolumes(ctx)) if (v.name !== undefined) defined.add(v.name);
    for (const n of claimTemplateNames(ctx)) defined.add(n);
    for (const m of podMounts(ctx)) {
      if (m.name === undefined || defined.has(m.name)) continue;
      const nameNode = ctx.nav.deref(m.namePair?.value);
      if (!nameNode) continue;
      const close = similarNames(m.name, defined);
      const known = defined.size
        ? `the pod's volumes are ${[...defined].map((n) => `"${n}"`).join(', ')}`
        : 'the pod declares no volumes';
      ctx.report({
        node: nameNode,
        messageId: m.device ? 'usesUndeclaredDevice' : 'mountsUndeclaredVolume',
        data: {
          container: containerLabel(m.container),
          mName: m.name,
          known,
        },
        suggest: close.map((n) => ({ title: `Change to "${n}"`, edit: (e) => e.setValue(nameNode, n) })),
      });
    }
  },
});
