/**
 * The Kubewise language server: LSP wiring only. Linting lives in `lsp/linting.ts`, settings in `lsp/config.ts`,
 * the editor's requests (code actions, hover, completion, symbols, navigation) in `lsp/editor-requests.ts`; the
 * engine below them knows nothing of LSP.
 *
 * Started by the VS Code client over IPC (`--node-ipc`), or by any editor as `kubewise-language-server --stdio`.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_IDS } from './composition';
import { CONFIG_FILE_NAME } from './engine';
import type { KubewiseInitializationOptions } from './protocol';
import { ruleDocsUrl, SETTINGS_SECTION, SHOW_DOCUMENTATION_COMMAND } from './protocol';
import type { ClientFlags } from './lsp/capabilities';
import { clientFlags, initialFolders, serverCapabilities } from './lsp/capabilities';
import { ConfigStore, readTextFile } from './lsp/config';
import { Linting } from './lsp/linting';
import type { PublishFields } from './lsp/diagnostics';
import { ALL_FIELDS, publishFields } from './lsp/diagnostics';
import { Authoring } from './lsp/authoring';
import type { CompanionSupport } from './lsp/companions';
import { companionSupport } from './lsp/companions';
import { CrdFiles } from './lsp/crd-files';
import { registerEditorRequests } from './lsp/editor-requests';
import { describeError, guard } from './lsp/guard';
import type { FileSelection, Progress } from './lsp/workspace-files';
import { fileGlobs, WorkspaceFiles } from './lsp/workspace-files';
import { registerWorkloadRequests } from './lsp/workloads';
import { registerObjectLocationsRequest } from './lsp/object-locations';
import { registerDriftRequests } from './lsp/drift';
import { RenderManager, slashPath } from './lsp/render';
import { renderSettings } from './lsp/render-settings';
import { warmUp } from './lsp/warm-up';
import { nodeRenderHost } from './cli/render-host';
import { packageVersion } from './cli/version';

// `createConnection` picks the transport from argv; a bare `kubewise-language-server` means stdio.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = { error: (message: string) => connection.console.error(message) };
let flags: ClientFlags | undefined;
/** What published diagnostics carry: all fields, unless the client asked for fewer (Kubewise's VS Code client does). */
let fields: PublishFields = ALL_FIELDS;
let companions: CompanionSupport = { documentChanges: false, createFiles: false };

/** The client's `kubewise` settings for a scope, when it can be asked (null otherwise). */
async function rawSettings(scopeUri: string | undefined): Promise<Record<string, unknown> | null> {
  if (!flags?.configuration) return null;
  return (await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION })) as Record<
    string,
    unknown
  > | null;
}

async function progress(title: string, percentage: boolean): Promise<Progress> {
  if (!flags?.workDoneProgress) return { report: () => undefined, done: () => undefined };
  const p = await connection.window.createWorkDoneProgress();
  p.begin(title, percentage ? 0 : undefined, undefined, false);
  return {
    report: (done, total) =>
      percentage && p.report(total ? Math.round((100 * done) / total) : 0, `${done}/${total} files`),
    done: () => p.done(),
  };
}

const configs = new ConfigStore({
  fetchEditorSettings: (uri) =>
    flags?.configuration
      ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
      : Promise.resolve(undefined),
  readFile: readTextFile,
  warnUser: (message) => void connection.window.showWarningMessage(message),
  log: (message) => connection.console.warn(message),
});

/** The folders' manifests, for cross-resource rules: read at start, kept current from file events and editors. */
const files = new WorkspaceFiles({
  selection: async (folder): Promise<FileSelection> => {
    const raw = await rawSettings(folder);
    const config = await configs.forDocument(folder);
    return { ...fileGlobs(raw?.files), ignorePaths: config.settings.ignorePaths };
  },
  progress: (title) => progress(title, true),
  log: (message) => connection.console.log(message),
});

/** The rule set and render options of a chart's or overlay's file (its folder's settings). */
async function renderOptionsFor(path: string) {
  const uri = pathToFileURL(path).href;
  const config = await configs.forDocument(uri);
  return {
    ruleSet: config.ruleSet,
    options: renderSettings(await rawSettings(uri), path, config.settings.kubernetesVersion),
    enabled: config.enabled && !config.ignored,
  };
}

/** Charts and overlays: rendered in the background on open and save (lsp/render.ts). */
const renders = new RenderManager({
  render: nodeRenderHost(),
  optionsFor: renderOptionsFor,
  progress: (title) => progress(title, false),
  inform: (message) => void connection.window.showInformationMessage(`Kubewise: ${message}`),
  changed: () => linting.indexRebuilt(),
  kustomizationDirs: () =>
    files.workspace
      .uris()
      .filter((u) => u.startsWith('file:') && /\/(kustomization\.ya?ml|Kustomization)$/.test(u))
      .map((u) => slashPath(fileURLToPath(u)))
      .map((p) => p.slice(0, p.lastIndexOf('/'))),
  log: (message) => connection.console.error(message),
  info: (message) => connection.console.log(message),
});

const failedRules = new Set<string>();
const linting = new Linting(
  {
    get: (uri) => documents.get(uri),
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    publishFields: () => fields,
    failure: (ruleId, message) => {
      if (failedRules.has(ruleId)) return;
      failedRules.add(ruleId);
      connection.console.error(`Rule ${ruleId} failed (other rules still ran; reported once): ${message}`);
    },
    error: (message) => connection.console.error(message),
    rendered: (uri) => renders.findingsFor(uri),
  },
  configs,
  files,
);

