import type { DocNav, Node, YAMLMap } from '../../yaml/nodes';
import type { FixSpec } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import {
  containersData,
  dig,
  HPA_KIND,
  hpaMetrics,
  resolveTarget,
  targetRefOf,
  VPA_ACTIVE_MODES,
  VPA_KIND,
  vpaContainerPolicies,
  vpaControlledResources,
  vpaUpdateMode,
} from '../../model/relations';
import type { Edit, YamlEditor } from '../../yaml/edit';
import { namespaceOf } from '../../rulekit/lookups';
import { objectAnchor, plainObject } from '../../rulekit/scaling/util';

const RESOURCES = ['cpu', 'memory'];

export default defineRule({
  meta: {
    id: 'vpa-hpa-conflict',
    category: 'scaling',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    usesIndex: true,
    kinds: [VPA_KIND],
    docs: {
      description:
        'A VerticalPodAutoscaler that changes requests (`updateMode` Auto, Recreate, Initial or InPlaceOrRecreate) of cpu or memory (both unless `controlledResources` says otherwise), for a workload that a HorizontalPodAutoscaler scales on the same resource (a `Resource` or `ContainerResource` metric). Each VPA resize changes the utilization the HPA reads, and the two fight.',
      remediation:
        'Let the VPA control only the other resource (`controlledResources`), set its `updateMode: "Off"` (recommendations only), or scale the HPA on a custom or external metric.',
    },
    messages: {
      vpaResizesHpaMetric:
        'This VerticalPodAutoscaler (updateMode {{mode}}) changes the {{resources}} requests of {{refKind}} "{{refName}}", which HorizontalPodAutoscaler {{hpaNames}} scales on {{resources}}: every resize moves the utilization the HPA reads, and the two fight.',
    },
  },
  check(ctx) {
    const vpa = plainObject(ctx);
    const mode = vpaUpdateMode(vpa);
    if (!VPA_ACTIVE_MODES.has(mode)) return;
    const ref = targetRefOf(dig(vpa, 'spec', 'targetRef'));
    if (!ref.kind || !ref.name) return;
    const ns = namespaceOf(ctx);
    const hpas = ctx.index.objects(HPA_KIND).filter((h) => {
      const r = targetRefOf(dig(h.value, 'spec', 'scaleTargetRef'));
      return h.namespace === ns && r.kind === ref.kind && r.name === ref.name;
    });
    if (hpas.length === 0) return;
    const target = resolveTarget(ctx.index, ns, ref);
    const policies = vpaContainerPolicies(vpa);
    // Containers of the target, or (when the workspace does not define it) a stand-in for "any other container".
    const known = target ? containersData(target).map((c) => c.name ?? '') : undefined;
    const all = known ?? ['\u0000any'];
    const conflicts = new Map<string, Set<string>>(); // resource → HPA names
    for (const h of hpas) {
      for (const m of hpaMetrics(h.value)) {
        if ((m.type !== 'Resource' && m.type !== 'ContainerResource') || !m.resource || !RESOURCES.includes(m.resource))
          continue;
        const containers = m.type === 'Resource' ? all : [m.container ?? ''];
        if (containers.some((c) => vpaControlledResources(policies, c).has(m.resource!))) {
          let s = conflicts.get(m.resource);
          if (!s) conflicts.set(m.resource, (s = new Set()));
          s.add(h.name ?? '');
        }
      }
    }
    if (conflicts.size === 0) return;
    const resources = RESOURCES.filter((r) => conflicts.has(r));
    const others = RESOURCES.filter((r) => !conflicts.has(r));
    const hpaNames = [...new Set([...conflicts.values()].flatMap((s) => [...s]))].map((n) => `"${n}"`).join(', ');
    const spec = ctx.nav.getMap(ctx.object.node, 'spec');
    const modePair = ctx.nav.pair(ctx.nav.getMap(spec, 'updatePolicy'), 'updateMode');
    const refPair = ctx.nav.pair(spec, 'targetRef');
    const node = (modePair?.value as Node | undefined) ?? refPair ?? objectAnchor(ctx);
    const off: FixSpec = {
      title: 'Set updateMode: "Off" (the VPA only recommends)',
      edit: (e) => (spec ? e.ensurePath(spec, ['updatePolicy', 'updateMode'], 'Off') : undefined),
    };
    const limit: FixSpec | undefined =
      others.length === 0
        ? undefined
        : {
            title: `Let the VPA control only ${others.join(' and ')} (controlledResources)`,
            edit: (e) => limitControlled(ctx.nav, e, spec, resources, others, known),
          };
    ctx.report({
      node,
      keyOnly: node === refPair,
      messageId: 'vpaResizesHpaMetric',
      data: { mode, resources: resources.join(' and '), refKind: ref.kind, refName: ref.name, hpaNames },
      fix: limit ?? off,
      suggest: limit ? [off] : undefined,
    });
  },
});

/** Edits that take `drop` out of every active container policy (adding a `*` policy when containers are uncovered). */
function limitControlled(
  nav: DocNav,
  e: YamlEditor,
  spec: YAMLMap | undefined,
  drop: readonly string[],
  keep: readonly string[],
  known: readonly string[] | undefined,
): Edit[] | Edit | undefined {
  if (!spec) return undefined;
  const seq = nav.getSeq(nav.getMap(spec, 'resourcePolicy'), 'containerPolicies');
  const star = { containerName: '*', controlledResources: [...keep] };
  if (!seq || seq.items.length === 0) return e.ensurePath(spec, ['resourcePolicy', 'containerPolicies'], [star]);
  const edits: Edit[] = [];
  const named = new Set<string>();
  for (const item of seq.items) {
    const p = nav.map(item);
    if (!p || p !== item) return undefined; // an alias: editing it would change the objects that share it
    const name = nav.getStr(p, 'containerName') ?? '*';
    named.add(name);
    if (nav.getStr(p, 'mode') === 'Off') continue;
    const cr = nav.getSeq(p, 'controlledResources');
    if (!cr) {
      edits.push(e.insertPair(p, 'controlledResources', [...keep]));
      continue;
    }
    const remove = cr.items
      .map((x, i) => [nav.str(x), i] as const)
      .filter(([r]) => r !== undefined && drop.includes(r));
    if (remove.length === 0) continue;
    if (remove.length === cr.items.length) {
      // The container's only controlled resources are the contested ones: the VPA leaves it alone.
      edits.push(e.insertPair(p, 'mode', 'Off'));
      continue;
    }
    for (const [, i] of remove) edits.push(e.removeItem(cr, i));
  }
  const uncovered = known === undefined || known.some((c) => !named.has(c));
  if (!named.has('*') && uncovered) edits.push(e.appendItem(seq, star));
  return edits;
}
