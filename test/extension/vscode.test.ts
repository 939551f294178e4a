/**
 * Runs the extension's own test suite (test/extension/suite, mocha) inside a real VS Code: VS Code 1.100's server
 * from code-server, opened in headless Chromium with `extensionDevelopmentPath` and `extensionTestsPath` in the
 * workbench URL's payload (CONTRIBUTING.md, "The editor tests"). The extension host exits 0 whatever the
 * tests did, so the verdict comes from mocha's JSON report.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApiServerControl } from '../support/apiserver-control';
import { connectionContexts } from '../support/connection-contexts';
import { driftObjects } from '../support/drift-cluster';
import { kubeconfigFor, startFakeApiServer } from '../support/fake-apiserver';
import { hpaObject } from '../support/fake-hpas';
import { troubleCluster } from '../support/fake-workloads';
import { helmPath } from '../support/kube-tools';
import { repoRoot } from '../support/paths';
import { rightsizingCluster, rightsizingStandIn } from '../support/rightsizing-cluster';
import { assertBuilt, installVsix, launchChromium, removeDir, startVsCodeServer, tempDir } from './harness';

interface MochaReport {
  stats: { tests: number; passes: number; failures: number; pending: number };
  failures: Array<{ fullTitle: string; err: { message?: string; stack?: string } }>;
  passes: Array<{ fullTitle: string }>;
}

/** Compiles the suite (with type checking) next to this file's output: test/out[-name]/extension-suite. */
function compileSuite(): string {
  const outDir = join(__dirname, '..', '..', 'extension-suite');
  rmSync(outDir, { recursive: true, force: true });
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(
    process.execPath,
    [tsc, '-p', join(repoRoot, 'test', 'extension', 'suite', 'tsconfig.json'), '--outDir', outDir],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, `compiling the extension suite failed:\n${r.stdout}${r.stderr}`);
  return outDir;
}

/** Packages test/extension/fixtures/redhat-yaml-stub (outside the repository, so no .vscodeignore applies). */
function packageStub(work: string): string {
  const dir = join(work, 'redhat-yaml-stub');
  cpSync(join(repoRoot, 'test', 'extension', 'fixtures', 'redhat-yaml-stub'), dir, { recursive: true });
  const out = join(work, 'redhat-yaml-stub.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', out],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, `packaging the stand-in extension failed:\n${r.stdout}${r.stderr}`);
  return out;
}

interface Session {
  /**
   * Workspace trust off (everything trusted). The usual session keeps VS Code's default: trust on, and the test
   * folder, which nobody trusted, restricted — so both sides of the trust gate run in a real VS Code.
   */
  readonly trusted: boolean;
  /** Only the suites and tests whose title matches (mocha's grep). */
  readonly grep?: string;
}

test('the extension test suite passes inside VS Code', { timeout: 600_000 }, () => runSession({ trusted: false }));

test('the connection and drift suites pass inside VS Code in a trusted workspace', { timeout: 600_000 }, () =>
  runSession({ trusted: true, grep: 'cluster connection|live drift' }),
);

