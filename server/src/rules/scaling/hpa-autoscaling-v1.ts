import type { Node } from '../../yaml/nodes';
import { defineRule } from '../../engine/rule';
import { HPA_KIND, V1_DEFAULT_CPU_UTILIZATION } from '../../model/relations';
import type { Edit } from '../../yaml/edit';
import type { YamlValue } from '../../yaml/render';
import { renderBlockItem } from '../../yaml/render';

/** The autoscaling/v2 metric equivalent to an autoscaling/v1 `targetCPUUtilizationPercentage`. */
function cpuMetric(utilization: number): YamlValue {
  return {
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } },
  };
}

export default defineRule({
  meta: {
    id: 'hpa-autoscaling-v1',
    category: 'scaling',
    severity: 'info',
    fixable: true,
    fix: 'safe',
    kinds: [HPA_KIND],
    docs: {
      description:
        'A HorizontalPodAutoscaler written as `autoscaling/v1`: it can only scale on average CPU utilisation (`targetCPUUtilizationPercentage`, 80% when unset). `autoscaling/v2` has memory, per-container, custom and external metrics, and `behavior` to tune scaling speed.',
      remediation:
        'Rewrite it as `autoscaling/v2`: the CPU target becomes a `Resource` metric with `target: {type: Utilization, averageUtilization: <percent>}`.',
    },
    messages: {
      autoscalingV1:
        'autoscaling/v1 HorizontalPodAutoscaler: it scales on CPU only (target {{pct}}%). autoscaling/v2 adds memory, per-container and custom metrics, and scaling behavior.',
      autoscalingV1DefaultTarget:
        'autoscaling/v1 HorizontalPodAutoscaler: it scales on CPU only (target {{pct}}%, the default). autoscaling/v2 adds memory, per-container and custom metrics, and scaling behavior.',
    },
  },
  check(ctx) {
    if (ctx.object.apiVersion !== 'autoscaling/v1') return;
    const root = ctx.object.node;
    const apiPair = ctx.nav.pair(root, 'apiVersion')!;
    const spec = ctx.nav.getMap(root, 'spec');
    const pctPair = ctx.nav.pair(spec, 'targetCPUUtilizationPercentage');
    const written = ctx.nav.str(pctPair?.value);
    const pct = written !== undefined && /^\d+$/.test(written) ? Number(written) : V1_DEFAULT_CPU_UTILIZATION;
    ctx.report({
      node: apiPair.value as Node,
      messageId: written === undefined ? 'autoscalingV1DefaultTarget' : 'autoscalingV1',
      data: { pct },
      fix: {
        title: `Rewrite as autoscaling/v2 (a cpu Utilization metric at ${pct}%)`,
        edit: (e) => {
          // Without a spec, or with a v2 `metrics` already written beside the v1 field, the rewrite is not mechanical.
          if (!spec || ctx.nav.pair(spec, 'metrics') || (pctPair && !spec.items.includes(pctPair))) return undefined;
          const edits: Edit[] = [e.setValue(apiPair.value as Node, 'autoscaling/v2')];
          const metrics = [cpuMetric(pct)];
          if (!pctPair) {
            edits.push(e.insertPair(spec, 'metrics', metrics));
          } else if (spec.flow) {
            edits.push(e.removePair(spec, pctPair), e.insertPair(spec, 'metrics', metrics));
          } else {
            // Replace the key in place, so a comment at the end of its line stays with the metric that replaces it.
            const key = pctPair.key as Node;
            const valueEnd = (pctPair.value as Node | null)?.range?.[1] ?? key.range![1];
            edits.push({ start: key.range![0], end: valueEnd, text: 'metrics:' });
            const at = e.lines.lineEndAfter(valueEnd);
            const prefix = at === e.text.length && !e.text.endsWith('\n') ? e.eol : '';
            const indent = e.lines.column(key.range![0]) + e.indentUnit;
            edits.push({
              start: at,
              end: at,
              text: prefix + metrics.map((m) => renderBlockItem(m, indent, e.indentUnit, e.eol)).join(''),
            });
          }
          return edits;
        },
      },
    });
  },
});
