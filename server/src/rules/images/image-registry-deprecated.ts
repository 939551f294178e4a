import { defineRule } from '../../engine/rule';
import { containerImages } from '../../rulekit/images/image-ref';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

const OLD = 'k8s.gcr.io';
const NEW = 'registry.k8s.io';

export default defineRule({
  meta: {
    id: 'image-registry-deprecated',
    category: 'images',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    docs: {
      description:
        'An image from `k8s.gcr.io`, the Kubernetes project registry frozen in April 2023: it receives no new images or patches, and may stop serving.',
      remediation: 'Pull the same image from `registry.k8s.io`, which serves everything `k8s.gcr.io` held.',
    },
    messages: {
      frozenRegistry:
        '{{container}}: image "{{refRaw}}" comes from the frozen registry k8s.gcr.io; use registry.k8s.io.',
    },
  },
  check(ctx) {
    for (const img of containerImages(ctx)) {
      if (img.ref.registry !== OLD) continue;
      const node = img.node;
      ctx.report({
        node,
        messageId: 'frozenRegistry',
        data: { container: containerLabel(img.container), refRaw: img.ref.raw },
        fix: {
          title: `Pull from ${NEW}`,
          edit: (e) => {
            // Replace just the registry inside the scalar, so quotes, tag and digest stay as written.
            const [start, end] = node.range!;
            const at = e.text.slice(start, end).indexOf(OLD);
            return at === -1 ? undefined : { start: start + at, end: start + at + OLD.length, text: NEW };
          },
        },
      });
    }
  },
});
