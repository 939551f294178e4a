import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';

const RULE = ['pvc-rwo-multi-replica'];
const fixture = (name: string): string => readFixture('rules', 'pvc-rwo-multi-replica', name);

describe('pvc-rwo-multi-replica', () => {
  test('flags a 3-replica Deployment mounting a ReadWriteOnce claim, on the claimName', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [['23:24-23:35', 'warning', false]],
    );
    assert.equal(
      ds[0].message,
      'Deployment "web" runs 3 replicas, but PersistentVolumeClaim "web-content" is ReadWriteOnce: it attaches to one node, so pods on other nodes hang in ContainerCreating.',
    );
  });

  test('ReadWriteMany claims and single replicas pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

  test('a DaemonSet runs one pod per node', () => {
    const text = fixture('fire.yaml')
      .replace('kind: Deployment', 'kind: DaemonSet')
      .replace('  replicas: 3 # scaled out\n', '');
    const ds = lint(text, RULE);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /^DaemonSet "web" runs one pod per node, but/);
  });

  test('across a workspace: an HPA in another file scales a 1-replica Deployment; ReadWriteOncePod; ReadOnlyMany passes', () => {
    const out = lintWorkspace('pvc-rwo-multi-replica', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [['app/deployment.yaml', [['24:24-24:35', 'warning']]]],
    );
    assert.equal(
      out.get('app/deployment.yaml')![0].message,
      'Deployment "web" may run 6 pods (HorizontalPodAutoscaler "web"), but PersistentVolumeClaim "web-content" is ReadWriteOncePod: only one pod can mount it, the others never start.',
    );
  });
});
