import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'selinux-options';

describe(R, () => {
  test('a disallowed type, a custom user and a custom role', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['9:7-9:18', 'warning', 'Delete seLinuxOptions.type'],
      ['15:11-15:25', 'warning', 'Delete seLinuxOptions.user'],
      ['16:11-16:25', 'warning', 'Delete seLinuxOptions.role'],
    ]);
    assert.match(ds[0].message, /SELinux type spc_t, which is not one of container_t/);
  });

  test('fixes delete the field, and seLinuxOptions with its last field', () => {
    const text = fixture(R, 'fire.yaml');
    const [type, user] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, type),
      text.replace(
        '    seLinuxOptions:\n      type: spc_t # super privileged container\n',
        '    # super privileged container\n',
      ),
    );
    assert.equal(applyFix(text, user), text.replace('          user: system_u\n', ''));
    assert.match(fixAllText(text, [R]), /seLinuxOptions:\n {10}level: "s0:c1,c2"\n$/);
  });

  test('container_engine_t is allowed from Kubernetes 1.31', () => {
    const text = fixture(R, 'pass.yaml');
    assert.deepEqual(lint(text, [R]), []);
    assert.deepEqual(summary(lint(text, [R], { kubernetesVersion: '1.30' })), [
      ['15:26-15:50', 'warning', 'Delete seLinuxOptions.type'],
    ]);
  });
});
