import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateKubewise, waitFor, type KubewiseApi } from './helpers';

interface WatchApi extends KubewiseApi {
  readonly metrics: {
    readonly latest: { pods: { key: string }[]; context: string; server: string } | undefined;
    readonly polling: boolean;
    readonly view: { readonly posted: string[]; readonly visible: boolean };
    refresh(): Promise<void>;
    useContext(name: string): Promise<void>;
  };
}

/** What the wrapper's control channel (test/support/apiserver-control.ts) says of the stand-in. */
interface ControlState {
  readonly podLists: number;
  readonly watches: number;
  readonly open: number;
  readonly pods: readonly string[];
}

/**
 * The panel keeps the pods through a watch in a real VS Code: the wrapper (test/extension/vscode.test.ts) starts a
 * test API server of its own and a loopback channel through which this suite adds, deletes and compacts pods as a
 * cluster would, and reads how many times the pods were listed and watched.
 */
suite('cluster metrics: pods kept current by a watch', () => {
  const control = process.env.KUBEWISE_TEST_WATCH_CONTROL ?? '';
  const kubeconfig = process.env.KUBEWISE_TEST_WATCH_KUBECONFIG ?? '';
  const config = () => vscode.workspace.getConfiguration('kubewise.metrics');
  let api: WatchApi;
  let server = '';

  const state = async (): Promise<ControlState> => (await (await fetch(`${control}/state`)).json()) as ControlState;
  const post = async (path: string): Promise<ControlState> => {
    const r = await fetch(`${control}${path}`, { method: 'POST' });
    assert.equal(r.status, 200, await r.clone().text());
    return (await r.json()) as ControlState;
  };
  /** Refreshes until the panel's pods satisfy `ok` (a refresh polls the metrics; the pods come from the watch). */
  const refreshUntil = (what: string, ok: (keys: string[]) => boolean) =>
    waitFor(what, async () => {
      await api.metrics.refresh();
      const snap = api.metrics.latest;
      const keys = snap?.server === server ? snap.pods.map((p) => p.key) : [];
      return snap?.server === server && ok(keys) && keys;
    });

  suiteSetup(async () => {
    assert.ok(control && kubeconfig, 'the wrapper passes the watched cluster and its control channel');
    server = /server: (\S+)/.exec(fs.readFileSync(kubeconfig, 'utf8'))?.[1] ?? '';
    assert.ok(server, `a server in ${kubeconfig}`);
    api = (await activateKubewise()) as WatchApi;
    await vscode.commands.executeCommand('kubewise.metrics.focus');
    await config().update('kubeconfig', kubeconfig, vscode.ConfigurationTarget.Global);
    await api.metrics.useContext('test');
    await refreshUntil('the watched cluster in the panel', (keys) => keys.length > 0);
    await waitFor('a watch stream open on the watched cluster', async () => (await state()).open === 1);
  });

  suiteTeardown(async () => {
    await config().update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    await api.metrics.useContext('test');
  });

  test('a pod added and a pod deleted reach the view through watch events, without listing the pods again', async () => {
    const before = await state();
    assert.ok(before.podLists >= 1, 'the watch listed the pods once to start from');
    assert.ok(api.metrics.view.visible, 'the view is visible');

    const added = 'shop/web-7d4b9c8f6-w4tch';
    await post(`/pods/add?from=shop/web-7d4b9c8f6-x2k4p&name=web-7d4b9c8f6-w4tch`);
    await refreshUntil('the added pod in the panel', (keys) => keys.includes(added));
    await waitFor('the added pod posted to the page', () =>
      api.metrics.view.posted.some((m) => /"type":"(snapshot|delta)"/.test(m) && m.includes('web-7d4b9c8f6-w4tch')),
    );

    const deleted = 'shop/web-7d4b9c8f6-q9z7m';
    await post(`/pods/remove?pod=${deleted}`);
    const keys = await refreshUntil('the deleted pod gone from the panel', (k) => !k.includes(deleted));
    assert.ok(keys.includes(added), 'the added pod stays');
    await waitFor('the deletion posted to the page', () =>
      api.metrics.view.posted.some((m) => m.includes('"type":"delta"') && m.includes(`"removed":["${deleted}"]`)),
    );

    const after = await state();
    assert.equal(after.podLists, before.podLists, 'no pod list: the changes came as watch events');
    assert.equal(after.open, 1, 'one watch stream, still open');
    assert.deepEqual([...keys].sort(), [...after.pods].sort(), 'the panel holds the pods the cluster has');
  });

  test('410 Gone after a compaction: the pods are listed exactly once more, and the change made meanwhile is seen', async () => {
    const before = await state();
    // The server ends every stream, deletes db-0 while nobody watches, and compacts its history.
    await post('/pods/expire?pod=data/db-0');
    await waitFor('watching again after one list', async () => {
      const s = await state();
      return s.open === 1 && s.podLists > before.podLists && s;
    });
    const keys = await refreshUntil('db-0 gone from the panel', (k) => !k.includes('data/db-0'));
    // More refreshes list nothing: the pods come from the watch again.
    await api.metrics.refresh();
    await api.metrics.refresh();
    const after = await state();
    assert.equal(after.podLists, before.podLists + 1, 'exactly one list after the 410');
    assert.ok(after.watches >= before.watches + 2, 'the resumed watch (answered 410), then a new one');
    assert.deepEqual([...keys].sort(), [...after.pods].sort());
  });
});
