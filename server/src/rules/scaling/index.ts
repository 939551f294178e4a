import { Rule } from '../../engine/rule';
import cronjobDeadline from './cronjob-deadline';
import hpaAutoscalingV1 from './hpa-autoscaling-v1';
import hpaMetricWithoutRequest from './hpa-metric-without-request';
import hpaMinEqualsMax from './hpa-min-equals-max';
import hpaMinGreaterThanMax from './hpa-min-greater-than-max';
import hpaMinReplicasTooLow from './hpa-min-replicas-too-low';
import hpaTargetMissing from './hpa-target-missing';
import jobTtl from './job-ttl';
import nakedPod from './naked-pod';
import pdbBlocksEviction from './pdb-blocks-eviction';
import pdbDangling from './pdb-dangling';
import pdbMinAvailableGtHpaMin from './pdb-min-available-gt-hpa-min';
import pdbMissing from './pdb-missing';
import replicasTooLow from './replicas-too-low';
import replicasWithHpa from './replicas-with-hpa';
import rollingUpdateStrategy from './rolling-update-strategy';
import selectorTemplateMismatch from './selector-template-mismatch';
import statefulsetServiceMissing from './statefulset-service-missing';
import topologySpreadMissing from './topology-spread-missing';
import vpaHpaConflict from './vpa-hpa-conflict';
import vpaTargetMissing from './vpa-target-missing';
import vpaWithoutBounds from './vpa-without-bounds';

/** The Scaling and availability rules, in the order of RULES.md. */
export const scalingRules: Rule[] = [
  replicasTooLow,
  replicasWithHpa,
  hpaTargetMissing,
  hpaMinGreaterThanMax,
  hpaMinEqualsMax,
  hpaMinReplicasTooLow,
  hpaAutoscalingV1,
  hpaMetricWithoutRequest,
  vpaTargetMissing,
  vpaHpaConflict,
  vpaWithoutBounds,
  pdbMissing,
  pdbBlocksEviction,
  pdbMinAvailableGtHpaMin,
  pdbDangling,
  selectorTemplateMismatch,
  topologySpreadMissing,
  rollingUpdateStrategy,
  nakedPod,
  jobTtl,
  cronjobDeadline,
  statefulsetServiceMissing,
];
