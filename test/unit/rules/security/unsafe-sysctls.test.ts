import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'unsafe-sysctls';

describe(R, () => {
  test('sysctls outside the safe set are warnings on their name', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['9:9-9:33', 'warning', 'Remove sysctl net.core.somaxconn'],
      ['13:10-13:29', 'warning', 'Remove sysctl kernel.msgmax'],
    ]);
  });

  test('the fix removes the entry, keeping its comment', () => {
    const text = fixture(R, 'fire.yaml');
    const [somaxconn, msgmax] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, somaxconn),
      text.replace(
        '      - name: net.core.somaxconn # raise the accept queue\n        value: "1024"\n',
        '      # raise the accept queue\n',
      ),
    );
    assert.equal(applyFix(text, msgmax), text.replace('      - {name: kernel.msgmax, value: "65536"}\n', ''));
  });

  test('the safe set follows the target Kubernetes version', () => {
    const text = fixture(R, 'pass.yaml');
    assert.deepEqual(lint(text, [R]), []);
    const old = lint(text, [R], { kubernetesVersion: '1.28' });
    assert.deepEqual(summary(old), [['11:9-11:39', 'warning', 'Remove sysctl net.ipv4.tcp_fin_timeout']]);
    assert.match(old[0].message, /only safe from Kubernetes 1\.29 \(target 1\.28\)/);
  });
});
