/**
 * The cluster connection against the test API server, through the real @kubernetes/client-node and real kubeconfig
 * files: credentials from exec plugins and auth-provider commands (run once per token lifetime, refreshed after a
 * 401), the pod list paged with limit/continue (and a full list after an expired continue token, as client-go's
 * pager does), the request API any feature uses, and the failures of this layer, each with its own message.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { fetchCluster, listPaged } from '../../client/src/metrics/cluster-client';
import { ClusterConnection, describeRequest } from '../../client/src/metrics/connection';
import { CredentialRunner } from '../../client/src/metrics/credential-runner';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import { MetricsError, type MetricsProblem } from '../../client/src/metrics/problems';
import {
  kubeconfigFor,
  kubeconfigYaml,
  startFakeApiServer,
  writeTemp,
  type Auth,
  type FakeApiServer,
} from '../support/fake-apiserver';
import { startPlainHttpServer } from '../support/fake-connection';
import { alive, makePlugin, until, type Plugin } from '../support/fake-plugins';

async function failure(run: () => unknown): Promise<MetricsError> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof MetricsError, `expected a MetricsError, got ${String(e)}`);
    for (const s of [e.problem.title, e.problem.detail, e.problem.next]) {
      assert.doesNotMatch(s, /\n\s+at |\.js:\d+|node_modules/, `a stack trace leaked: ${s}`);
    }
    return e;
  }
  assert.fail('expected a failure');
}

const problemOf = async (run: () => unknown): Promise<MetricsProblem> => (await failure(run)).problem;

describe('cluster connection', () => {
  let s: FakeApiServer;
  let runner: CredentialRunner;
  before(async () => {
    s = await startFakeApiServer();
    runner = new CredentialRunner({ timeoutMs: 10_000 });
  });
  after(async () => {
    runner.dispose();
    await s.stop();
  });

  const execConfig = (p: Plugin, extra: { installHint?: string } = {}) =>
    writeTemp(
      'config',
      kubeconfigYaml({
        server: s.url,
        caPem: s.pki.caCert,
        auth: { exec: { command: p.command, args: p.args, ...extra } },
      }),
    );
  const connect = (setting: string, trusted = true, timeoutMs = 5000) =>
    new ClusterConnection(loadKubeconfig({ setting }, { trusted }), runner, { timeoutMs });

  test('an exec plugin runs once per token lifetime, however many refreshes', async () => {
    const p = makePlugin({ kind: 'token', token: s.token, expiresInSec: 3600 });
    const conn = connect(execConfig(p));
    for (let i = 0; i < 3; i++) assert.equal((await fetchCluster(conn)).pods.length, 4);
    // A new connection to the same context (the next refresh loads the kubeconfig again) shares the cache.
    assert.equal((await fetchCluster(connect(execConfig(p)), {})).pods.length, 4);
    assert.equal(p.runs(), 1);
  });

  test('client-node never runs the plugin itself: the loaded kubeconfig holds no command', () => {
    const p = makePlugin({ kind: 'token', token: s.token });
    const loaded = loadKubeconfig({ setting: execConfig(p) }, { trusted: true });
    assert.equal(loaded.kc.getCurrentUser()?.exec, undefined);
    assert.ok(loaded.credential && 'command' in loaded.credential);
  });

  test('a client certificate from the plugin', async () => {
    const { readFileSync } = await import('node:fs');
    const p = makePlugin({
      kind: 'cert',
      certPem: readFileSync(s.pki.files.clientCert, 'utf8'),
      keyPem: readFileSync(s.pki.files.clientKey, 'utf8'),
      expiresInSec: 600,
    });
    assert.equal((await fetchCluster(connect(execConfig(p)))).pods.length, 4);
  });

  test('a refused credential (401) is dropped and the plugin runs again, once', async () => {
    const p = makePlugin({ kind: 'tokens', tokens: ['revoked-token', s.token] });
    const conn = connect(execConfig(p));
    assert.equal((await fetchCluster(conn)).pods.length, 4);
    assert.equal(p.runs(), 2);
    const list = await conn.request<{ items: unknown[] }>({ path: '/api/v1/nodes' });
    assert.equal(list.items.length, 2);
    assert.equal(p.runs(), 2);
  });

  test('a plugin that keeps giving a refused token ends in 401 after one retry', async () => {
    const p = makePlugin({ kind: 'token', token: 'always-wrong' });
    const problem = await problemOf(() => fetchCluster(connect(execConfig(p))));
    assert.equal(problem.kind, 'unauthorized');
    assert.equal(p.runs(), 2);
  });

  test('a hung plugin: its own message, the process stopped, and an abort returns at once', async () => {
    const p = makePlugin({ kind: 'hang' });
    const own = new CredentialRunner({ timeoutMs: 300 });
    try {
      const conn = new ClusterConnection(loadKubeconfig({ setting: execConfig(p) }, { trusted: true }), own, {
        timeoutMs: 5000,
      });
      const problem = await problemOf(() => fetchCluster(conn));
      assert.equal(problem.kind, 'credential-timeout');
      await until(() => !alive(p.pids()[0]!), 5000, 'the hung plugin to be stopped');
      own.setTimeout(60_000);
      const abort = new AbortController();
      const pending = fetchCluster(conn, { signal: abort.signal });
      abort.abort(new Error('the user switched context'));
      await assert.rejects(pending, /switched context/);
    } finally {
      own.dispose();
    }
    for (const pid of p.pids()) assert.ok(!alive(pid), `plugin ${pid} left running`);
  });

  test('a missing plugin and a failing one, through the connection', async () => {
    const missing = writeTemp(
      'config',
      kubeconfigYaml({
        server: s.url,
        caPem: s.pki.caCert,
        auth: {
          exec: {
            command: 'gke-gcloud-auth-plugin-not-here',
            args: [],
            installHint:
              'Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin',
          },
        },
      }),
    );
    const m = await problemOf(() => fetchCluster(connect(missing)));
    assert.equal(m.kind, 'credential-missing');
    assert.match(m.next, /^Install gke-gcloud-auth-plugin/);
    const p = makePlugin({ kind: 'fail', stderr: 'Error: token expired, run az login\n', code: 1 });
    const f = await problemOf(() => fetchCluster(connect(execConfig(p))));
    assert.equal(f.kind, 'credential-failed');
    assert.match(f.detail, /exited with code 1: Error: token expired, run az login\.$/);
  });

  test('an auth-provider cmd-path command is refused in an untrusted workspace and runs in a trusted one', async () => {
    const p = makePlugin({ kind: 'auth-provider', token: s.token, expiresInSec: 3600 });
    const auth: Auth = {
      authProvider: {
        name: 'gcp',
        config: {
          'cmd-path': p.command,
          'cmd-args': p.args.join(' '),
          'token-key': '{.credential.access_token}',
          'expiry-key': '{.credential.token_expiry}',
        },
      },
    };
    const cfg = writeTemp('config', kubeconfigYaml({ server: s.url, caPem: s.pki.caCert, auth }));
    const untrusted = await problemOf(() => loadKubeconfig({ setting: cfg }, { trusted: false }));
    assert.equal(untrusted.kind, 'exec-untrusted');
    assert.match(untrusted.title, /auth-provider cmd-path/);
    assert.equal(p.runs(), 0);
    assert.equal((await fetchCluster(connect(cfg))).pods.length, 4);
    assert.equal((await fetchCluster(connect(cfg))).pods.length, 4);
    assert.equal(p.runs(), 1);
  });

  test('pods are listed in pages (limit/continue), as kubectl --chunk-size does', async () => {
    const before = s.requests.length;
    const raw = await fetchCluster(connect(kubeconfigFor(s)), { pageSize: 3 });
    assert.equal(raw.pods.length, 4);
    const podRequests = s.requests.slice(before).filter((r) => r.startsWith('/api/v1/pods'));
    assert.equal(podRequests.length, 2);
    assert.match(podRequests[0]!, /limit=3/);
    assert.match(podRequests[1]!, /limit=3&continue=|continue=.*limit=3/);
    assert.deepEqual(
      raw.pods.map((p) => p.metadata?.name),
      s.cluster.pods.map((p) => p.name),
    );
  });

  test('an expired continue token (410 Gone) falls back to one full list, as client-go does', async () => {
    s.paging.expireContinue = true;
    try {
      const before = s.requests.length;
      const raw = await fetchCluster(connect(kubeconfigFor(s)), { pageSize: 1 });
      assert.equal(raw.pods.length, 4);
      const podRequests = s.requests.slice(before).filter((r) => r.startsWith('/api/v1/pods'));
      assert.deepEqual(podRequests.length, 3);
      assert.equal(podRequests[2], '/api/v1/pods', 'the last one is a full list');
    } finally {
      s.paging.expireContinue = false;
    }
  });

  test('paging: an expired token on the first page is an error, not a loop', async () => {
    const gone = Object.assign(new Error('Gone'), { code: 410 });
    await assert.rejects(
      listPaged(() => Promise.reject(gone), 10),
      (e: unknown) => e === gone,
    );
  });

  test('request(): parsed JSON; a failure names the verb and resource, and carries the Status', async () => {
    const conn = connect(kubeconfigFor(s, { insecureSkipTlsVerify: false }));
    const pods = await conn.request<{ kind: string; items: unknown[] }>({
      path: '/api/v1/namespaces/shop/pods',
      query: { labelSelector: 'app=web', limit: undefined },
    });
    assert.equal(pods.kind, 'PodList');
    assert.ok(pods.items.length > 0);
    const e = await failure(() =>
      conn.request({
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/shop/deployments/web',
        body: { spec: { replicas: 2 } },
        contentType: 'application/merge-patch+json',
      }),
    );
    assert.equal(e.answer?.status, 405);
    assert.equal(e.answer?.reason, 'MethodNotAllowed');
    assert.match(e.problem.title, /answered 405 to patch deployments\.apps/);
    assert.match(s.requests.at(-1)!, /\/apis\/apps\/v1\/namespaces\/shop\/deployments\/web\?dryRun=All$/);
  });

  test('request(): the time limit, and an abort', async () => {
    const conn = connect(kubeconfigFor(s));
    s.hang = true;
    try {
      const p = await problemOf(() => conn.request({ path: '/api/v1/nodes', timeoutMs: 300 }));
      assert.equal(p.kind, 'timeout');
      const abort = new AbortController();
      const pending = conn.request({ path: '/api/v1/nodes', signal: abort.signal });
      abort.abort(new Error('the panel was closed'));
      await assert.rejects(pending, /the panel was closed/);
    } finally {
      s.hang = false;
    }
  });

  test('describeRequest names what a 403 is about', () => {
    assert.deepEqual(describeRequest({ path: '/api/v1/namespaces/prod/pods' }, 'https://k'), {
      verb: 'list',
      resource: 'pods',
      namespace: 'prod',
      server: 'https://k',
    });
    assert.deepEqual(describeRequest({ path: '/apis/apps/v1/namespaces/prod/deployments/web' }, 'https://k'), {
      verb: 'get',
      resource: 'deployments.apps',
      namespace: 'prod',
      server: 'https://k',
    });
    assert.equal(describeRequest({ method: 'PATCH', path: '/api/v1/nodes/a' }, 'k').verb, 'patch');
    assert.equal(describeRequest({ path: '/api/v1/pods', query: { watch: true } }, 'k').verb, 'watch');
  });
});

describe('connection failures: plain http and credentials in server URLs', () => {
  test('an http:// server is refused with its own message; user info and tokens never shown', async () => {
    const cfg = writeTemp(
      'config',
      kubeconfigYaml({
        server: 'http://admin:s3cret@127.0.0.1:8001/?access_token=abc123',
        auth: { token: 'x' },
      }),
    );
    const p = await problemOf(() => loadKubeconfig({ setting: cfg }, { trusted: true }));
    assert.equal(p.kind, 'plain-http');
    assert.equal(p.title, 'The API server address of context "test" is plain http (http://127.0.0.1:8001)');
    assert.match(p.next, /https:\/\/ address/);
    for (const text of [p.title, p.detail, p.next]) assert.doesNotMatch(text, /s3cret|abc123|admin/);
  });

  test('an https:// address whose port answers plain http', async () => {
    const plain = await startPlainHttpServer();
    try {
      const cfg = writeTemp(
        'config',
        kubeconfigYaml({ server: `https://user:pw@127.0.0.1:${plain.port}?token=t0k`, auth: { token: 'x' } }),
      );
      const p = await problemOf(() => fetchCluster(loadKubeconfig({ setting: cfg }, { trusted: true })));
      assert.equal(p.kind, 'plain-http');
      assert.equal(p.title, `The server at https://127.0.0.1:${plain.port} answered in plain http, not TLS`);
      for (const text of [p.title, p.detail, p.next]) assert.doesNotMatch(text, /pw@|t0k/);
    } finally {
      await plain.stop();
    }
  });

  test('an unreachable server named without its credentials', async () => {
    const cfg = writeTemp(
      'config',
      kubeconfigYaml({ server: 'https://ops:hunter2@127.0.0.1:1/?token=zzz', auth: { token: 'x' } }),
    );
    const p = await problemOf(() => fetchCluster(loadKubeconfig({ setting: cfg }, { trusted: true })));
    assert.equal(p.kind, 'unreachable');
    assert.equal(p.title, 'Cannot connect to the API server (https://127.0.0.1:1)');
  });
});
