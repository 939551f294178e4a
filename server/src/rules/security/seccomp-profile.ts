import type { Pair, YAMLMap } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import type { ContainerRef } from '../../model/object';
import { containerLabel } from '../../model/object';
import type { YamlEditor } from '../../yaml/edit';
import {
  containerList,
  containerSecurityContext,
  isWindowsPod,
  podSecurityContext,
  PssReporter,
  setPath,
  setValueFix,
} from '../../rulekit/pod-security';
import { podAnchor } from '../../rulekit/anchors';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'seccomp-profile';

const VALID = new Set(['RuntimeDefault', 'Localhost']);
const PATH = ['securityContext', 'seccompProfile', 'type'];

/**
 * PSS "Seccomp": baseline forbids `Unconfined` anywhere (an error); restricted also requires a profile, set on the
 * pod or on every container (a container value overrides the pod's), except for Windows pods.
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
    aliases: { kubeScore: ['container-seccomp-profile'] },
    docs: {
      description:
        'Without a seccomp profile (or with `Unconfined`) a container can make every system call, including the rarely used ones behind most kernel escapes.',
      remediation:
        'Set `spec.securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with your own profile).',
    },
    messages: {
      noSeccompProfile:
        '{{container}} has no seccomp profile: neither it nor the pod sets seccompProfile, so it runs Unconfined unless the kubelet sets a default.',
      noSeccompProfileMany:
        '{{containers}} have no seccomp profile: neither they nor the pod set seccompProfile, so they run Unconfined unless the kubelet sets a default.',
      seccompUnconfined: '{{who}} turns seccomp off (Unconfined): every system call is allowed.',
      unknownSeccompProfileType: '{{who}} sets seccomp profile type "{{value}}"; use RuntimeDefault or Localhost.',
    },
  },
  check(ctx) {
    const spec = ctx.podSpec();
    if (!spec) return;
    const windows = isWindowsPod(ctx);
    const out = new PssReporter(ctx, ID, 'restricted');
    const typeOf = (sc: YAMLMap | undefined): { pair: Pair | undefined; value: string | undefined } => {
      const pair = ctx.nav.pair(ctx.nav.getMap(sc, 'seccompProfile'), 'type');
      return { pair, value: pair ? ctx.nav.str(pair.value) : undefined };
    };
    /** Reports a written type that is not allowed; returns whether it did. */
    const judge = (pair: Pair | undefined, value: string | undefined, owner: YAMLMap, who: string): boolean => {
      if (!pair || value === undefined || VALID.has(value)) return false;
      const fix = {
        title: 'Set seccompProfile type: RuntimeDefault',
        edit: (e: YamlEditor) => setValueFix(ctx, e, owner, PATH, pair, 'RuntimeDefault'),
      };
      if (value === 'Unconfined') {
        out.report({
          node: pair,
          level: 'baseline',
          severity: 'error',
          messageId: 'seccompUnconfined',
          data: { who },
          fix,
        });
        return true;
      }
      if (windows) return false;
      out.report({
        node: pair,
        messageId: 'unknownSeccompProfileType',
        data: { who, value },
        fix,
      });
      return true;
    };
    const pod = typeOf(podSecurityContext(ctx));
    const podBad = judge(pod.pair, pod.value, spec, 'The pod');
    const podValid = pod.value !== undefined && VALID.has(pod.value);
    const implicit: ContainerRef[] = [];
    for (const c of ctx.containers()) {
      const own = typeOf(containerSecurityContext(ctx, c));
      if (own.value !== undefined) judge(own.pair, own.value, c.node, containerLabel(c));
      else if (!podValid) implicit.push(c);
    }
    // Containers inheriting no profile: one finding on the pod, whose fix covers them all.
    if (windows || podBad || implicit.length === 0) return;
    out.report({
      ...podAnchor(ctx),
      ...(implicit.length === 1
        ? { messageId: 'noSeccompProfile', data: { container: containerLabel(implicit[0]) } }
        : { messageId: 'noSeccompProfileMany', data: { containers: containerList(implicit) } }),
      fix: {
        title: 'Set seccompProfile type: RuntimeDefault on the pod',
        edit: (e) => setPath(ctx, e, spec, PATH, 'RuntimeDefault'),
      },
    });
  },
});
