import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'quantity-invalid';
const run = (text: string) => lint(text, [ID]);
const HINT = 'is not a valid quantity (write e.g. 500m, 0.5, 128Mi, 1Gi).';

test('fires on every quantity position, on the value, without a fix', () => {
  const ds = run(readFixture(ID, 'fire'));
  assert.deepEqual(
    ds.map((d) => `${where(d)} ${d.message}`),
    [
      `15:20-15:25 Container "db" requests.cpu: "1.5.0" ${HINT}`,
      `16:23-16:26 Container "db" requests.memory: "1Gb" ${HINT}`,
      '17:31-17:34 Container "db" requests.nvidia.com/gpu: "0.5" is not a whole number; the extended resource nvidia.com/gpu is counted in whole units.',
      '19:23-19:27 Container "db" limits.memory: "-1Gi" is negative; resource amounts must be zero or more.',
      `20:34-20:36 Container "db" limits.ephemeral-storage: "" ${HINT}`,
      `23:33-23:37 Volume "cache" emptyDir.sizeLimit: "1 Gi" ${HINT}`,
      `28:31-28:34 volumeClaimTemplate "data" requests.storage: "ten" ${HINT}`,
      `37:21-37:25 LimitRange Container max.memory: "2GiB" ${HINT}`,
      `38:35-38:38 LimitRange Container maxLimitRequestRatio.cpu: "abc" ${HINT}`,
      `46:19-46:27 ResourceQuota hard.requests.cpu: "10 cores" ${HINT}`,
      '47:11-47:15 ResourceQuota hard.pods: "-5" is negative; resource amounts must be zero or more.',
      `56:16-56:21 PersistentVolumeClaim requests.storage: "10 GB" ${HINT}`,
      `69:52-69:55 HorizontalPodAutoscaler pods metric target.averageValue: "1k5" ${HINT}`,
    ],
  );
  assert.ok(ds.every((d) => !d.fix && d.severity === 'error'));
});

test('accepts every form of the grammar, and ignores non-quantity kinds', () => {
  assert.deepEqual(run(readFixture(ID, 'pass')), []);
});

test('a value shared through an alias is reported once, where it is written', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      resources: {requests: {memory: &m 1GB}}
    - name: b
      resources: {requests: {memory: *m}}
`;
  assert.deepEqual(run(text).map(where), ['8:41-8:44']);
});

test('an error in every profile', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: ['error'],
    recommended: ['error'],
    strict: ['error'],
  });
});