/** Completion, hover and symbols over the open text and the workspace index. */
const authoring = new Authoring(() => files.workspace.index());
const crds = new CrdFiles(files, (m) => connection.console.warn(m));

async function loadCrdFiles(): Promise<void> {
  const folder = configs.folderUris()[0];
  crds.load((await rawSettings(folder))?.crds, folder);
}

/** (Re)reads the workspace folders' manifests, then re-checks open documents against the full index. */
function indexWorkspace(): void {
  void files.scan(configs.folderUris()).then((changed) => changed && linting.indexRebuilt());
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  flags = clientFlags(params.capabilities);
  fields = publishFields(params.initializationOptions as KubewiseInitializationOptions | undefined);
  companions = companionSupport(params.capabilities);
  configs.setFolders(initialFolders(params));
  return { capabilities: serverCapabilities(flags), serverInfo: { name: 'kubewise', version: packageVersion() } };
});

connection.onInitialized(
  guard(log, 'initialized', undefined, () => {
    if (flags?.configurationRegistration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (flags?.watchedFilesRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.{yaml,yml}' }],
      });
    }
    if (flags?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        configs.addFolders(
          e.added.map((f) => f.uri),
          e.removed.map((f) => f.uri),
        );
        indexWorkspace();
      });
    }
    connection.console.log(`Kubewise language server ready (warm-up ${warmUp(authoring)} ms).`);
    indexWorkspace();
    void loadCrdFiles().then(() => linting.indexRebuilt());
  }),
);

connection.onDidChangeConfiguration(
  guard(log, 'didChangeConfiguration', undefined, (params) => {
    configs.invalidateAll(params.settings);
    renders.invalidate();
    void loadCrdFiles().then(() => linting.relintAll());
  }),
);

connection.onDidChangeWatchedFiles(
  guard(log, 'didChangeWatchedFiles', undefined, async (params) => {
    if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
      configs.invalidateFiles();
      linting.relintAll();
      return;
    }
    let changed = false;
    for (const c of params.changes) {
      if (!/\.ya?ml$/i.test(c.uri)) continue;
      if (await files.fileChanged(c.uri, c.type === FileChangeType.Deleted)) changed = true;
    }
    if (changed) linting.relintOthers(undefined);
  }),
);

documents.onDidChangeContent((e) => {
  try {
    linting.changed(e.document);
  } catch (err) {
    connection.console.error(`Scheduling a lint failed: ${describeError(err)}`);
  }
});
documents.onDidClose((e) => {
  linting.closed(e.document.uri);
  authoring.closed(e.document.uri);
});
documents.onDidOpen((e) => {
  try {
    if (e.document.uri.startsWith('file:')) renders.opened(slashPath(fileURLToPath(e.document.uri)));
  } catch (err) {
    connection.console.error(`Scheduling a render failed: ${describeError(err)}`);
  }
});
documents.onDidSave((e) => {
  try {
    if (e.document.uri.startsWith('file:')) renders.saved(slashPath(fileURLToPath(e.document.uri)));
  } catch (err) {
    connection.console.error(`Scheduling a render failed: ${describeError(err)}`);
  }
});

registerEditorRequests({
  connection,
  documents,
  linting,
  configs,
  files,
  authoring,
  log,
  flags: () => flags,
  companions: () => companions,
  checkRendered: (uri, text) => {
    const path = uri.startsWith('file:') ? slashPath(fileURLToPath(uri)) : undefined;
    return path === undefined ? Promise.resolve(undefined) : renders.probe(path, text);
  },
});
// kubewise/workloads, kubewise/resourcesEdit (the metrics panel): read against the file's kustomization and the HPAs
const workloadFilesHost = nodeRenderHost();
registerWorkloadRequests(connection, documents, (uri) => {
  const path = uri.startsWith('file:') ? slashPath(fileURLToPath(uri)) : undefined;
  return {
    ...(path ? { path, host: workloadFilesHost } : {}),
    index: files.workspace.index(),
    chart: { host: workloadFilesHost, options: async (p) => (await renderOptionsFor(p)).options },
  };
});
registerObjectLocationsRequest(connection, () => files.workspace.index()); // kubewise/objectLocations (the panel)
registerDriftRequests(
  connection,
  documents,
  () => files.workspace.index(),
  async (uri) => {
    if (!uri.startsWith('file:')) return undefined;
    const path = slashPath(fileURLToPath(uri));
    const sources = await renders.renderedFor(path);
    return sources && { path, sources };
  },
); // kubewise/driftObjects (charts and overlays through their render), kubewise/workspaceObjects

connection.onExecuteCommand(
  guard(log, 'executeCommand', undefined, async (params) => {
    if (params.command !== SHOW_DOCUMENTATION_COMMAND) return;
    const id = params.arguments?.[0];
    if (typeof id !== 'string' || !RULE_IDS.has(id)) {
      connection.console.warn(`${SHOW_DOCUMENTATION_COMMAND}: unknown rule id ${JSON.stringify(id)}`);
      return;
    }
    const uri = ruleDocsUrl(id);
    if (flags?.showDocument) await connection.window.showDocument({ uri, external: true });
    else void connection.window.showInformationMessage(`Documentation for ${id}: ${uri}`);
  }),
);

connection.onShutdown(() => {
  linting.dispose();
  renders.dispose();
});

// A bug in a rule or in this wiring must not end the session: the editor would lose every diagnostic.
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
