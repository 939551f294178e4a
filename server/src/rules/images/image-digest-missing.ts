import { defineRule } from '../../engine/rule';
import { containerImages, hasValidDigest } from '../../rulekit/images/image-ref';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

export default defineRule({
  meta: {
    id: 'image-digest-missing',
    category: 'images',
    severity: 'off',
    fixable: false,
    kinds: POD_KINDS,
    docs: {
      description:
        'An image not pinned by digest (`@sha256:…`): even a version tag can be pushed again with different content.',
      remediation:
        'Append the digest of the image you tested: `nginx:1.27.3@sha256:<digest>` (the tag stays readable, the digest decides).',
    },
    messages: {
      noDigest:
        '{{label}}: image "{{refRaw}}" is not pinned by digest (@sha256:…), so its content can change under the same name.',
      malformedDigest:
        '{{label}}: image "{{refRaw}}" has a malformed digest "{{digest}}" (a digest is sha256: and 64 hex digits).',
    },
  },
  check(ctx) {
    for (const img of containerImages(ctx)) {
      if (hasValidDigest(img.ref)) continue;
      const label = containerLabel(img.container);
      ctx.report({
        node: img.node,
        ...(img.ref.digest === undefined
          ? { messageId: 'noDigest', data: { label, refRaw: img.ref.raw } }
          : { messageId: 'malformedDigest', data: { label, refRaw: img.ref.raw, digest: img.ref.digest } }),
      });
    }
  },
});
