import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'host-namespaces';

describe(R, () => {
  test('hostNetwork and hostPID true are errors, hostIPC false is fine', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['9:7-9:24', 'error', 'Delete hostNetwork'],
      ['10:7-10:22', 'error', 'Delete hostPID'],
    ]);
  });

  test('the fix deletes the field and keeps its comment', () => {
    const text = fixture(R, 'fire.yaml');
    const [net, pid] = lintSorted(text, [R]);
    assert.equal(applyFix(text, net), text.replace('hostNetwork: true # node-exporter style', '# node-exporter style'));
    assert.equal(applyFix(text, pid), text.replace('      hostPID: "true"\n', ''));
  });

  test('an anchor tool annotation silences only its own namespace', () => {
    const text = fixture(R, 'fire.yaml').replace(
      '  name: agent\n',
      '  name: agent\n  annotations:\n    ignore-check.kube-linter.io/host-network: "node exporter"\n',
    );
    assert.deepEqual(
      lint(text, [R]).map((d) => d.message.match(/\((\w+): true\)/)?.[1]),
      ['hostPID'],
    );
    const polaris = fixture(R, 'fire.yaml').replace(
      '  name: agent\n',
      '  name: agent\n  annotations:\n    polaris.fairwinds.com/hostPIDSet-exempt: "true"\n',
    );
    assert.deepEqual(
      lint(polaris, [R]).map((d) => d.message.match(/\((\w+): true\)/)?.[1]),
      ['hostNetwork'],
    );
  });

  test('false or unset passes', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
