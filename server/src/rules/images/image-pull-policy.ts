import { defineRule } from '../../engine/rule';
import { WORKLOADS } from '../../model/kinds';
import { containerImages, containerLabel, isMutable } from '../../rulekit/images/image-ref';

export default defineRule({
  meta: {
    id: 'image-pull-policy',
    category: 'images',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: Object.keys(WORKLOADS),
    aliases: { polaris: ['pullPolicyNotAlways'], kubeScore: ['container-image-pull-policy'] },
    docs: {
      description:
        'A container with a mutable image (no tag or `latest`) and no `imagePullPolicy`, or with `imagePullPolicy: IfNotPresent`: with IfNotPresent a node keeps running whatever it pulled first under that tag.',
      remediation: 'Write `imagePullPolicy: Always` (or pin the image by tag or digest).',
    },
  },
  check(ctx) {
    for (const img of containerImages(ctx)) {
      if (!isMutable(img.ref)) continue;
      const policyPair = ctx.nav.pair(img.container.node, 'imagePullPolicy');
      const policy = ctx.nav.str(policyPair?.value);
      const label = containerLabel(img.container);
      if (policy === undefined) {
        ctx.report({
          node: img.pair,
          message: `${label} pulls the mutable image "${img.ref.raw}" without imagePullPolicy: it relies on Kubernetes defaulting to Always for an empty or \`latest\` tag; state the policy so that readers and tools see it.`,
          fix: {
            title: 'Add imagePullPolicy: Always',
            edit: (e) => e.insertPair(img.container.node, 'imagePullPolicy', 'Always'),
          },
        });
      } else if (policy === 'IfNotPresent' && policyPair) {
        const valueNode = ctx.nav.deref(policyPair.value);
        const own = img.container.node.items.includes(policyPair);
        ctx.report({
          node: policyPair,
          message: `${label} pulls the mutable image "${img.ref.raw}" with imagePullPolicy IfNotPresent: each node keeps the image it pulled first, so nodes can run different versions.`,
          fix:
            own && valueNode
              ? { title: 'Set imagePullPolicy: Always', edit: (e) => e.setValue(valueNode, 'Always') }
              : undefined,
        });
      }
      // `Never` is deliberate (images loaded onto the node by hand, as in kind or minikube): not reported.
    }
  },
});
