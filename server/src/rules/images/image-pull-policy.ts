import { defineRule } from '../../engine/rule';
import { containerImages, isMutable } from '../../rulekit/images/image-ref';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'image-pull-policy',
    category: 'images',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: { polaris: ['pullPolicyNotAlways'], kubeScore: ['container-image-pull-policy'] },
    docs: {
      description:
        'A container with a mutable image (no tag or `latest`) and no `imagePullPolicy`, or with `imagePullPolicy: IfNotPresent`: with IfNotPresent a node keeps running whatever it pulled first under that tag.',
      remediation: 'Write `imagePullPolicy: Always` (or pin the image by tag or digest).',
    },
    messages: {
      noPullPolicyForMutableImage:
        '{{label}} pulls the mutable image "{{refRaw}}" without imagePullPolicy: it relies on Kubernetes defaulting to Always for an empty or `latest` tag; state the policy so that readers and tools see it.',
      ifNotPresentForMutableImage:
        '{{label}} pulls the mutable image "{{refRaw}}" with imagePullPolicy IfNotPresent: each node keeps the image it pulled first, so nodes can run different versions.',
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
          messageId: 'noPullPolicyForMutableImage',
          data: { label, refRaw: img.ref.raw },
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
          messageId: 'ifNotPresentForMutableImage',
          data: { label, refRaw: img.ref.raw },
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
