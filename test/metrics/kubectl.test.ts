/**
 * The real kubectl 1.35 against the test API server: proof that what it serves is what real clients accept, and
 * that the panel's figures are kubectl's.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { kubeconfigFor, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver';
import { kubectlPath } from '../support/kube-tools';

const run = promisify(execFile);

describe('real kubectl against the test API server', () => {
  let s: FakeApiServer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    s = await startFakeApiServer();
    env = { ...process.env, KUBECONFIG: kubeconfigFor(s), HOME: s.pki.dir, KUBECACHEDIR: `${s.pki.dir}/kube-cache` };
  });
  after(() => s.stop());
  const kubectl = async (...args: string[]) => (await run(kubectlPath(), args, { env, timeout: 60_000 })).stdout;

  test('kubectl top nodes', async () => {
    const out = await kubectl('top', 'nodes');
    const lines = out.trim().split('\n');
    assert.match(lines[0]!, /^NAME\s+CPU\(cores\)\s+CPU(%|\(%\))\s+MEMORY\(bytes\)\s+MEMORY(%|\(%\))/);
    // node-a: 150m system + 38m nginx + 5m proxy + 4m coredns; memory 900 + 120 + 20 + 18 MiB.
    assert.match(out, /node-a\s+197m\s+5%\s+1058Mi\s+6%/);
    assert.match(out, /node-b\s+/);
  });

  test('kubectl top pods -A', async () => {
    const out = await kubectl('top', 'pods', '-A');
    assert.match(out, /shop\s+web-7d4b9c8f6-x2k4p\s+43m\s+140Mi/);
    assert.match(out, /data\s+db-0\s+253m\s+912Mi/);
    assert.match(out, /kube-system\s+coredns-5d78c9869d-abcde\s+4m\s+18Mi/);
  });

  test('kubectl get pods -A -o json', async () => {
    const list = JSON.parse(await kubectl('get', 'pods', '-A', '-o', 'json')) as {
      kind: string;
      items: { metadata: { namespace: string; name: string }; spec: { containers: { resources: unknown }[] } }[];
    };
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort(), [
      'data/db-0',
      'kube-system/coredns-5d78c9869d-abcde',
      'shop/web-7d4b9c8f6-q9z7m',
      'shop/web-7d4b9c8f6-x2k4p',
    ]);
    assert.deepEqual(list.items.find((p) => p.metadata.name === 'db-0')!.spec.containers[0]!.resources, {
      requests: { cpu: '1', memory: '1Gi' },
    });
  });

  test('kubectl says what the API server said on a wrong token (the real 401 Status body)', async () => {
    const bad = { ...env, KUBECONFIG: kubeconfigFor(s, { auth: { token: 'nope' } }) };
    await assert.rejects(
      run(kubectlPath(), ['get', 'pods', '-A'], { env: bad, timeout: 60_000 }),
      (e: { stderr: string }) => {
        assert.match(e.stderr, /Unauthorized|must be logged in/);
        return true;
      },
    );
  });
});
