/**
 * The Kubewise language server: LSP wiring only. Linting lives in `lsp/linting.ts`, settings in `lsp/config.ts`,
 * code actions in `lsp/actions.ts`; the engine below them knows nothing of LSP.
 *
 * Started by the VS Code client over IPC (`--node-ipc`), or by any editor as `kubewise-language-server --stdio`.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CodeActionParams,
  CompletionParams,
  DefinitionParams,
  ExecuteCommandParams,
  HoverParams,
  InitializeParams,
  InitializeResult,
  Location,
  ReferenceParams,
} from 'vscode-languageserver/node';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRuleSet, RULE_IDS } from './composition';
import { CONFIG_FILE_NAME, DEFAULT_SETTINGS, lintText } from './engine';
import type { LintDiagnostic } from './engine';
import { ruleDocsUrl, SETTINGS_SECTION, SHOW_DOCUMENTATION_COMMAND } from './protocol';
import { definitionAt, referencesTo } from './navigation';
import type { ActionContext } from './lsp/actions';
import { codeActions, isFixAllData, resolveFixAll } from './lsp/actions';
import type { ClientFlags } from './lsp/capabilities';
import { clientFlags, initialFolders, serverCapabilities } from './lsp/capabilities';
import { ConfigStore, readTextFile } from './lsp/config';
import { Linting } from './lsp/linting';
import { Authoring, readCrdFiles } from './lsp/authoring';
import type { CompanionSupport } from './lsp/companions';
import { companionActions, companionSupport } from './lsp/companions';
import type { FileSelection, Progress } from './lsp/workspace-files';
import { DEFAULT_INCLUDE, WorkspaceFiles } from './lsp/workspace-files';
import { registerWorkloadRequests } from './lsp/workloads';
import { registerObjectLocationsRequest } from './lsp/object-locations';
import { registerDriftRequests } from './lsp/drift';
import { RenderManager } from './lsp/render';
import { renderSettings } from './lsp/render-settings';
import { nodeRenderHost } from './cli/render-host';

// `createConnection` picks the transport from argv; a bare `kubewise-language-server` means stdio.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let flags: ClientFlags | undefined;

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
    const raw = flags?.configuration
      ? ((await connection.workspace.getConfiguration({ scopeUri: folder, section: SETTINGS_SECTION })) as Record<
          string,
          unknown
        > | null)
      : null;
    const config = await configs.forDocument(folder);
    return { ...fileGlobs(raw?.files), ignorePaths: config.settings.ignorePaths };
  },
  progress: async (title): Promise<Progress> => {
    if (!flags?.workDoneProgress) return { report: () => undefined, done: () => undefined };
    const p = await connection.window.createWorkDoneProgress();
    p.begin(title, 0, undefined, false);
    return {
      report: (done, total) => p.report(total ? Math.round((100 * done) / total) : 0, `${done}/${total} files`),
      done: () => p.done(),
    };
  },
  log: (message) => connection.console.log(message),
});

/** `kubewise.files`: `{include, exclude}` globs (a plain list is taken as `include`). */
function fileGlobs(raw: unknown): { include: string[]; exclude: string[] } {
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  if (Array.isArray(raw)) return { include: strings(raw), exclude: [] };
  const r = (raw ?? {}) as { include?: unknown; exclude?: unknown };
  const include = strings(r.include);
  return { include: include.length ? include : DEFAULT_INCLUDE, exclude: strings(r.exclude) };
}

/** Charts and overlays: rendered in the background on open and save (lsp/render.ts). */
/** The rule set and render options of a chart's or overlay's file (its folder's settings). */
async function renderOptionsFor(path: string) {
  const uri = pathToFileURL(path).href;
  const config = await configs.forDocument(uri);
  const raw = flags?.configuration
    ? ((await connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })) as unknown)
    : undefined;
  return {
    ruleSet: config.ruleSet,
    options: renderSettings(raw, path, config.settings.kubernetesVersion),
    enabled: config.enabled && !config.ignored,
  };
}

