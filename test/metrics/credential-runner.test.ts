/**
 * The credential runner with real child processes as plugins: a credential cached until it expires (one run per
 * token lifetime), concurrent callers sharing one run, a hung plugin stopped at the time limit with everything it
 * started, a plugin killed when nobody waits for it any more and on dispose, and the messages of a missing plugin, a
 * failing one and one that prints garbage.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CredentialCommand } from '../../client/src/metrics/credential-command';
import {
  credentialSourceOf,
  credentialWaitNotice,
  parseCredentialOutput,
  visibleOutput,
} from '../../client/src/metrics/credential-command';
import { CredentialRunner } from '../../client/src/metrics/credential-runner';
import { MetricsError, type MetricsProblem } from '../../client/src/metrics/problems';
import { alive, makePlugin, until, type Plugin } from '../support/fake-plugins';

const API = 'client.authentication.k8s.io/v1';

function execOf(p: Plugin, extra: Partial<CredentialCommand> = {}): CredentialCommand {
  return { kind: 'exec', user: 'dev', command: p.command, args: p.args, env: {}, apiVersion: API, ...extra };
}

async function problemOf(run: Promise<unknown>): Promise<MetricsProblem> {
  try {
    await run;
  } catch (e) {
    assert.ok(e instanceof MetricsError, `expected a MetricsError, got ${String(e)}`);
    return e.problem;
  }
  assert.fail('expected a failure');
}

describe('credential runner', () => {
  test('a token is cached until its expirationTimestamp: one run per token lifetime', async () => {
    let now = Date.now();
    const runner = new CredentialRunner({ timeoutMs: 10_000, now: () => now });
    const p = makePlugin({ kind: 'token', token: 'tok-1', expiresInSec: 3600 });
    try {
      const first = await runner.get('ctx', execOf(p));
      assert.equal(first.token, 'tok-1');
      assert.ok(first.expiresAt! > now + 3500_000);
      for (let i = 0; i < 5; i++) assert.equal((await runner.get('ctx', execOf(p))).token, 'tok-1');
      assert.equal(p.runs(), 1);
      now = first.expiresAt! + 1; // the token has expired: the plugin runs again
      await runner.get('ctx', execOf(p));
      assert.equal(p.runs(), 2);
      assert.equal(runner.started, 2);
    } finally {
      runner.dispose();
    }
  });

  test('without an expiry the credential is kept until it is refused (invalidate), as client-go keeps it', async () => {
    const runner = new CredentialRunner({ timeoutMs: 10_000 });
    const p = makePlugin({ kind: 'token', token: 'forever' });
    try {
      await runner.get('ctx', execOf(p));
      await runner.get('ctx', execOf(p));
      assert.equal(p.runs(), 1);
      runner.invalidate('ctx');
      await runner.get('ctx', execOf(p));
      assert.equal(p.runs(), 2);
    } finally {
      runner.dispose();
    }
  });

  test('callers asking at the same time share one run', async () => {
    const runner = new CredentialRunner({ timeoutMs: 10_000 });
    const p = makePlugin({ kind: 'token', token: 'shared', expiresInSec: 600 });
    try {
      const all = await Promise.all([1, 2, 3, 4].map(() => runner.get('ctx', execOf(p))));
      assert.deepEqual(
        all.map((c) => c.token),
        ['shared', 'shared', 'shared', 'shared'],
      );
      assert.equal(p.runs(), 1);
    } finally {
      runner.dispose();
    }
  });

  test('a client certificate and key from the plugin', async () => {
    const runner = new CredentialRunner({ timeoutMs: 10_000 });
    const p = makePlugin({ kind: 'cert', certPem: 'CERT PEM', keyPem: 'KEY PEM', expiresInSec: 60 });
    try {
      const c = await runner.get('ctx', execOf(p));
      assert.equal(c.clientCertificateData, 'CERT PEM');
      assert.equal(c.clientKeyData, 'KEY PEM');
      assert.equal(c.token, undefined);
    } finally {
      runner.dispose();
    }
  });

  test('a hung plugin is stopped at the time limit, with the process it started, and says what to do', async () => {
    const runner = new CredentialRunner({ timeoutMs: 400 });
    const p = makePlugin({ kind: 'hang-sh' });
    try {
      const problem = await problemOf(runner.get('ctx', execOf(p)));
      assert.equal(problem.kind, 'credential-timeout');
      assert.match(problem.title, /^The credential command ".*plugin\.sh" did not answer within 0\.4 s$/);
      assert.match(problem.next, /in a terminal to log in.*kubewise\.metrics\.credentialTimeout/);
      const pids = p.pids();
      assert.equal(pids.length, 2, 'the shell and its child');
      await until(() => pids.every((pid) => !alive(pid)), 5000, 'the plugin and its child to be gone');
      assert.equal(runner.running, 0);
    } finally {
      runner.dispose();
    }
  });

  test('dispose kills a plugin under way; the caller gets an error, nothing is left running', async () => {
    const runner = new CredentialRunner({ timeoutMs: 60_000 });
    const p = makePlugin({ kind: 'hang' });
    const pending = runner.get('ctx', execOf(p));
    await until(() => p.pids().length === 1, 5000, 'the plugin to start');
    assert.equal(runner.running, 1);
    runner.dispose();
    await assert.rejects(pending);
    await until(() => !alive(p.pids()[0]!), 5000, 'the plugin to be gone');
    assert.equal(runner.running, 0);
  });

  test('a plugin nobody waits for any more is killed; one still awaited keeps running', async () => {
    const runner = new CredentialRunner({ timeoutMs: 60_000 });
    const p = makePlugin({ kind: 'hang' });
    try {
      const a = new AbortController();
      const b = new AbortController();
      const first = runner.get('ctx', execOf(p), a.signal);
      const second = runner.get('ctx', execOf(p), b.signal);
      await until(() => p.pids().length === 1, 5000, 'the plugin to start');
      a.abort(new Error('first caller left'));
      await assert.rejects(first, /first caller left/);
      assert.ok(alive(p.pids()[0]!), 'still needed by the second caller');
      b.abort(new Error('second caller left'));
      await assert.rejects(second, /second caller left/);
      await until(() => !alive(p.pids()[0]!), 5000, 'the plugin to be gone');
      assert.equal(p.pids().length, 1, 'one process for both callers');
    } finally {
      runner.dispose();
    }
  });

  test('while a device-code login waits: which command, since when, what it printed (tokens masked); Cancel stops it', async () => {
    const runner = new CredentialRunner({ timeoutMs: 60_000 });
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZXYifQ.c2lnbmF0dXJl';
    const p = makePlugin({
      kind: 'device-code',
      stderr:
        `debug: cached refresh token ${jwt} expired\n` +
        'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate.\n',
    });
    try {
      assert.equal(runner.progress('ctx'), undefined, 'nothing runs yet');
      const before = Date.now();
      const pending = runner.get('ctx', execOf(p));
      await until(() => (runner.progress('ctx')?.output.length ?? 0) === 2, 5000, 'the plugin to print its prompt');
      const progress = runner.progress('ctx')!;
      assert.equal(progress.cmd.command, p.command);
      assert.equal(progress.timeoutMs, 60_000);
      assert.ok(progress.startedAt >= before && progress.startedAt <= Date.now());
      assert.deepEqual(progress.output, [
        'debug: cached refresh token *** expired',
        'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate.',
      ]);
      // What the panel shows: the command, the time so far and the limit, and what happens at the limit.
      const notice = credentialWaitNotice(progress.cmd, 4200, progress.timeoutMs, progress.output);
      assert.match(notice.title, /^Waiting for the credential command ".+" \(4 s of 60 s\)$/);
      assert.match(notice.detail, /At 60 s \("kubewise\.metrics\.credentialTimeout"\) it is stopped/);
      assert.match(notice.next, /Complete the login it asks for below/);
      assert.ok(!JSON.stringify(notice).includes(jwt), 'no token reaches the notice');

      assert.equal(runner.cancel('ctx'), true);
      const problem = await problemOf(pending);
      assert.equal(problem.kind, 'credential-cancelled');
      assert.match(problem.title, /^Stopped waiting for the credential command ".+"$/);
      assert.match(problem.next, /Log in from a terminal/);
      await until(() => !alive(p.pids()[0]!), 5000, 'the plugin to be gone');
      assert.equal(runner.running, 0);
      assert.equal(runner.progress('ctx'), undefined);
      assert.equal(runner.cancel('ctx'), false, 'nothing left to cancel');
    } finally {
      runner.dispose();
    }
  });

  test('the output shown keeps the last lines, without terminal colours, each cut short', () => {
    const many = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');
    assert.deepEqual(visibleOutput(many), ['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
    assert.deepEqual(visibleOutput('\x1b[1mEnter the code\x1b[0m \r\n\n'), ['Enter the code']);
    assert.equal(visibleOutput('x'.repeat(1000).replace(/x/g, 'x '))[0]!.length, 300);
    assert.deepEqual(visibleOutput(`token=${'A1b2'.repeat(12)} done`), ['token=*** done']);
    const quiet = credentialWaitNotice(
      { kind: 'exec', user: 'dev', command: 'aws', args: ['eks', 'get-token'], env: {} },
      1500,
      30_000,
      [],
    );
    assert.match(quiet.next, /Cancel and run "aws eks get-token" in a terminal/);
  });

  test('a missing plugin (ENOENT) names the command and the install hint', async () => {
    const runner = new CredentialRunner({ timeoutMs: 10_000 });
    try {
      const cmd: CredentialCommand = {
        kind: 'exec',
        user: 'eks-admin',
        command: 'kubewise-no-such-plugin',
        args: ['token', '--cluster', 'prod'],
        env: {},
        apiVersion: API,
        installHint: 'Install it with: brew install kubewise-no-such-plugin',
      };
      const problem = await problemOf(runner.get('ctx', cmd));
      assert.equal(problem.kind, 'credential-missing');
      assert.equal(problem.title, 'The credential command "kubewise-no-such-plugin" was not found');
      assert.match(problem.detail, /user "eks-admin".*kubewise-no-such-plugin token --cluster prod/);
      assert.match(problem.next, /^Install it with: brew install kubewise-no-such-plugin/);
    } finally {
      runner.dispose();
    }
  });

  test('a plugin that exits non-zero: its exit code and first stderr line', async () => {
    const runner = new CredentialRunner({ timeoutMs: 10_000 });
    const p = makePlugin({
      kind: 'fail',
      stderr: '\nerror: the SSO session has expired; run "aws sso login"\n  at line 2 of a trace\n',
      code: 3,
    });
    try {
      const problem = await problemOf(runner.get('ctx', execOf(p)));
      assert.equal(problem.kind, 'credential-failed');
      assert.match(problem.title, /failed \(exit code 3\)$/);
      assert.match(problem.detail, /exited with code 3: error: the SSO session has expired; run "aws sso login"\.$/);
      assert.doesNotMatch(problem.detail, /trace/);
      assert.match(problem.next, /in a terminal to see the whole error/);
      // A failure is not cached: the next refresh runs it again.
      await problemOf(runner.get('ctx', execOf(p)));
      assert.equal(p.runs(), 2);
    } finally {
      runner.dispose();
    }
  });

  test('a plugin that prints no ExecCredential', async () => {
    const runner = new CredentialRunner({ timeoutMs: 10_000 });
    const p = makePlugin({ kind: 'garbage' });
    try {
      const problem = await problemOf(runner.get('ctx', execOf(p)));
      assert.equal(problem.kind, 'credential-failed');
      assert.match(problem.detail, /its output is not JSON/);
    } finally {
      runner.dispose();
    }
  });

  test('an auth-provider cmd-path command: the token at token-key, cached until expiry-key', async () => {
    const runner = new CredentialRunner({ timeoutMs: 10_000 });
    const p = makePlugin({ kind: 'auth-provider', token: 'ya29.token', expiresInSec: 3600 });
    try {
      const source = credentialSourceOf(
        {
          name: 'gke',
          authProvider: {
            name: 'gcp',
            config: {
              'cmd-path': p.command,
              'cmd-args': p.args.join(' '),
              'token-key': '{.credential.access_token}',
              'expiry-key': '{.credential.token_expiry}',
            },
          },
        },
        { name: 'c', server: 'https://x', skipTLSVerify: false },
      );
      assert.ok(source && 'command' in source);
      const c = await runner.get('ctx', source.command);
      assert.equal(c.token, 'ya29.token');
      assert.ok(c.expiresAt! > Date.now());
      await runner.get('ctx', source.command);
      assert.equal(p.runs(), 1);
    } finally {
      runner.dispose();
    }
  });
});

describe('credential command: what the kubeconfig asks and what the plugin prints', () => {
  const cmd: CredentialCommand = { kind: 'exec', user: 'u', command: 'x', args: [], env: {}, apiVersion: API };

  test('ExecCredential checks as client-go makes them', () => {
    const out = (status: unknown, apiVersion = API) => JSON.stringify({ apiVersion, kind: 'ExecCredential', status });
    assert.deepEqual(parseCredentialOutput(cmd, out({ token: 't' })), { token: 't' });
    assert.match(
      String(parseCredentialOutput(cmd, out({ token: 't' }, 'client.authentication.k8s.io/v1beta1'))),
      /asks for client\.authentication\.k8s\.io\/v1/,
    );
    assert.match(String(parseCredentialOutput(cmd, out({}))), /neither a token nor a client certificate/);
    assert.match(String(parseCredentialOutput(cmd, out({ clientCertificateData: 'c' }))), /not both/);
    assert.match(String(parseCredentialOutput(cmd, '')), /printed nothing/);
  });

  test('a valid access-token in the kubeconfig is used without running cmd-path; an expired one runs it', () => {
    const user = (expiry: string) => ({
      name: 'g',
      authProvider: { name: 'gcp', config: { 'access-token': 'cached', expiry, 'cmd-path': '/bin/gcloud' } },
    });
    const cluster = { name: 'c', server: 'https://x', skipTLSVerify: false };
    const later = new Date(Date.now() + 3600_000).toISOString();
    const earlier = new Date(Date.now() - 60_000).toISOString();
    assert.deepEqual(credentialSourceOf(user(later), cluster), {
      credential: { token: 'cached', expiresAt: Date.parse(later) },
    });
    const s = credentialSourceOf(user(earlier), cluster);
    assert.ok(s && 'command' in s && s.command.command === '/bin/gcloud');
  });

  test('exec: the plugin is told it is not interactive; interactiveMode Always is refused before running', () => {
    const cluster = { name: 'c', server: 'https://x', skipTLSVerify: false };
    const s = credentialSourceOf({ name: 'u', exec: { apiVersion: API, command: 'aws', args: ['eks'] } }, cluster);
    assert.ok(s && 'command' in s);
    assert.deepEqual(JSON.parse(s.command.env.KUBERNETES_EXEC_INFO!), {
      apiVersion: API,
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
    const always = credentialSourceOf(
      { name: 'u', exec: { apiVersion: API, command: 'kubelogin', interactiveMode: 'Always' } },
      cluster,
    );
    assert.ok(always && 'problem' in always);
    assert.match(always.problem.title, /needs a terminal/);
  });
});
