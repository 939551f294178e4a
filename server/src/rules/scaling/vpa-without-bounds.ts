import { defineRule } from '../../engine/rule';
import { VPA_KIND, vpaContainerPolicies, vpaUpdateMode } from '../../model/relations';
import type { Edit } from '../../yaml/edit';
import type { YamlValue } from '../../yaml/render';
import { Commented, Raw } from '../../yaml/render';
import { objectAnchor, plainObject } from '../../rulekit/scaling/util';

/** Bounds the fix writes: a floor that keeps a container schedulable-small but alive, a ceiling to size against nodes. */
const MIN_ALLOWED: YamlValue = { cpu: new Raw('25m'), memory: new Raw('64Mi') };
const MAX_ALLOWED: YamlValue = new Commented(
  { cpu: new Raw('2'), memory: new Raw('4Gi') },
  'TODO: at most what one node can give a pod',
);

export default defineRule({
  meta: {
    id: 'vpa-without-bounds',
    category: 'scaling',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: [VPA_KIND],
    docs: {
      description:
        'A VerticalPodAutoscaler that changes pods (`updateMode` other than Off) with no `minAllowed` or `maxAllowed` in any container policy: a traffic spike or a memory leak can push requests beyond what any node offers (pods stay Pending), and a quiet period can shrink them until the container starves at start-up.',
      remediation:
        'Add `resourcePolicy.containerPolicies` with `minAllowed` and `maxAllowed` for `containerName: "*"` (or per container).',
    },
    messages: {
      noAllowedBounds:
        'This VerticalPodAutoscaler has no minAllowed or maxAllowed: it may raise requests beyond what any node offers (pods stay Pending) or shrink them until containers starve.',
    },
  },
  check(ctx) {
    const vpa = plainObject(ctx);
    if (vpaUpdateMode(vpa) === 'Off') return;
    const policies = vpaContainerPolicies(vpa);
    const active = policies.filter((p) => p.mode !== 'Off');
    if (policies.length > 0 && active.length === 0) return; // every container is excluded: the VPA changes nothing
    if (active.some((p) => p.minAllowed || p.maxAllowed)) return;
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const anchor = ctx.nav.pair(spec, 'resourcePolicy') ?? ctx.nav.pair(ctx.object.node, 'spec');
    ctx.report({
      node: anchor ?? objectAnchor(ctx),
      keyOnly: !!anchor,
      messageId: 'noAllowedBounds',
      fix: {
        title: 'Add minAllowed and maxAllowed container bounds',
        edit: (e) => {
          if (!spec) return undefined;
          const seq = ctx.nav.getSeq(ctx.nav.getMap(spec, 'resourcePolicy'), 'containerPolicies');
          if (!seq || seq.items.length === 0) {
            return e.ensurePath(
              spec,
              ['resourcePolicy', 'containerPolicies'],
              [{ containerName: '*', minAllowed: MIN_ALLOWED, maxAllowed: MAX_ALLOWED }],
            );
          }
          const edits: Edit[] = [];
          for (const item of seq.items) {
            const p = ctx.nav.map(item);
            if (!p || p !== item) return undefined; // an alias: the fix would change what other objects share
            if (ctx.nav.getStr(p, 'mode') === 'Off') continue;
            edits.push(e.insertPair(p, 'minAllowed', MIN_ALLOWED), e.insertPair(p, 'maxAllowed', MAX_ALLOWED));
          }
          return edits;
        },
      },
    });
  },
});
