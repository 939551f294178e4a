/** PodDisruptionBudgets: which workloads a PDB guards, and its int-or-percent budgets. */
import type { LabelSelector } from '../selector';
import { matchesSelector, parseLabelSelector } from '../selector';
import type { IndexedObject, WorkspaceIndexView } from '../workspace';
import { asInt, dig } from './plain';
import { podLabelsOf, workloadsSelectedBy } from './workloads';

export const PDB_KIND = 'PodDisruptionBudget';

export function pdbSelector(pdb: IndexedObject): LabelSelector | undefined {
  return parseLabelSelector(dig(pdb.value, 'spec', 'selector')).selector;
}

/** PDBs of the workload's namespace whose selector picks its pods. */
export function pdbsSelecting(index: WorkspaceIndexView, w: IndexedObject): IndexedObject[] {
  const labels = podLabelsOf(w);
  if (!labels) return [];
  return index
    .objects(PDB_KIND, w.namespace)
    .filter((p) => p.namespace === w.namespace && matchesSelector(pdbSelector(p), labels));
}

/** Controllers of the PDB's namespace that run the pods it selects (bare Pods excluded: a PDB guards replicas). */
export function workloadsOfPdb(index: WorkspaceIndexView, pdb: IndexedObject): IndexedObject[] {
  return workloadsSelectedBy(index, pdb.namespace, pdbSelector(pdb));
}

/** An int-or-percent value (`minAvailable`, `maxUnavailable`). */
export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

export function intOrPercent(v: unknown): IntOrPercent | undefined {
  const i = asInt(v);
  if (i !== undefined) return { kind: 'int', value: i };
  if (typeof v === 'string') {
    const m = /^\s*(\d+)%\s*$/.exec(v);
    if (m) return { kind: 'percent', value: Number(m[1]) };
  }
  return undefined;
}

/** Resolves an int-or-percent against a replica count, as the disruption controller does (rounding up). */
export function scaledValue(v: IntOrPercent, replicas: number): number {
  return v.kind === 'int' ? v.value : Math.ceil((v.value * replicas) / 100);
}
