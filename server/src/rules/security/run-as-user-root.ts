import type { Pair, YAMLMap } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { Commented } from '../../yaml/render';
import { containerLabel } from '../../model/object';
import { containerSecurityContext, podSecurityContext, PssReporter, setValueFix } from '../../rulekit/pod-security';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'run-as-user-root';

/** The UID the fix writes: above 10000, so it collides with no user of the node or the usual base images. */
const NON_ROOT_UID = 10001;

/** PSS restricted "Running as Non-root user": `runAsUser` must not be 0, at pod level or on any container. */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'error',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    aliases: { kubeLinter: ['run-as-non-root'] },
    docs: {
      description:
        '`runAsUser: 0` runs the container as root explicitly, which the restricted Pod Security profile forbids.',
      remediation: `Set \`runAsUser\` to a non-zero UID that the image can run as (for example ${NON_ROOT_UID}).`,
    },
    messages: {
      runsAsRoot: '{{who}} runs as root (runAsUser: 0).',
    },
  },
  check(ctx) {
    const spec = ctx.podSpec();
    if (!spec) return;
    const out = new PssReporter(ctx, ID, 'restricted');
    const isZero = (pair: Pair | undefined): pair is Pair => {
      const s = pair ? ctx.nav.str(pair.value) : undefined;
      return s !== undefined && /^[-+]?0+$/.test(s.trim());
    };
    const report = (pair: Pair, owner: YAMLMap, who: string): void =>
      out.report({
        node: pair,
        messageId: 'runsAsRoot',
        data: { who },
        fix: {
          title: `Set runAsUser: ${NON_ROOT_UID}`,
          edit: (e) =>
            setValueFix(
              ctx,
              e,
              owner,
              ['securityContext', 'runAsUser'],
              pair,
              new Commented(NON_ROOT_UID, 'TODO: a UID the image runs as'),
            ),
        },
      });
    const podPair = ctx.nav.pair(podSecurityContext(ctx), 'runAsUser');
    if (isZero(podPair)) report(podPair, spec, 'The pod');
    for (const c of ctx.containers()) {
      const pair = ctx.nav.pair(containerSecurityContext(ctx, c), 'runAsUser');
      if (isZero(pair)) report(pair, c.node, containerLabel(c));
    }
  },
});
