import { defineRule } from '../../engine/rule';
import { containerImages, isMutable } from '../../rulekit/images/image-ref';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'image-tag-mutable',
    category: 'images',
    severity: 'warning',
    fixable: false,
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['latest-tag'], polaris: ['tagNotSpecified'], kubeScore: ['container-image-tag'] },
    docs: {
      description:
        'An image with no tag or the tag `latest` (and no digest): which image runs depends on when each node pulled it, and a rollback cannot return to the previous version.',
      remediation: 'Pin a version tag (`nginx:1.27.3`) or, better, a digest (`nginx@sha256:…`).',
    },
    messages: {
      imageWithoutTag:
        '{{container}}: image "{{refRaw}}" has no tag (it means `latest`); pin a version tag or a digest so that every node runs the same image.',
      imageTaggedLatest:
        '{{container}}: image "{{refRaw}}" uses the tag `latest`; pin a version tag or a digest so that every node runs the same image.',
    },
  },
  check(ctx) {
    for (const img of containerImages(ctx)) {
      if (!isMutable(img.ref)) continue;
      ctx.report({
        node: img.node,
        messageId: img.ref.tag === undefined ? 'imageWithoutTag' : 'imageTaggedLatest',
        data: { container: containerLabel(img.container), refRaw: img.ref.raw },
      });
    }
  },
});
