import { Rule } from '../../engine/rule';
import emptydirSizeLimit from './emptydir-size-limit';
import hostPathVolume from './host-path-volume';
import pvcNotFound from './pvc-not-found';
import pvcRwoMultiReplica from './pvc-rwo-multi-replica';
import pvcStorageClassMissing from './pvc-storage-class-missing';
import pvcStorageRequestMissing from './pvc-storage-request-missing';
import restrictedVolumeTypes from './restricted-volume-types';
import runtimeSocketMount from './runtime-socket-mount';
import sensitiveHostPath from './sensitive-host-path';
import storageclassNotFound from './storageclass-not-found';
import storageclassPolicy from './storageclass-policy';
import volumeMountUndefined from './volume-mount-undefined';
import volumeUnused from './volume-unused';
import writableHostPath from './writable-host-path';

export const storageRules: Rule[] = [
  hostPathVolume,
  sensitiveHostPath,
  runtimeSocketMount,
  writableHostPath,
  emptydirSizeLimit,
  pvcStorageRequestMissing,
  pvcStorageClassMissing,
  pvcNotFound,
  storageclassNotFound,
  pvcRwoMultiReplica,
  volumeMountUndefined,
  volumeUnused,
  storageclassPolicy,
  restrictedVolumeTypes,
];
