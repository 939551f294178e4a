import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateKubewise, closeAll, waitFor, workspaceUri, type KubewiseApi } from './helpers';

/** What these tests need of the extension's API (client/src/extension.ts). */
interface StatusApi extends KubewiseApi {
  readonly metrics: {
    readonly latest: { context: string; pods: { key: string; name: string }[] } | undefined;
    readonly view: { readonly posted: string[] };
    readonly problem: unknown;
    refresh(): Promise<void>;
    onMessage(m: { type: 'openManifest'; pod: string }): void;
  };
}

interface PostedPod {
  key: string;
  name: string;
  owner: string;
  status: string;
  ready: string;
  restarts: number;
  qos: string;
  cpu: number | null;
  cpuReq: number | null;
  containers: { name: string; state: string; restarts: number; last: { reason: string; memLim: number } | null }[];
}

/** The pods of the last full snapshot posted to the page (the first message from another cluster is one). */
function postedPods(api: StatusApi): PostedPod[] | undefined {
  for (let i = api.metrics.view.posted.length - 1; i >= 0; i--) {
    const text = api.metrics.view.posted[i]!;
    if (!text.startsWith('{"type":"snapshot"')) continue;
    const m = JSON.parse(text) as { pods: PostedPod[] };
    if (m.pods.some((p) => p.name.startsWith('report-'))) return m.pods;
  }
  return undefined;
}

const REPORT = `# A manifest no editor has open.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: report
  namespace: shop
spec:
  selector:
    matchLabels: {app: report}
  template:
    metadata:
      labels: {app: report}
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/migrate:1.0.0
      containers:
        - name: app
          image: registry.example.com/report:1.0.0
`;

// The node:test wrapper (test/extension/vscode.test.ts) starts a test API server with pods in trouble.
suite('cluster metrics: status columns and opening a pod’s manifest', () => {
  let api: StatusApi;
  const config = () => vscode.workspace.getConfiguration('kubewise.metrics');

  suiteSetup(async () => {
    api = (await activateKubewise()) as StatusApi;
    const trouble = process.env.KUBEWISE_TEST_TROUBLE_KUBECONFIG;
    assert.ok(trouble, 'the wrapper passes a kubeconfig of the cluster with pods in trouble');
    await config().update('kubeconfig', trouble, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('kubewise.metrics.focus');
    await api.metrics.refresh();
  });
  suiteTeardown(async () => {
    await config().update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    await api.metrics.refresh();
  });

  test('the page gets kubectl’s STATUS, restarts, the last termination and the QoS class; %CPU/R as k9s', async () => {
    const pods = await waitFor('a snapshot of the cluster with pods in trouble', () => postedPods(api), 60_000);
    const byName = (prefix: string) => pods.find((p) => p.name.startsWith(prefix))!;
    const crash = byName('worker-');
    assert.deepEqual([crash.status, crash.ready, crash.restarts], ['CrashLoopBackOff', '0/1', 7]);
    assert.equal(crash.containers[0]!.state, 'CrashLoopBackOff');
    const oom = byName('cache-').containers[0]!;
    assert.equal(oom.last?.reason, 'OOMKilled');
    assert.equal(oom.last?.memLim, 256 * 2 ** 20, 'the memory limit it was killed at');
    assert.equal(oom.restarts, 3);
    const report = byName('report-');
    assert.equal(report.cpuReq, 0.5, 'the finished 2-CPU init container is not in the request');
    assert.equal(Math.floor((report.cpu! / report.cpuReq!) * 100), 42, 'k9s shows 42 %');
    assert.equal(report.owner, 'Deployment/report');
    assert.equal(byName('nightly-').owner, 'CronJob/nightly', 'Job → CronJob through ownerReferences');
    assert.equal(byName('debug-web').qos, 'BestEffort');
  });

  test('"Open manifest" on a pod opens its Deployment from a file no editor has open', async () => {
    const file = workspaceUri('report-deploy.yaml');
    fs.writeFileSync(file.fsPath, REPORT);
    try {
      await closeAll();
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === file.toString()));
      const pod = await waitFor('the report pod', () =>
        api.metrics.latest?.pods.find((p) => p.name.startsWith('report-')),
      );
      // The language server indexes the new file from its file event; ask until it knows it.
      const editor = await waitFor(
        'the manifest in an editor',
        async () => {
          api.metrics.onMessage({ type: 'openManifest', pod: pod.key });
          await new Promise((r) => setTimeout(r, 300));
          const e = vscode.window.activeTextEditor;
          return e?.document.uri.toString() === file.toString() && e;
        },
        30_000,
      );
      assert.equal(editor.selection.active.line, 1, 'at the object’s first line');
    } finally {
      await closeAll();
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  // Last: its manifest is a second Deployment/report, which "Open manifest" above would have to choose from.
  test('ReplicaSets and Jobs forbidden: the panel says where, and the hover says the pods are matched by labels', async () => {
    const forbidden = process.env.KUBEWISE_TEST_OWNERS_FORBIDDEN_KUBECONFIG;
    assert.ok(forbidden, 'the wrapper passes a kubeconfig whose user may not list ReplicaSets or Jobs');
    const file = workspaceUri('report-sized.yaml');
    const text = REPORT.replace(
      '          image: registry.example.com/report:1.0.0\n',
      '          image: registry.example.com/report:1.0.0\n          resources:\n            requests:\n              cpu: 500m\n',
    );
    fs.writeFileSync(file.fsPath, text);
    try {
      await config().update('kubeconfig', forbidden, vscode.ConfigurationTarget.Global);
      await api.metrics.refresh();
      const snapshot = await waitFor('a snapshot that names the namespace', () =>
        [...api.metrics.view.posted]
          .reverse()
          .find((m) => /^\{"type":"(snapshot|delta)"/.test(m) && m.includes('could not be read')),
      );
      const problems = (JSON.parse(snapshot) as { problems: { kind: string; title: string; detail: string }[] })
        .problems;
      const owners = problems.find((p) => p.title.includes('owners of pods'))!;
      assert.equal(owners.kind, 'partial');
      assert.equal(owners.title, 'Partial answer: the owners of pods in shop could not be read');
      assert.match(owners.detail, /matched by its label selector/);
      assert.equal(api.metrics.problem, undefined, 'the panel still shows the cluster');

      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      const line = text.split('\n').findIndex((l) => l.trim() === 'resources:');
      const hover = await waitFor('the hover on the container', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          file,
          new vscode.Position(line, 12),
        );
        const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        return md.includes('live pod') && md;
      });
      assert.match(hover, /Pods matched by their owner's generated name and Deployment's label selector/);
    } finally {
      await closeAll();
      fs.rmSync(file.fsPath, { force: true });
      await config().update(
        'kubeconfig',
        process.env.KUBEWISE_TEST_TROUBLE_KUBECONFIG,
        vscode.ConfigurationTarget.Global,
      );
      await api.metrics.refresh();
    }
  });
});
