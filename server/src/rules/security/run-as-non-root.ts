import { defineRule } from '../../engine/rule';
import type { ContainerRef } from '../../model/object';
import { containerLabel } from '../../model/object';
import {
  containerList,
  containerSecurityContext,
  podSecurityContext,
  PssReporter,
  setPath,
  setValueFix,
  isWindowsPod,
} from '../../rulekit/pod-security';
import { podAnchor } from '../../rulekit/anchors';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'run-as-non-root';

/**
 * PSS restricted "Running as Non-root": `runAsNonRoot` must be true, at pod level or on every container (a container
 * value overrides the pod's). As in admission, an explicit `false` fails wherever it is written.
 */
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
    aliases: { kubeLinter: ['run-as-non-root'], polaris: ['runAsRootAllowed'] },
    docs: {
      description:
        'Without `runAsNonRoot: true` a container may run as UID 0, so a compromise of the process is root inside the container and closer to root on the node.',
      remediation:
        'Set `spec.securityContext.runAsNonRoot: true` on the pod (and a non-zero `runAsUser` if the image has no numeric non-root USER).',
    },
    messages: {
      podRunAsNonRootNotTrue: 'The pod sets runAsNonRoot to something other than true: its containers may run as root.',
      containerRunAsNonRootNotTrue: '{{container}} sets runAsNonRoot to something other than true: it may run as root.',
      mayRunAsRoot: '{{container}} may run as root: neither it nor the pod sets securityContext.runAsNonRoot: true.',
      mayRunAsRootMany:
        '{{containers}} may run as root: neither they nor the pod set securityContext.runAsNonRoot: true.',
      nonRootUidLacksRunAsNonRoot:
        '{{container}} runs as UID {{uids}}, not root, but Pod Security "restricted" also requires securityContext.runAsNonRoot: true (the kubelet then refuses to start a container as root).',
      nonRootUidsLackRunAsNonRoot:
        '{{containers}} run as UID {{uids}}, not root, but Pod Security "restricted" also requires securityContext.runAsNonRoot: true (the kubelet then refuses to start a container as root).',
    },
  },
  check(ctx) {
    // Linux-only control: a Windows pod cannot set it
    if (isWindowsPod(ctx)) return;
    const spec = ctx.podSpec();
    if (!spec) return;
    const out = new PssReporter(ctx, ID, 'restricted');
    const podPair = ctx.nav.pair(podSecurityContext(ctx), 'runAsNonRoot');
    const podValue = podPair ? ctx.nav.bool(podPair.value) : undefined;
    const podExplicitlyBad = !!podPair && ctx.nav.str(podPair.value) !== undefined && podValue !== true;
    if (podPair && podExplicitlyBad) {
      out.report({
        node: podPair,
        messageId: 'podRunAsNonRootNotTrue',
        fix: {
          title: 'Set runAsNonRoot: true',
          edit: (e) => setValueFix(ctx, e, spec, ['securityContext', 'runAsNonRoot'], podPair, true),
        },
      });
    }
    const implicit: ContainerRef[] = [];
    for (const c of ctx.containers()) {
      const pair = ctx.nav.pair(containerSecurityContext(ctx, c), 'runAsNonRoot');
      const written = pair !== undefined && ctx.nav.str(pair.value) !== undefined;
      if (written && ctx.nav.bool(pair!.value) === true) continue;
      if (written) {
        out.report({
          node: pair!,
          messageId: 'containerRunAsNonRootNotTrue',
          data: { container: containerLabel(c) },
          fix: {
            title: 'Set runAsNonRoot: true',
            edit: (e) => setValueFix(ctx, e, c.node, ['securityContext', 'runAsNonRoot'], pair!, true),
          },
        });
      } else if (podValue !== true) {
        implicit.push(c);
      }
    }
    // Containers that inherit an unset pod value: one finding on the pod, whose fix covers them all.
    if (implicit.length === 0 || podExplicitlyBad) return;
    // A non-zero runAsUser already keeps them off root: say what `restricted` still lacks, at a lower severity.
    const podUid = ctx.nav.getStr(podSecurityContext(ctx), 'runAsUser');
    const uidOf = (c: ContainerRef): string | undefined =>
      ctx.nav.getStr(containerSecurityContext(ctx, c), 'runAsUser') ?? podUid;
    if (implicit.every((c) => /^[1-9]\d*$/.test(uidOf(c) ?? ''))) {
      const uids = [...new Set(implicit.map(uidOf))].join(', ');
      out.report({
        ...podAnchor(ctx),
        severity: 'info',
        ...(implicit.length === 1
          ? { messageId: 'nonRootUidLacksRunAsNonRoot', data: { container: containerLabel(implicit[0]), uids } }
          : { messageId: 'nonRootUidsLackRunAsNonRoot', data: { containers: containerList(implicit), uids } }),
        fix: {
          title: 'Set runAsNonRoot: true on the pod',
          edit: (e) => setPath(ctx, e, spec, ['securityContext', 'runAsNonRoot'], true),
        },
      });
      return;
    }
    out.report({
      ...podAnchor(ctx),
      ...(implicit.length === 1
        ? { messageId: 'mayRunAsRoot', data: { container: containerLabel(implicit[0]) } }
        : { messageId: 'mayRunAsRootMany', data: { containers: containerList(implicit) } }),
      fix: {
        title: 'Set runAsNonRoot: true on the pod',
        edit: (e) => setPath(ctx, e, spec, ['securityContext', 'runAsNonRoot'], true),
      },
    });
  },
});
