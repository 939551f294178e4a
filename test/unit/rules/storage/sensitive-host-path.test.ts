import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { sensitiveReason } from '../../../../server/src/rulekit/storage/host-paths';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['sensitive-host-path'];
const fixture = (name: string): string => readFixture('rules', 'sensitive-host-path', name);

describe('sensitive-host-path', () => {
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

// The fixtures as a table: test/fixtures/rules/sensitive-host-path/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('sensitive-host-path', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'sensitiveHostPath',
          data: { volume: 'Volume "root"', reason: "the node's whole root filesystem", path: '/' },
          line: 16,
          column: 15,
          endLine: 16,
          endColumn: 16,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'sensitiveHostPath',
          data: {
            volume: 'Volume "kubelet"',
            reason: "inside the node's /var/lib/kubelet",
            path: '/var/lib/kubelet/pki',
          },
          line: 19,
          column: 15,
          endLine: 19,
          endColumn: 35,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'sensitiveHostPath',
          data: { volume: 'Volume "etc"', reason: "the node's /etc", path: '/etc/' },
          line: 22,
          column: 15,
          endLine: 22,
          endColumn: 20,
          severity: 'error',
          fix: null,
        },
      ],
    },
  ],
});
