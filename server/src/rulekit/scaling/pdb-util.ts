/** What a PodDisruptionBudget guards: the workloads it selects and how many pods they run at least. */
import type { Node, Pair, YAMLMap } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import { describeObject, replicasOf, workloadsOfPdb } from '../../model/relations';
import type { IndexedObject } from '../../model/workspace';
import type { Edit, YamlEditor } from '../../yaml/edit';
import { selfOf } from '../lookups';
import { distinct } from '../../model/text';

export interface PdbGuard {
  self: IndexedObject;
  workloads: IndexedObject[];
  /** The fewest pods the selected workloads run (HPA minReplicas where an HPA scales them); undefined when unknown. */
  minPods: number | undefined;
  /** The HPAs among the selected workloads, with the workload they scale. */
  hpas: Array<{ hpa: IndexedObject; workload: IndexedObject }>;
}

export function pdbGuard(ctx: RuleContext): PdbGuard | undefined {
  const self = selfOf(ctx);
  if (!self) return undefined;
  const workloads = workloadsOfPdb(ctx.index, self);
  let minPods: number | undefined = 0;
  const hpas: PdbGuard['hpas'] = [];
  for (const w of workloads) {
    if (w.kind === 'Pod') {
      if (minPods !== undefined) minPods += 1;
      continue;
    }
    const r = replicasOf(ctx.index, w);
    // Jobs, CronJobs and DaemonSets: how many pods run is not a fixed number.
    if (!r || !Number.isFinite(r.min)) minPods = undefined;
    else if (minPods !== undefined) minPods += r.min;
    if (r?.hpa) hpas.push({ hpa: r.hpa, workload: w });
  }
  return { self, workloads, minPods: workloads.length === 0 ? undefined : minPods, hpas };
}

export function workloadsText(ws: readonly IndexedObject[]): string {
  const names = distinct(ws.map(describeObject));
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** `minAvailable: N` → `maxUnavailable: 1` (or sets `maxUnavailable: 1`), keeping the comments around it. */
export function toMaxUnavailableOne(e: YamlEditor, spec: YAMLMap, pair: Pair): Edit[] | undefined {
  if (!spec.items.includes(pair) || !pair.value) return undefined; // merged in through `<<`: shared with other objects
  const edits = [e.setValue(pair.value as Node, 1)];
  if ((pair.key as Node & { value?: unknown }).value !== 'maxUnavailable')
    edits.unshift(e.renameKey(pair, 'maxUnavailable'));
  return edits;
}
