import { defineRule } from '../../engine/rule';
import type { Edit, YamlEditor } from '../../yaml/edit';
import {
  SECURITY_CONTEXT_KEY,
  containerSecurityContext,
  isWindowsPod,
  PssReporter,
  setPath,
  setValueFix,
} from '../../rulekit/pod-security';
import { containerAnchor } from '../../rulekit/anchors';
import { containerLabel } from '../../model/object';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'allow-privilege-escalation';

/** PSS restricted "Privilege Escalation": every container must set `allowPrivilegeEscalation: false` (Linux pods). */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'warning',
    // a restricted-profile control: at least a warning in strict, whatever the recommended default becomes
    strictSeverity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    aliases: { kubeLinter: ['privilege-escalation-container'], polaris: ['privilegeEscalationAllowed'] },
    docs: {
      description:
        'A container that does not set `allowPrivilegeEscalation: false` lets a process gain more privileges than its parent (setuid binaries, file capabilities).',
      remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    },
    messages: {
      allowsEscalation: '{{container}} allows privilege escalation (setuid binaries can gain root).',
      escalationNotDisallowed:
        '{{container}} does not set allowPrivilegeEscalation: false (setuid binaries can gain privileges).',
    },
  },
  check(ctx) {
    if (isWindowsPod(ctx)) return;
    const out = new PssReporter(ctx, ID, 'restricted');
    for (const c of ctx.containers()) {
      const sc = containerSecurityContext(ctx, c);
      const pair = ctx.nav.pair(sc, 'allowPrivilegeEscalation');
      const value = pair ? ctx.nav.bool(pair.value) : undefined;
      if (value === false) continue;
      // The API rejects allowPrivilegeEscalation: false beside privileged: true, so the fix turns both off.
      const privileged = ctx.nav.pair(sc, 'privileged');
      const alsoPrivileged = !!privileged && ctx.nav.bool(privileged.value) === true;
      const title = alsoPrivileged
        ? 'Set allowPrivilegeEscalation: false and privileged: false'
        : 'Set allowPrivilegeEscalation: false';
      const edit = (e: YamlEditor): Edit[] | undefined => {
        const ape =
          pair && value !== undefined
            ? setValueFix(ctx, e, c.node, ['securityContext', 'allowPrivilegeEscalation'], pair, false)
            : setPath(ctx, e, c.node, ['securityContext', 'allowPrivilegeEscalation'], false);
        if (!ape) return undefined;
        if (!alsoPrivileged) return [ape];
        const priv = setValueFix(ctx, e, c.node, ['securityContext', 'privileged'], privileged!, false);
        return priv ? [priv, ape] : undefined;
      };
      if (pair && value !== undefined) {
        out.report({
          node: pair,
          messageId: 'allowsEscalation',
          data: { container: containerLabel(c) },
          fix: { title, edit },
        });
      } else {
        out.report({
          ...containerAnchor(ctx, c, SECURITY_CONTEXT_KEY),
          messageId: 'escalationNotDisallowed',
          data: { container: containerLabel(c) },
          fix: { title, edit },
        });
      }
    }
  },
});