async function runSession(o: Session): Promise<void> {
  assertBuilt();
  const suiteDir = compileSuite();
  const work = tempDir('ext');
  const workspace = join(work, 'workspace');
  cpSync(join(repoRoot, 'test', 'extension', 'fixtures', 'workspace'), workspace, { recursive: true });
  const results = join(work, 'results.json');
  // A stand-in for Red Hat's YAML extension, for the `kubewise.schemaValidation: auto` tests.
  installVsix(packageStub(work), join(work, 'extensions'), join(work, 'user-data'));
  // The Cluster Metrics tests (suite/07-metrics) read this test API server through KUBECONFIG; the drift tests
  // (suite/10-drift) its objects.
  const drift = driftObjects();
  const cluster = await startFakeApiServer({ objects: drift });
  const bare = await startFakeApiServer({ metricsServer: false });
  // Pods in trouble (suite/09-metrics-status): init containers, an OOM kill, a crash loop, owners to follow.
  const trouble = await startFakeApiServer({ cluster: troubleCluster() });
  // The same pods for a user with namespaced Roles: ReplicaSets and Jobs forbidden cluster-wide and in `shop`.
  const troubleOwnersForbidden = await startFakeApiServer({
    cluster: troubleCluster(),
    forbid: { clusterOwners: true, ownerNamespaces: ['shop'] },
  });
  // suite/09-rightsizing: same-name workloads in two namespaces, an OOM kill, metric windows that move on, an HPA
  // in the cluster only.
  const rightsizing = await startFakeApiServer({
    cluster: rightsizingCluster(),
    advance: true,
    standIn: rightsizingStandIn(),
    // An HPA that only the cluster has (none in the workspace): the hover must still say how it moves.
    hpas: [
      hpaObject({
        namespace: 'prod',
        name: 'api-mem',
        target: 'Deployment/api',
        maxReplicas: 6,
        metrics: { memory: 80 },
      }),
    ],
  });
  // suite/09-rightsizing makes that server stop answering for a while, through the same kind of channel.
  const rightsizingControl = await startApiServerControl(rightsizing);
  // suite/11-pod-watch: a cluster of its own whose pods the suite changes through a loopback control channel, and
  // whose pod list and watch requests it counts.
  const watched = await startFakeApiServer({});
  const watchedControl = await startApiServerControl(watched);
  // The connection tests (suite/08-connection): one kubeconfig per credential command and failure.
  const contexts = connectionContexts(cluster);
  const grep = o.grep ?? process.env.KUBEWISE_EXTENSION_GREP;
  const server = await startVsCodeServer({
    userDataDir: join(work, 'user-data'),
    extensionsDir: join(work, 'extensions'),
    disableWorkspaceTrust: o.trusted,
    env: {
      KUBEWISE_EXTENSION_RESULTS: results,
      KUBECONFIG: kubeconfigFor(cluster),
      KUBEWISE_TEST_METRICS_TOKEN: cluster.token,
      KUBEWISE_TEST_NO_METRICS_KUBECONFIG: kubeconfigFor(bare),
      KUBEWISE_TEST_TROUBLE_KUBECONFIG: kubeconfigFor(trouble, { namespace: 'shop' }),
      KUBEWISE_TEST_OWNERS_FORBIDDEN_KUBECONFIG: kubeconfigFor(troubleOwnersForbidden, { namespace: 'shop' }),
      KUBEWISE_TEST_RIGHTSIZING_KUBECONFIG: kubeconfigFor(rightsizing, { context: 'staging' }),
      KUBEWISE_TEST_RIGHTSIZING_CONTROL: rightsizingControl.url,
      KUBEWISE_TEST_WATCH_KUBECONFIG: kubeconfigFor(watched),
      KUBEWISE_TEST_WATCH_CONTROL: watchedControl.url,
      KUBEWISE_TEST_HELM: helmPath(),
      KUBEWISE_TEST_CONNECTION_KUBECONFIG: contexts.kubeconfig,
      KUBEWISE_TEST_CONNECTION_PLUGINS: JSON.stringify(contexts.plugins),
      KUBEWISE_TEST_TRUSTED: o.trusted ? '1' : '0',
      ...(grep ? { KUBEWISE_EXTENSION_GREP: grep } : {}),
    },
  });
  const browser = await launchChromium(join(work, 'chromium'));
  try {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(suiteDir, 'index'))],
    ];
    const url = `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const page = await browser.newPage();
    const pageLog: string[] = [];
    page.on('console', (m) => pageLog.push(`[${m.type()}] ${m.text()}`));
    await page.goto(url);
    const deadline = Date.now() + 540_000;
    while (!existsSync(results) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    assert.ok(
      existsSync(results),
      `no test results after 9 minutes.\nserver:\n${server.output().slice(-4000)}\nbrowser:\n${pageLog.slice(-60).join('\n')}`,
    );
    // mocha writes the file in one go at the end, but give a slow disk a moment
    await new Promise((r) => setTimeout(r, 200));
    const report = JSON.parse(readFileSync(results, 'utf8')) as MochaReport;
    for (const p of report.passes ?? []) console.log(`  ✔ ${p.fullTitle}`);
    for (const f of report.failures ?? []) console.log(`  ✖ ${f.fullTitle}\n${f.err.stack ?? f.err.message}`);
    assert.ok(report.stats.tests > 0, 'no extension test ran');
    assert.deepEqual(drift.writes, [], 'drift never writes to the cluster');
    assert.equal(report.stats.pending, 0, 'skipped extension tests');
    assert.equal(
      report.stats.failures,
      0,
      `${report.stats.failures} extension test(s) failed:\n` +
        report.failures.map((f) => `- ${f.fullTitle}: ${f.err.message}`).join('\n'),
    );
  } finally {
    await browser.close();
    await server.stop();
    await cluster.stop();
    await bare.stop();
    await trouble.stop();
    await troubleOwnersForbidden.stop();
    await rightsizingControl.stop();
    await rightsizing.stop();
    await watchedControl.stop();
    await watched.stop();
    if (!process.env.KUBEWISE_KEEP_TMP) removeDir(work);
  }
}
