/** The kind lists rules name in `meta.kinds`, in one place. */
import { WORKLOADS } from '../model/kinds';
import { POD_OWNER_KINDS } from '../model/relations';

/** Kinds that carry a pod spec: Pod, the workload controllers, CronJob's job template, PodTemplate. */
export const POD_KINDS: readonly string[] = Object.keys(WORKLOADS);

/** Kinds whose pods run (every pod kind but PodTemplate, which only describes one). */
export { POD_OWNER_KINDS };

/** Kinds that hold quantities, for `meta.kinds` of the quantity rules. */
export const QUANTITY_KINDS: readonly string[] = [
  ...POD_KINDS,
  'LimitRange',
  'ResourceQuota',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'HorizontalPodAutoscaler',
  'VerticalPodAutoscaler',
];
