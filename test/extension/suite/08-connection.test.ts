import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateKubewise, waitFor, type KubewiseApi } from './helpers';

/** What the connection tests need of the extension's API (client/src/extension.ts). */
interface ConnectionApi extends KubewiseApi {
  readonly metrics: {
    readonly latest: { pods: unknown[]; context: string } | undefined;
    readonly problem: { kind: string; title: string; detail: string; next: string } | undefined;
    readonly view: { readonly posted: string[] };
    readonly waitNotice: { title: string; detail: string; next: string; output: readonly string[] } | undefined;
    readonly pollingHeld: boolean;
    onMessage(m: { type: string }): void;
    refresh(): Promise<void>;
    useContext(name: string): Promise<void>;
  };
}

// The node:test wrapper (test/extension/vscode.test.ts) writes one kubeconfig per context
// (test/support/connection-contexts.ts) and passes the plugins' folders.
const KUBECONFIG = process.env.KUBEWISE_TEST_CONNECTION_KUBECONFIG ?? '';
const PLUGINS = JSON.parse(process.env.KUBEWISE_TEST_CONNECTION_PLUGINS ?? '{}') as Record<string, string>;
/**
 * The wrapper runs this suite twice: in the usual session, whose folder nobody trusted (restricted mode), and in a
 * session with workspace trust off (everything trusted).
 */
const UNTRUSTED = process.env.KUBEWISE_TEST_TRUSTED !== '1';