const renders = new RenderManager({
  render: nodeRenderHost(),
  optionsFor: renderOptionsFor,
  progress: async (title): Promise<Progress> => {
    if (!flags?.workDoneProgress) return { report: () => undefined, done: () => undefined };
    const p = await connection.window.createWorkDoneProgress();
    p.begin(title, undefined, undefined, false);
    return { report: () => undefined, done: () => p.done() };
  },
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

const workloadFilesHost = nodeRenderHost();

function slashPath(p: string): string {
  return p.replace(/\\/g, '/');
}

/** The render results for a `file:` document, when it belongs to a chart or an overlay. */
function renderedFor(uri: string): LintDiagnostic[] | 'pending' | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const path = slashPath(fileURLToPath(uri));
  return renders.diagnosticsFor(path) ?? renders.toolMissingFor(path);
}

const failedRules = new Set<string>();
const linting = new Linting(
  {
    get: (uri) => documents.get(uri),
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    failure: (ruleId, message) => {
      if (failedRules.has(ruleId)) return;
      failedRules.add(ruleId);
      connection.console.error(`Rule ${ruleId} failed (other rules still ran; reported once): ${message}`);
    },
    error: (message) => connection.console.error(message),
    rendered: renderedFor,
  },
  configs,
  files,
);

/** Completion, hover and symbols over the open text and the workspace index. */
const authoring = new Authoring(() => files.workspace.index());

let crdFileUris: string[] = [];

/** `kubewise.crds`: the CRD files outside the workspace whose kinds authoring and the CRD checks know. */
async function loadCrdFiles(): Promise<void> {
  const folder = configs.folderUris()[0];
  const raw = flags?.configuration
    ? ((await connection.workspace.getConfiguration({ scopeUri: folder, section: SETTINGS_SECTION })) as {
        crds?: unknown;
      } | null)
    : null;
  const patterns = Array.isArray(raw?.crds) ? raw.crds.filter((p): p is string => typeof p === 'string') : [];
  const read = readCrdFiles(patterns, folder, (m) => connection.console.warn(m));
  // the files join the workspace index like manifests of the folders (they are never linted or published)
  for (const uri of crdFileUris) if (!read.some((r) => r.uri === uri)) files.workspace.removeFile(uri);
  for (const r of read) files.workspace.setFile(r.uri, r.text);
  crdFileUris = read.map((r) => r.uri);
  files.version++;
}

/** (Re)reads the workspace folders' manifests, then re-checks open documents against the full index. */
function indexWorkspace(): void {
  void files.scan(configs.folderUris()).then((changed) => changed && linting.indexRebuilt());
}

/** Runs a handler; a failure is logged and answered with `fallback`, never allowed to take the server down. */
function guard<A extends unknown[], R>(
  name: string,
  fallback: R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      connection.console.error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
}

let companions: CompanionSupport = { documentChanges: false, createFiles: false };

connection.onInitialize((params: InitializeParams): InitializeResult => {
  flags = clientFlags(params.capabilities);
  companions = companionSupport(params.capabilities);
  configs.setFolders(initialFolders(params));
  return { capabilities: serverCapabilities(flags), serverInfo: { name: 'kubewise', version: packageVersion() } };
});

connection.onInitialized(
  guard('initialized', undefined, () => {
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
    warmUp();
    indexWorkspace();
    void loadCrdFiles().then(() => linting.indexRebuilt());
  }),
);

connection.onDidChangeConfiguration(
  guard('didChangeConfiguration', undefined, (params) => {
    configs.invalidateAll(params.settings);
    renders.invalidate();
    void loadCrdFiles().then(() => linting.relintAll());
  }),
);

connection.onDidChangeWatchedFiles(
  guard('didChangeWatchedFiles', undefined, async (params) => {
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
    connection.console.error(`Scheduling a lint failed: ${String(err)}`);
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
    connection.console.error(`Scheduling a render failed: ${String(err)}`);
  }
});
documents.onDidSave((e) => {
  try {
    if (e.document.uri.startsWith('file:')) renders.saved(slashPath(fileURLToPath(e.document.uri)));
  } catch (err) {
    connection.console.error(`Scheduling a render failed: ${String(err)}`);
  }
});

async function actionContext(uri: string): Promise<ActionContext | undefined> {
  const doc = documents.get(uri);
  if (!doc || !flags) return undefined;
  const current = await linting.current(doc);
  if (!current || !current.config.enabled || current.config.ignored) return undefined;
  const { config, result } = current;
  return {
    doc,
    ruleSet: config.ruleSet,
    lint: () => result,
    edits: flags,
    lazyEdits: flags.resolveEdits,
    indexFor: (entries) => files.workspace.indexWith(uri, entries),
  };
}

connection.onCodeAction(
  guard('codeAction', [] as CodeAction[], async (params: CodeActionParams) => {
    const ctx = await actionContext(params.textDocument.uri);
    if (!ctx) return [];
    // "Add an HPA / VPA / PDB for this workload" (no diagnostic needed): see lsp/companions.ts.
    const add = companionActions({ doc: ctx.doc, support: companions, index: () => files.workspace.index() }, params);
    return [...codeActions(ctx, params), ...add];
  }),
);

connection.onCodeActionResolve(async (action: CodeAction) => {
  try {
    if (!isFixAllData(action.data)) return action;
    const ctx = await actionContext(action.data.uri);
    return ctx ? resolveFixAll(ctx, action, action.data) : action;
  } catch (e) {
    connection.console.error(`codeAction/resolve failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return action;
  }
});

connection.onExecuteCommand(
  guard('executeCommand', undefined, async (params: ExecuteCommandParams) => {
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

/** Another file's text for references: the open editor's (unsaved edits included), else the file on disk. */
function textOf(uri: string): string | undefined {
  const open = documents.get(uri);
  if (open) return open.getText();
  return uri.startsWith('file:') ? readTextFile(fileURLToPath(uri)) : undefined;
}

connection.onDefinition(
  guard('definition', [] as Location[], (params: DefinitionParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? definitionAt(files.workspace, doc.uri, doc.getText(), params.position, textOf) : [];
  }),
);

connection.onReferences(
  guard('references', [] as Location[], (params: ReferenceParams) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return referencesTo(files.workspace, doc.uri, doc.getText(), params.position, {
      includeDeclaration: params.context.includeDeclaration,
      textOf,
    });
  }),
);

// kubewise/workloads, kubewise/resourcesEdit (the metrics panel): read against the file's kustomization and the HPAs
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
connection.onCompletion(
  guard('completion', [] as ReturnType<Authoring['completion']>, (params: CompletionParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? authoring.completion(doc, params.position) : [];
  }),
);

connection.onHover(
  guard('hover', null as ReturnType<Authoring['hover']> | null, (params: HoverParams) => {
    const doc = documents.get(params.textDocument.uri);
    return (doc && authoring.hover(doc, params.position)) ?? null;
  }),
);

connection.onDocumentSymbol(
  guard('documentSymbol', [] as ReturnType<Authoring['documentSymbols']>, (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? authoring.documentSymbols(doc) : [];
  }),
);

connection.onWorkspaceSymbol(
  guard('workspaceSymbol', [] as ReturnType<Authoring['workspaceSymbols']>, (params) =>
    authoring.workspaceSymbols(params.query),
  ),
);

connection.onShutdown(() => linting.dispose());
connection.onShutdown(() => {
  linting.dispose();
  renders.dispose();
});

/** The first parse is slow (JIT); pay for it before the user opens a manifest, not after. */
function warmUp(): void {
  const sample =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: warm-up\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n';
  const started = Date.now();
  lintText(sample, createRuleSet(DEFAULT_SETTINGS));
  authoring.warmUp(sample);
  connection.console.log(`Kubewise language server ready (warm-up ${Date.now() - started} ms).`);
}

function packageVersion(): string | undefined {
  try {
    // the bundle lives in server/out/, two levels below the package root (also inside the .vsix)
    const text = readTextFile(join(__dirname, '..', '..', 'package.json'));
    return text ? (JSON.parse(text) as { version?: string }).version : undefined;
  } catch {
    return undefined;
  }
}

// A bug in a rule or in this wiring must not end the session: the editor would lose every diagnostic.
process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
