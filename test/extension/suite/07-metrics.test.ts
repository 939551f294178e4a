import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateKubewise, waitFor, workspaceUri, type KubewiseApi } from './helpers';

/** What the metrics tests need of the extension's API (client/src/extension.ts). */
interface MetricsApi extends KubewiseApi {
  readonly logUri: vscode.Uri;
  readonly metrics: {
    readonly latest: { pods: { key: string; cpu?: number }[]; context: string } | undefined;
    readonly problem: { kind: string; title: string } | undefined;
    readonly polling: boolean;
    readonly view: { readonly html: string; readonly posted: string[]; readonly visible: boolean };
    refresh(): Promise<void>;
    useContext(name: string): Promise<void>;
  };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

// The node:test wrapper (test/extension/vscode.test.ts) starts the test API server and points KUBECONFIG at it.
suite('cluster metrics panel', () => {
  const token = process.env.KUBEWISE_TEST_METRICS_TOKEN ?? '';

  test('the view shows the test cluster; the token is in neither the page, the messages nor the logs', async () => {
    assert.ok(token.length > 20, 'the wrapper passes the test API server token');
    const api = (await activateKubewise()) as MetricsApi;
    await vscode.commands.executeCommand('kubewise.metrics.focus');
    const snap = await waitFor('a snapshot of the test cluster', () => api.metrics.latest, 60_000);
    assert.equal(snap.context, 'test');
    assert.deepEqual(snap.pods.map((p) => p.key).sort(), [
      'data/db-0',
      'kube-system/coredns-5d78c9869d-abcde',
      'shop/web-7d4b9c8f6-q9z7m',
      'shop/web-7d4b9c8f6-x2k4p',
    ]);
    assert.ok(
      snap.pods.every((p) => typeof p.cpu === 'number'),
      'usage from metrics.k8s.io',
    );
    assert.ok(api.metrics.view.visible, 'the view is visible');

    const html = api.metrics.view.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, `a nonce in the CSP: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    assert.ok(
      scripts.length >= 1 && scripts.every((a) => a.includes(`nonce="${nonce}"`)),
      'every script carries the nonce',
    );

    const posted = await waitFor('a snapshot posted to the page', () => {
      const all = api.metrics.view.posted.join('\n');
      return all.includes('"type":"snapshot"') && all;
    });
    assert.ok(posted.includes('web-7d4b9c8f6-x2k4p'), 'pod names reach the page');
    const logs = filesUnder(path.dirname(api.logUri.fsPath));
    const texts = logs.map((f) => fs.readFileSync(f, 'utf8'));
    assert.ok(
      texts.some((t) => t.includes('Cluster Metrics: reading context "test"')),
      `the log records the connection (searched ${logs.length} files under ${path.dirname(api.logUri.fsPath)})`,
    );
    for (const [where, text] of [
      ['page HTML', html],
      ['messages', posted],
      ...logs.map((f, i) => [f, texts[i]!]),
    ] as const) {
      assert.ok(!text.includes(token), `the token leaked into ${where}`);
    }
  });

  test('polling runs while the view is visible and pauses while it is hidden', async () => {
    const api = (await activateKubewise()) as MetricsApi;
    await vscode.commands.executeCommand('kubewise.metrics.focus');
    await waitFor('polling while visible', () => api.metrics.polling);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor('polling paused while hidden', () => !api.metrics.polling && !api.metrics.view.visible);
    await vscode.commands.executeCommand('kubewise.metrics.focus');
    await waitFor('polling again', () => api.metrics.polling && api.metrics.view.visible);
  });

  test('an unknown context is reported in the panel, and the choice is remembered per workspace', async () => {
    const api = (await activateKubewise()) as MetricsApi;
    await api.metrics.useContext('no-such-context');
    assert.equal(api.metrics.problem?.kind, 'unknown-context');
    const last = api.metrics.view.posted[api.metrics.view.posted.length - 1] ?? '';
    assert.match(last, /"type":"problem".*Unknown context \\"no-such-context\\"/);
    await api.metrics.useContext('test');
    assert.equal(api.metrics.problem, undefined);
    assert.equal(api.metrics.latest?.context, 'test');
  });
});

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27 # pinned
          resources:
            requests:
              cpu: 500m
              memory: 128Mi
            limits:
              cpu: "1"
              memory: 256Mi
`;

suite('cluster metrics: a cluster without metrics-server', () => {
  test('the user setting kubewise.metrics.kubeconfig wins over KUBECONFIG; the panel names metrics-server and how to install it', async () => {
    const api = (await activateKubewise()) as MetricsApi;
    const other = process.env.KUBEWISE_TEST_NO_METRICS_KUBECONFIG;
    assert.ok(other, 'the wrapper passes a kubeconfig of a cluster without metrics-server');
    const config = vscode.workspace.getConfiguration('kubewise.metrics');
    await config.update('kubeconfig', other, vscode.ConfigurationTarget.Global);
    try {
      await api.metrics.refresh();
      const last = await waitFor('a snapshot without metrics', () => {
        // the first message from the other cluster is a full snapshot (a delta is only sent against the same
        // server and metrics availability); later refreshes may be deltas that list no unchanged pod
        const m = api.metrics.view.posted.find((p) => p.includes('"type":"snapshot"') && p.includes('"metrics":false'));
        return m ?? false;
      });
      assert.match(last, /metrics-server is not installed/);
      assert.match(last, /kubectl apply -f https:\/\/github.com\/kubernetes-sigs\/metrics-server/);
      assert.match(last, /db-0/, 'pods are still listed with their requests');
    } finally {
      await config.update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    }
    await api.metrics.refresh();
    assert.equal(
      api.metrics.latest?.pods.every((p) => typeof p.cpu === 'number'),
      true,
      'back on KUBECONFIG',
    );
  });
});

suite('cluster metrics in the manifest', () => {
  test('CodeLens and hover show live usage, its context and age; nothing measured is offered on one metrics window', async () => {
    const api = (await activateKubewise()) as MetricsApi;
    await vscode.commands.executeCommand('kubewise.metrics.focus');
    await waitFor(
      'a snapshot with usage',
      () => api.metrics.latest?.pods.some((p) => typeof p.cpu === 'number'),
      60_000,
    );
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: WEB });
    await vscode.window.showTextDocument(doc);

    const lens = await waitFor('a CodeLens with live usage above resources:', async () => {
      const lenses =
        (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
      return lenses.find((l) => l.command?.title.startsWith('cpu '));
    });
    assert.equal(lens.range.start.line, 17, 'on the resources: line');
    assert.match(
      lens.command!.title,
      /^cpu \d+m \/ req 500m · mem 1[12]\dMi \/ req 128Mi · max of 2 pods · context test · \d+ s ago$/,
    );

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(17, 12),
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /web-7d4b9c8f6-x2k4p/);
    // The test cluster's metrics-server reports one window (its timestamp never moves): one sample, however often
    // it is read, is far from the evidence a measured value needs.
    assert.match(hoverText, /Not enough history yet:.*collecting usage \(1\/100 windows/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      new vscode.Range(15, 10, 15, 20),
    );
    assert.ok(!actions.some((a) => a.title.startsWith('Apply recommended resources')), 'no Apply on one window');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

suite('cluster metrics: measured quick fixes', () => {
  test('cpu-request-missing offers only the default fix while the evidence is short', async () => {
    const api = (await activateKubewise()) as MetricsApi;
    await waitFor(
      'a snapshot with usage',
      () => api.metrics.latest?.pods.some((p) => typeof p.cpu === 'number'),
      60_000,
    );
    const text = WEB.replace(/ {10}resources:\n(?: {12}.*\n)+/, '');
    assert.ok(!text.includes('resources:'));
    // A file of its own (an untitled document may reuse the name of one closed just before, and with it a stale
    // version on the server's side).
    const uri = workspaceUri(`metrics-measured-${Date.now()}.yaml`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const isCpuRequestMissing = (d: vscode.Diagnostic) =>
      d.source === 'kubewise' && String(typeof d.code === 'object' ? d.code.value : d.code) === 'cpu-request-missing';
    // A loaded machine can take a while to lint a new document.
    const diag = await waitFor(
      'cpu-request-missing on nginx',
      () => vscode.languages.getDiagnostics(doc.uri).find(isCpuRequestMissing),
      50_000,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
    );
    assert.ok(!actions.some((a) => /measured/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
    assert.ok(
      actions.some((a) => a.title.startsWith('Add requests.cpu: 100m')),
      'the default fix is still offered',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
});
