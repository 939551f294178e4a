import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateKubewise,
  closeAll,
  codeOf,
  open,
  setKubewise,
  waitFor,
  workspaceUri,
  type KubewiseApi,
} from './helpers';

/** What the drift tests need of the extension's API (client/src/extension.ts). */
interface DriftApi extends KubewiseApi {
  readonly metrics: { useContext(name: string): Promise<void> };
  readonly drift: {
    snapshot(doc: vscode.TextDocument): Promise<
      | {
          context: string;
          lenses: string[];
          objects: Array<{ key: string; state: string; fields: string[] }>;
        }
      | undefined
    >;
    compare(doc: vscode.TextDocument): Promise<void>;
    readonly requestsSent: number;
    readonly missing: { refresh(): Promise<void>; readonly shown: string[] };
  };
}

/** A Deployment in namespace `shop`, as test/support/drift-cluster.ts seeds the live ones. */
function deployment(name: string, image: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          ports:
            - containerPort: 8080
`;
}

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: worker-hpa
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: worker
  minReplicas: 2
  maxReplicas: 10
`;

const FILES: Record<string, string> = {
  'in-sync.yaml': deployment('web', 'shop/web:1.4.2', 2),
  'drifted.yaml': deployment('api', 'shop/api:2.0.0', 2),
  'missing.yaml': deployment('gone', 'shop/gone:1.0.0', 1),
  'forbidden.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: keys
  namespace: secure
data:
  region: eu-west-1
`,
  'scaled.yaml': `${deployment('worker', 'shop/worker:3.1.0', 2)}---\n${HPA}`,
};

/**
 * The wrapper (test/extension/vscode.test.ts) serves these live objects from the test API server, and runs this
 * suite in its usual session, whose folder nobody trusted, and again with workspace trust off (everything trusted).
 */
const UNTRUSTED = process.env.KUBEWISE_TEST_TRUSTED !== '1';

suite('live drift', () => {
  let api: DriftApi;
  const docs: Record<string, vscode.TextDocument> = {};

  suiteSetup(async () => {
    api = (await activateKubewise()) as DriftApi;
    await api.metrics.useContext('test');
    for (const [name, text] of Object.entries(FILES)) {
      const uri = workspaceUri('drift', name);
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
      docs[name] = (await open(uri)).document;
    }
  });
  suiteTeardown(closeAll);

  const shown = (name: string) =>
    waitFor(`drift of ${name}`, async () => {
      const doc = docs[name]!;
      await api.drift.compare(doc);
      const s = await api.drift.snapshot(doc);
      return s && s.lenses.length > 0 && s;
    });

  if (UNTRUSTED) {
    test('off in an untrusted workspace: no lens, no request', async () => {
      const before = api.drift.requestsSent;
      for (const doc of Object.values(docs)) await api.drift.compare(doc);
      for (const doc of Object.values(docs)) assert.equal(await api.drift.snapshot(doc), undefined);
      assert.equal(api.drift.requestsSent, before);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        docs['drifted.yaml']!.uri,
      );
      assert.ok(lenses.every((l) => !/in sync|differ|not in the cluster/.test(l.command?.title ?? '')));
    });
    return;
  }

  test('in sync: defaults and the webhook annotation are not drift', async () => {
    const s = await shown('in-sync.yaml');
    assert.equal(s.context, 'test');
    assert.deepEqual(s.lenses, ['$(check) in sync with test']);
    assert.deepEqual(
      vscode.languages.getDiagnostics(docs['in-sync.yaml']!.uri).filter((d) => codeOf(d) === 'live-drift'),
      [],
    );
  });

  test('drifted: the lens counts, the diagnostic sits on the image line, its hover gives the live value', async () => {
    const s = await shown('drifted.yaml');
    assert.match(s.lenses[0]!, /^\$\(diff\) 1 field differs \(test, changed .+ ago\)$/);
    assert.deepEqual(s.objects[0]!.fields, ['spec.template.spec.containers[0].image']);
    const uri = docs['drifted.yaml']!.uri;
    const diags = await waitFor('the live-drift diagnostic', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => codeOf(x) === 'live-drift');
      return d.length > 0 && d;
    });
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(diags[0]!.range.start.line, 19, 'the line that writes the image');
    assert.match(diags[0]!.message, /Live in test: .*image is shop\/api:2\.0\.1-hotfix, set by kubectl-edit/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(19, 12),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /shop\/api:2\.0\.1-hotfix/);
    assert.match(text, /kubectl-edit/);
  });

  test('Compare with live opens a read-only diff of the live object and the dry-run result', async () => {
    await vscode.window.showTextDocument(docs['drifted.yaml']!);
    await vscode.commands.executeCommand('kubewise.drift.compareWithLive');
    const tab = await waitFor('the diff editor', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff && t;
    });
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.scheme, 'kubewise-live');
    assert.match(tab.label, /api \(Deployment\): live in test/);
    const live = await vscode.workspace.openTextDocument(input.original);
    const applied = await vscode.workspace.openTextDocument(input.modified);
    assert.match(live.getText(), /image: shop\/api:2\.0\.1-hotfix/);
    assert.match(applied.getText(), /image: shop\/api:2\.0\.0/);
    assert.doesNotMatch(live.getText(), /managedFields|last-applied-configuration|resourceVersion/);
  });

  test('missing: "not in the cluster"', async () => {
    const s = await shown('missing.yaml');
    assert.deepEqual(s.lenses, ['$(circle-slash) not in the cluster (test)']);
  });

  test('forbidden: the lens names the verb, the resource and the namespace', async () => {
    const s = await shown('forbidden.yaml');
    assert.deepEqual(s.lenses, ['$(warning) cannot read: forbidden to get configmaps in secure (test)']);
  });

  test('replicas scaled by the HPA are managed, not drift', async () => {
    const s = await shown('scaled.yaml');
    assert.deepEqual(s.lenses, [
      '$(check) in sync with test · replicas managed by HorizontalPodAutoscaler worker-hpa',
      '$(check) in sync with test',
    ]);
  });

  test('the minimal profile turns the diagnostics off, the lenses stay', async () => {
    const uri = docs['drifted.yaml']!.uri;
    await setKubewise('profile', 'minimal');
    try {
      await waitFor('no live-drift diagnostic', () =>
        vscode.languages.getDiagnostics(uri).every((d) => codeOf(d) !== 'live-drift'),
      );
      const s = await shown('drifted.yaml');
      assert.match(s.lenses[0]!, /1 field differs/);
    } finally {
      await setKubewise('profile', undefined);
    }
  });

  test('"Not in the Cluster" lists the workspace objects the context does not have', async () => {
    const shown = await waitFor('gone in the view', async () => {
      await api.drift.missing.refresh();
      return api.drift.missing.shown.includes('shop/Deployment/gone') && api.drift.missing.shown;
    });
    for (const live of ['web', 'api', 'worker']) assert.ok(!shown.includes(`shop/Deployment/${live}`), live);
  });

  test('an unchanged file compared again sends no dry run (cached by resourceVersion)', async () => {
    await shown('drifted.yaml');
    const before = api.drift.requestsSent;
    await api.drift.compare(docs['drifted.yaml']!);
    assert.equal(api.drift.requestsSent - before, 1, 'one get, no dry run');
  });
});
