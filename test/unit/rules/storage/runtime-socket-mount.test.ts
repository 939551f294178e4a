import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { runtimeSocketOf } from '../../../../server/src/rulekit/storage/host-paths';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

const RULE = ['runtime-socket-mount'];
const fixture = (name: string): string => readFixture('rules', 'runtime-socket-mount', name);

describe('runtime-socket-mount', () => {
  test('flags the Docker socket and the containerd socket directory as errors', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity]),
      [
        ['20:19-20:39', 'error'],
        ['24:19-24:34', 'error'],
      ],
    );
    assert.equal(
      ds[0].message,
      'Volume "docker" exposes the Docker runtime socket (hostPath /var/run/docker.sock): anyone in the container can start privileged containers and take over the node.',
    );
    assert.match(ds[1].message, /the containerd runtime socket \(hostPath \/run\/containerd\)/);
  });

  test('other sockets and volumes pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

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
