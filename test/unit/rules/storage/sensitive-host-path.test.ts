import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { sensitiveReason } from '../../../../server/src/rulekit/storage/host-paths';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const RULE = ['sensitive-host-path'];
const fixture = (name: string): string => readFixture('rules', 'sensitive-host-path', name);

describe('sensitive-host-path', () => {
  test('flags /, paths under /var/lib/kubelet and /etc/ (normalised) on the path value, as errors', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity]),
      [
        ['16:15-16:16', 'error'],
        ['19:15-19:35', 'error'],
        ['22:15-22:20', 'error'],
      ],
    );
    assert.match(ds[0].message, /^Volume "root" mounts the node's whole root filesystem \(hostPath \/\)/);
    assert.match(ds[1].message, /inside the node's \/var\/lib\/kubelet \(hostPath \/var\/lib\/kubelet\/pki\)/);
    assert.match(ds[2].message, /mounts the node's \/etc \(hostPath \/etc\/\)/);
  });

  test('narrow paths below /etc and /var/log pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

  test('the path table: exact system directories, sensitive subtrees, dot segments', () => {
    const sensitive = [
      '/',
      '/etc',
      '/proc',
      '/proc/1/root',
      '/sys',
      '/dev',
      '/boot',
      '/boot/grub',
      '/lib',
      '/usr',
      '/var/run',
      '/run',
      '/var/lib/kubelet',
      '/etc/kubernetes/pki',
      '/var/lib/etcd',
      '/root/.ssh',
      '/var/lib/../lib/kubelet',
      '//etc//',
    ];
    for (const p of sensitive) assert.ok(sensitiveReason(p), `${p} should be sensitive`);
    const fine = [
      '/etc/ssl/certs',
      '/etc/localtime',
      '/dev/fuse',
      '/var/log',
      '/data',
      '/opt/agent',
      '/sys/fs/cgroup',
      '/run/xtables.lock',
      '/var/lib/kubelet-plugins',
      'C:\\data',
    ];
    for (const p of fine) assert.equal(sensitiveReason(p), undefined, `${p} should not be sensitive`);
  });

  test('a runtime socket is left to runtime-socket-mount', () => {
    const text = fixture('fire.yaml').replace(
      'path: / # the whole node',
      'path: /var/run/docker.sock # the whole node',
    );
    assert.deepEqual(lint(text, RULE).map(where), ['19:15-19:35', '22:15-22:20']);
  });

  test('kube-linter sensitive-host-mounts annotation is honoured', () => {
    const text = fixture('fire.yaml').replace(
      '  name: node-debugger\n',
      '  name: node-debugger\n  annotations:\n    ignore-check.kube-linter.io/sensitive-host-mounts: "debug pod"\n',
    );
    assert.deepEqual(lint(text, RULE), []);
  });
});
