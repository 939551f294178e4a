import type { Pair, YAMLMap } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { containerLabel, podMetadataOf } from '../../model/object';
import {
  containerSecurityContext,
  isWindowsPod,
  podSecurityContext,
  PssReporter,
  setValueFix,
} from '../../rulekit/pod-security';
import { POD_KINDS } from '../../rulekit/kinds';

const ID = 'apparmor-override';

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const VALID_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const PATH = ['securityContext', 'appArmorProfile', 'type'];

/**
 * PSS baseline "AppArmor": `appArmorProfile.type` (pod and containers) must be unset, RuntimeDefault or Localhost,
 * and the older annotations `container.apparmor.security.beta.kubernetes.io/<container>` on the pod (template) must
 * be unset, `runtime/default` or `localhost/<profile>`.
 */
export default defineRule({
  meta: {
    id: ID,
    category: 'security',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    kinds: POD_KINDS,
    usesIndex: true,
    escalates: true,
    docs: {
      description:
        'An AppArmor profile other than RuntimeDefault or Localhost (typically `Unconfined`) turns off the mandatory access control the runtime applies by default.',
      remediation:
        'Delete the override, or set `appArmorProfile.type: RuntimeDefault` (or `Localhost` with a profile loaded on the nodes).',
    },
    messages: {
      appArmorOverridden: '{{who}} overrides the default AppArmor profile (type: {{value}}).',
      appArmorAnnotationOverrides:
        'The AppArmor annotation for container "{{container}}" overrides the default profile ({{value}}).',
    },
  },
  check(ctx) {
    // Linux-only control: a Windows pod cannot set it
    if (isWindowsPod(ctx)) return;
    const spec = ctx.podSpec();
    if (!spec) return;
    const out = new PssReporter(ctx, ID, 'baseline');
    const judge = (sc: YAMLMap | undefined, owner: YAMLMap, who: string): void => {
      const pair = ctx.nav.pair(ctx.nav.getMap(sc, 'appArmorProfile'), 'type');
      const value = pair ? ctx.nav.str(pair.value) : undefined;
      if (!pair || value === undefined || VALID_TYPES.has(value)) return;
      out.report({
        node: pair,
        messageId: 'appArmorOverridden',
        data: { who, value },
        fix: {
          title: 'Set appArmorProfile type: RuntimeDefault',
          edit: (e) => setValueFix(ctx, e, owner, PATH, pair, 'RuntimeDefault'),
        },
      });
    };
    judge(podSecurityContext(ctx), spec, 'The pod');
    for (const c of ctx.containers()) judge(containerSecurityContext(ctx, c), c.node, containerLabel(c));

    const annotations = ctx.nav.getMap(podMetadataOf(ctx.object), 'annotations');
    for (const [key, pair] of ctx.nav.entries(annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      const value = ctx.nav.str(pair.value) ?? '';
      if (value === 'runtime/default' || value.startsWith('localhost/')) continue;
      const container = key.slice(APPARMOR_ANNOTATION_PREFIX.length);
      out.report({
        node: pair as Pair,
        messageId: 'appArmorAnnotationOverrides',
        data: { container, value: value || 'empty' },
        fix: {
          title: 'Set the annotation to runtime/default',
          edit: (e) => setValueFix(ctx, e, annotations!, [key], pair, 'runtime/default'),
        },
      });
    }
  },
});
