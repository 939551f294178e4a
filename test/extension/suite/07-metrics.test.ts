import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateKubewise, waitFor, type KubewiseApi } from './helpers';

/** What the metrics tests need of the extension's API (client/src/extension.ts). */
interface MetricsApi extends KubewiseApi {
  readonly logUri: vscode.Uri;
  readonly metrics: {
    readonly latest: { pods: { key: string; cpu?: number }[]; context: string } | undefined;
    readonly problem: { kind: string; title: string } | undefined;
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
    assert.deepEqual(
      snap.pods.map((p) => p.key).sort(),
      ['data/db-0', 'kube-system/coredns-5d78c9869d-abcde', 'shop/web-7d4b9c8f6-q9z7m', 'shop/web-7d4b9c8f6-x2k4p'],
    );
    assert.ok(snap.pods.every((p) => typeof p.cpu === 'number'), 'usage from metrics.k8s.io');
    assert.ok(api.metrics.view.visible, 'the view is visible');

    const html = api.metrics.view.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, `a nonce in the CSP: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    assert.ok(scripts.length >= 2 && scripts.every((a) => a.includes(`nonce="${nonce}"`)), 'every script carries the nonce');

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
    for (const [where, text] of [['page HTML', html], ['messages', posted], ...logs.map((f, i) => [f, texts[i]!])] as const) {
      assert.ok(!text.includes(token), `the token leaked into ${where}`);
    }
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
