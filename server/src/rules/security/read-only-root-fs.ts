import { defineRule } from '../../engine/rule';
import {
  SECURITY_CONTEXT_KEY,
  containerSecurityContext,
  isWindowsPod,
  setPath,
  setValueFix,
} from '../../rulekit/pod-security';
import { containerAnchor } from '../../rulekit/anchors';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'read-only-root-fs';

/** Not a Pod Security control, but the hardening every anchor tool asks for: an immutable container filesystem. */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    aliases: {
      kubeLinter: ['no-read-only-root-fs'],
      polaris: ['notReadOnlyRootFilesystem'],
      kubeScore: ['container-security-context-readonlyrootfilesystem'],
    },
    docs: {
      description:
        'A container without `readOnlyRootFilesystem: true` can write to its image filesystem, so an attacker can drop tools or change binaries.',
      remediation:
        'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where the program must write (such as `/tmp`).',
    },
    messages: {
      writableRootFilesystem: '{{container}} has a writable root filesystem (readOnlyRootFilesystem: false).',
      readOnlyRootFilesystemNotSet:
        '{{container}} does not set readOnlyRootFilesystem: true; mount an emptyDir where it must write.',
    },
  },
  check(ctx) {
    // Windows pods cannot set this field (the API rejects it there).
    if (isWindowsPod(ctx)) return;
    const seen = new Set<unknown>();
    for (const c of ctx.containers()) {
      const pair = ctx.nav.pair(containerSecurityContext(ctx, c), 'readOnlyRootFilesystem');
      const value = pair ? ctx.nav.bool(pair.value) : undefined;
      if (value === true) continue;
      const title = 'Set readOnlyRootFilesystem: true';
      if (pair && value === false) {
        if (seen.has(pair)) continue;
        seen.add(pair);
        ctx.report({
          node: pair,
          messageId: 'writableRootFilesystem',
          data: { container: containerLabel(c) },
          fix: {
            title,
            edit: (e) => setValueFix(ctx, e, c.node, ['securityContext', 'readOnlyRootFilesystem'], pair, true),
          },
        });
      } else {
        ctx.report({
          ...containerAnchor(ctx, c, SECURITY_CONTEXT_KEY),
          messageId: 'readOnlyRootFilesystemNotSet',
          data: { container: containerLabel(c) },
          fix: { title, edit: (e) => setPath(ctx, e, c.node, ['securityContext', 'readOnlyRootFilesystem'], true) },
        });
      }
    }
  },
});
