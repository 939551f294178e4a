import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const RULE = ['pvc-storage-class-missing'];
const fixture = (name: string): string => readFixture('rules', 'pvc-storage-class-missing', name);

describe('pvc-storage-class-missing', () => {
  test('flags a PVC without storageClassName on its name, as information, without a fix', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [['4:9-4:13', 'info', false]],
    );
    assert.equal(
      ds[0].message,
      'PersistentVolumeClaim "data" names no storageClassName: it relies on the cluster\'s default StorageClass.',
    );
  });

  test('a named class, an explicit "" and the beta annotation pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

  test('volumeClaimTemplates are checked too', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers: [{name: db, image: postgres:17}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
`;
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['10:24-10:28']);
    assert.match(ds[0].message, /^volumeClaimTemplate "data" names no storageClassName/);
  });
});
