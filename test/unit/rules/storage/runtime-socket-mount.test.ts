import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { runtimeSocketOf } from '../../../../server/src/rulekit/storage/host-paths';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['runtime-socket-mount'];
const fixture = (name: string): string => readFixture('rules', 'runtime-socket-mount', name);

describe('runtime-socket-mount', () => {
  test('the socket table', () => {
    const cases: Array<[string, string | undefined]> = [
      ['/var/run/docker.sock', 'Docker'],
      ['/run/docker.sock', 'Docker'],
      ['/run/containerd/containerd.sock', 'containerd'],
      ['/var/run/crio/crio.sock', 'CRI-O'],
      ['/run/crio', 'CRI-O'],
      ['/var/run/cri-dockerd.sock', 'cri-dockerd'],
      ['/run/podman/podman.sock', 'Podman'],
      ['\\\\.\\pipe\\docker_engine', 'Docker'],
      ['//./pipe/containerd-containerd', 'containerd'],
      ['/var/run/./docker.sock', 'Docker'],
      ['/var/run/cilium/cilium.sock', undefined],
      ['/var/run', undefined],
      ['/var/lib/docker-data', undefined],
    ];
    for (const [path, runtime] of cases) assert.equal(runtimeSocketOf(path), runtime, path);
  });

  test('the comment suppression on the path line works', () => {
    const text = fixture('fire.yaml').replace(
      "# the node's Docker daemon",
      '# kubewise-ignore runtime-socket-mount: CI builder',
    );
    assert.deepEqual(lint(text, RULE).map(where), ['24:19-24:34']);
  });
});

// The fixtures as a table: test/fixtures/rules/runtime-socket-mount/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('runtime-socket-mount', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'runtimeSocketMounted',
          data: { volume: 'Volume "docker"', runtime: 'Docker', path: '/var/run/docker.sock' },
          line: 20,
          column: 19,
          endLine: 20,
          endColumn: 39,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'runtimeSocketMounted',
          data: { volume: 'Volume "containerd"', runtime: 'containerd', path: '/run/containerd' },
          line: 24,
          column: 19,
          endLine: 24,
          endColumn: 34,
          severity: 'error',
          fix: null,
        },
      ],
    },
  ],
});