function pids(context: string): number[] {
  const f = path.join(PLUGINS[context] ?? '', 'pids');
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

function runs(context: string): number {
  return Number(fs.readFileSync(path.join(PLUGINS[context] ?? '', 'runs'), 'utf8'));
}

/** True while the process runs (a zombie counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return false;
  }
}

/** The panel's problem now (a function, so that an earlier assertion does not narrow its type). */
const problemNow = (api: ConnectionApi) => api.metrics.problem;

suite('cluster connection: credential commands, failures and trust', () => {
  let api: ConnectionApi;
  const config = () => vscode.workspace.getConfiguration('kubewise.metrics');

  suiteSetup(async () => {
    assert.ok(KUBECONFIG, 'the wrapper passes the connection kubeconfigs');
    api = (await activateKubewise()) as ConnectionApi;
    // The view resolved, so that what is posted to its page can be checked.
    await vscode.commands.executeCommand('kubewise.metrics.focus');
    await config().update('credentialTimeout', 3, vscode.ConfigurationTarget.Global);
    await config().update('kubeconfig', KUBECONFIG, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await config().update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    await config().update('credentialTimeout', undefined, vscode.ConfigurationTarget.Global);
    await api.metrics.useContext('test');
  });

  test('the workspace trust of this session is what the wrapper asked for', () => {
    assert.equal(vscode.workspace.isTrusted, !UNTRUSTED);
  });

  test('an auth-provider command runs only in a trusted workspace', async () => {
    await api.metrics.useContext('conn-gcp');
    if (UNTRUSTED) {
      assert.equal(api.metrics.problem?.kind, 'exec-untrusted');
      assert.match(api.metrics.problem!.title, /auth-provider cmd-path.*not trusted/);
      assert.equal(runs('conn-gcp'), 0, 'the command never ran');
    } else {
      assert.equal(api.metrics.problem, undefined);
      assert.equal(api.metrics.latest?.context, 'conn-gcp');
      assert.equal(runs('conn-gcp'), 1);
    }
  });

  test('an exec plugin is refused in an untrusted workspace, and runs once per token lifetime in a trusted one', async () => {
    await api.metrics.useContext('conn-exec');
    if (UNTRUSTED) {
      assert.equal(api.metrics.problem?.kind, 'exec-untrusted');
      assert.equal(runs('conn-exec'), 0);
      return;
    }
    assert.equal(api.metrics.latest?.context, 'conn-exec');
    await api.metrics.refresh();
    await api.metrics.refresh();
    assert.equal(api.metrics.problem, undefined);
    assert.equal(runs('conn-exec'), 1, 'the token is cached until it expires');
  });

  test('a hung plugin holds back neither a context switch nor Refresh, and is stopped with its own message', async function () {
    if (UNTRUSTED) {
      await api.metrics.useContext('conn-hung');
      assert.equal(api.metrics.problem?.kind, 'exec-untrusted');
      assert.deepEqual(pids('conn-hung'), []);
      return;
    }
    // Switch to the hung context and, while its plugin hangs, to a working one: the switch is not held back.
    const hung = api.metrics.useContext('conn-hung');
    await waitFor('the hung plugin to start', () => pids('conn-hung').length === 1);
    await api.metrics.useContext('conn-token');
    assert.equal(api.metrics.latest?.context, 'conn-token');
    assert.equal(api.metrics.problem, undefined);
    await hung;
    const first = pids('conn-hung')[0]!;
    await waitFor('the plugin nobody waits for to be stopped', () => !alive(first));

    // In the hung context, Refresh three times while the plugin hangs: one process, and each refresh settles.
    const switched = api.metrics.useContext('conn-hung');
    await waitFor('the hung plugin to start again', () => pids('conn-hung').length === 2);
    await Promise.all([api.metrics.refresh(), api.metrics.refresh(), api.metrics.refresh(), switched]);
    assert.equal(pids('conn-hung').length, 2, 'Refresh joined the plugin under way instead of starting more');
    const p = problemNow(api);
    assert.equal(p?.kind, 'credential-timeout');
    assert.match(p!.title, /^The credential command ".+" did not answer within 3 s$/);
    assert.match(p!.next, /kubewise\.metrics\.credentialTimeout/);
    const last = api.metrics.view.posted[api.metrics.view.posted.length - 1] ?? '';
    assert.match(last, /"type":"problem".*did not answer within 3 s/);
    assert.equal(api.metrics.pollingHeld, true, 'timer ticks do not start the hung command again');
    for (const pid of pids('conn-hung')) await waitFor(`plugin ${pid} to be gone`, () => !alive(pid));
  });

  test('untrusted: the card says what is limited, and its button opens the workspace trust editor', async () => {
    await api.metrics.useContext('conn-exec');
    if (!UNTRUSTED) {
      assert.equal(api.metrics.problem, undefined, 'no trust card in a trusted workspace');
      return;
    }
    const p = problemNow(api);
    assert.equal(p?.kind, 'exec-untrusted');
    assert.match(p!.detail, /runs no credential command \(exec plugins, auth-provider cmd-path\)/);
    assert.match(p!.detail, /token or a client certificate still work, and linting and quick fixes work as usual/);
    assert.match(p!.next, /"Manage Workspace Trust"/);
    const trustTab = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Workspace Trust/i.test(t.label));
    assert.equal(trustTab(), undefined);
    // What the card's button sends.
    api.metrics.onMessage({ type: 'manageTrust' });
    const tab = await waitFor('the workspace trust editor to open', trustTab);
    await vscode.window.tabGroups.close(tab);
    assert.equal(vscode.workspace.isTrusted, false, 'opening the editor trusts nothing by itself');
  });

  test('a login that waits: the panel names the command, the time and the limit, shows its prompt, and Cancel stops it', async () => {
    if (UNTRUSTED) {
      await api.metrics.useContext('conn-device');
      assert.equal(api.metrics.problem?.kind, 'exec-untrusted');
      assert.deepEqual(pids('conn-device'), []);
      return;
    }
    await config().update('credentialTimeout', 60, vscode.ConfigurationTarget.Global);
    try {
      const switched = api.metrics.useContext('conn-device');
      const notice = await waitFor('the waiting notice', () =>
        api.metrics.waitNotice?.output.some((l) => l.includes('KWTEST-42')) ? api.metrics.waitNotice : undefined,
      );
      assert.match(notice.title, /^Waiting for the credential command ".+" \(\d+ s of 60 s\)$/);
      assert.match(notice.detail, /At 60 s \("kubewise\.metrics\.credentialTimeout"\) it is stopped/);
      assert.match(notice.next, /Complete the login it asks for below/);
      assert.ok(
        api.metrics.view.posted.some((m) => m.includes('"type":"waiting"') && m.includes('KWTEST-42')),
        'the page got the notice with the prompt',
      );
      const pid = pids('conn-device')[0]!;
      assert.ok(alive(pid));
      // What the card's Cancel button sends.
      api.metrics.onMessage({ type: 'cancelCredential' });
      await switched;
      const p = problemNow(api);
      assert.equal(p?.kind, 'credential-cancelled');
      assert.match(p!.title, /^Stopped waiting for the credential command/);
      await waitFor('the plugin to be gone', () => !alive(pid));
      const last = api.metrics.view.posted[api.metrics.view.posted.length - 1] ?? '';
      assert.match(last, /"type":"problem".*Stopped waiting/);
      assert.equal(api.metrics.waitNotice, undefined);
      assert.equal(api.metrics.pollingHeld, true, 'timer ticks do not start the cancelled command again');
    } finally {
      await config().update('credentialTimeout', 3, vscode.ConfigurationTarget.Global);
    }
  });

  test('a missing plugin, a failing one and a plain-http server each get their own message', async () => {
    await api.metrics.useContext('conn-missing');
    if (UNTRUSTED) {
      assert.equal(api.metrics.problem?.kind, 'exec-untrusted', 'not even looked for');
      await api.metrics.useContext('conn-http');
      assert.equal(api.metrics.problem?.kind, 'plain-http');
      return;
    }
    assert.equal(api.metrics.problem?.kind, 'credential-missing');
    assert.equal(api.metrics.problem!.title, 'The credential command "kubewise-test-login-plugin" was not found');
    assert.match(api.metrics.problem!.next, /npm install -g kubewise-test-login-plugin/);

    await api.metrics.useContext('conn-failing');
    assert.equal(api.metrics.problem?.kind, 'credential-failed');
    assert.match(api.metrics.problem!.title, /failed \(exit code 2\)$/);
    assert.match(api.metrics.problem!.detail, /: error: SSO session expired, run "sso login"\.$/);

    await api.metrics.useContext('conn-http');
    assert.equal(api.metrics.problem?.kind, 'plain-http');
    assert.match(api.metrics.problem!.title, /^The API server address of context "conn-http" is plain http/);
  });
});
