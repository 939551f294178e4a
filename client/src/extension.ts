/**
 * Kubewise for VS Code: starts the language server, and adds the commands, the status-bar item, fix on save and
 * the Lint Workspace runner around it. Diagnostics, quick fixes, "add an HPA/VPA/PDB" and fix-all are computed by
 * the server; snippets, the walkthrough and the injection grammar are contributed by package.json.
 *
 * The cluster metrics panel (client/src/metrics/) registers here too: a view container of its own.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DidChangeConfigurationNotification } from 'vscode-languageclient/node';
import { createLanguageClient } from './client';
import { EXAMPLE_MANIFEST } from './example';
import { fixAllInDocument, registerFixOnSave } from './fixes';
import { COMMANDS } from '../../server/src/protocol';
import { DriftController } from './drift/controller';
import { MetricsController } from './metrics/controller';
import { ManifestLink } from './metrics/manifest-link';
import { registerOpenManifest } from './metrics/open-manifest';
import { METRICS_VIEW_ID } from './metrics/view-provider';
import { showKubewiseProblems } from './problems-view';
import { showRuleDocs } from './rule-docs';
import { StatusBar } from './status';
import type { WorkspaceLintResult } from './workspace-lint';
import { WorkspaceLinter } from './workspace-lint';

/** What `activate` returns: used by the extension's own tests, and by nothing else. */
export interface KubewiseApi {
  readonly client: LanguageClient;
  /** Resolves once the language server answered `initialize`. */
  readonly ready: Promise<void>;
  /** The status-bar text while it is shown. */
  statusText(): string | undefined;
  lintWorkspace(): Promise<WorkspaceLintResult>;
  /** The Cluster Metrics panel's controller. */
  readonly metrics: MetricsController;
  /** CodeLens, hover, code actions and Apply over the manifests (the tests read Apply's confirmation). */
  readonly rightsizing: ManifestLink;
  /** Live drift: CodeLens, diagnostics and Compare with live. */
  readonly drift: DriftController;
  /** This extension's log folder (the tests search the logs for credentials). */
  readonly logUri: vscode.Uri;
}

let client: LanguageClient | undefined;

/** The arguments of the "Apply recommended resources" code action: document URI, kind, name, container (, one resource). */
type ApplyArgs = [
  uri: string,
  kind: string,
  name: string,
  container: string,
  only?: 'cpu' | 'memory' | null,
  /** The namespace the object writes (null: none), to tell apart objects of one kind and name in one file. */
  namespace?: string | null,
];

export async function activate(context: vscode.ExtensionContext): Promise<KubewiseApi> {
  const log = vscode.window.createOutputChannel('Kubewise', { log: true });
  context.subscriptions.push(log);
  log.info(`Kubewise ${String(context.extension.packageJSON.version)} starting (VS Code ${vscode.version})`);

  const lc = createLanguageClient(context, log);
  client = lc;
  const status = new StatusBar();
  const workspaceLinter = new WorkspaceLinter(context.asAbsolutePath('server/out/cli.js'), log);
  context.subscriptions.push(status, workspaceLinter, registerFixOnSave());

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.fixAll, async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== 'yaml') {
        void vscode.window.showInformationMessage('Kubewise: open a Kubernetes manifest first.');
        return 0;
      }
      const n = await fixAllInDocument(doc);
      // Bulk fixing applies safe fixes only; unsafe ones stay quick fixes, taken one at a time.
      if (n === 0)
        void vscode.window.setStatusBarMessage('Kubewise: nothing safe to fix (unsafe fixes are quick fixes)', 3000);
      return n;
    }),
    vscode.commands.registerCommand(COMMANDS.lintWorkspace, () => workspaceLinter.lintWorkspace()),
    vscode.commands.registerCommand(COMMANDS.showRuleDocs, (ruleId?: unknown) =>
      showRuleDocs(context.extension.packageJSON, ruleId),
    ),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      log.info('Restarting the language server');
      await lc.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.showProblems, () => showKubewiseProblems()),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => log.show(true)),
    vscode.commands.registerCommand(COMMANDS.openExample, async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXAMPLE_MANIFEST });
      await vscode.window.showTextDocument(doc);
      return doc.uri;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The server re-reads `kubewise` itself; the Red Hat coexistence decision also depends on `yaml.*`.
      if (e.affectsConfiguration('yaml.schemas') || e.affectsConfiguration('yaml.validate')) refreshServerSettings();
    }),
    vscode.extensions.onDidChange(refreshServerSettings),
  );

  const metrics = new MetricsController(context, log);
  const link = new ManifestLink(lc, metrics, log);
  registerOpenManifest(lc, metrics, log);
  context.subscriptions.push(
    metrics,
    link,
    vscode.window.registerWebviewViewProvider(METRICS_VIEW_ID, metrics.view),
    vscode.commands.registerCommand(COMMANDS.metricsChooseContext, async () => {
      const chosen = await metrics.chooseContext();
      if (chosen) void drift.refreshAll(); // drift follows the workspace's context
      return chosen;
    }),
    vscode.commands.registerCommand(COMMANDS.metricsRefresh, () => metrics.refresh()),
    vscode.commands.registerCommand(COMMANDS.metricsApplyRecommendation, (...a: ApplyArgs) => link.apply(...a)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubewise.metrics')) metrics.settingsChanged();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void metrics.refresh()),
  );
  const drift = new DriftController(context, lc, metrics, log);
  context.subscriptions.push(
    drift,
    vscode.commands.registerCommand(COMMANDS.driftCompareWithLive, (uri?: string, key?: string) =>
      drift.compareWithLive(uri, key),
    ),
    vscode.commands.registerCommand(COMMANDS.driftRefresh, () => drift.refreshAll()),
    vscode.commands.registerCommand(COMMANDS.driftShowProblem, (title: string, next: string) =>
      drift.showProblem(title, next),
    ),
    vscode.commands.registerCommand(COMMANDS.driftChooseNamespaces, () => drift.missing.chooseNamespaces()),
    vscode.commands.registerCommand(COMMANDS.driftRefreshMissing, () => drift.missing.refresh()),
  );

  /** Makes the server pull its settings again (they pass through the coexistence middleware of client.ts). */
  function refreshServerSettings(): void {
    if (!lc.isRunning()) return;
    lc.sendNotification(DidChangeConfigurationNotification.type, { settings: null }).catch((e: unknown) =>
      log.warn(`Could not refresh the server's settings: ${String(e)}`),
    );
  }

  const ready = lc.start().then(
    () => log.info('Language server ready'),
    (e: unknown) => {
      log.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window
        .showErrorMessage('Kubewise: the language server did not start. See the Kubewise output.', 'Show Output')
        .then((a) => {
          if (a) log.show();
        });
      throw e;
    },
  );
  ready.catch(() => undefined);
  return {
    client: lc,
    ready,
    statusText: () => status.text,
    lintWorkspace: () => workspaceLinter.lintWorkspace(),
    metrics,
    rightsizing: link,
    drift,
    logUri: context.logUri,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
