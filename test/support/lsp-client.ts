/**
 * A real LSP client for tests: starts the BUILT language server (`server/out/server.js --stdio`, made by
 * `npm run build` or `node esbuild.mjs`) as a child process and talks JSON-RPC to it over its stdin/stdout with
 * `vscode-languageserver-protocol`'s connection. It keeps what the server sent (diagnostics, messages, registrations,
 * showDocument requests) and answers `workspace/configuration` from settings the test controls.
 */
import type { ChildProcess } from 'node:child_process';
import { fork, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  ClientCapabilities,
  CodeAction,
  ConfigurationParams,
  Diagnostic,
  InitializeResult,
  LogMessageParams,
  ProtocolConnection,
  PublishDiagnosticsParams,
  Range,
  Registration,
  ShowDocumentParams,
  ShowMessageParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import {
  CodeActionKind,
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  WorkDoneProgressCreateRequest,
  ExecuteCommandRequest,
  ExitNotification,
  FileChangeType,
  IPCMessageReader,
  IPCMessageWriter,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { RULES as allRules } from '../../server/src/composition';
import { kubewiseData } from '../../server/src/lsp/diagnostics';
import { saidOf } from './said';

/** Long enough for a slow CI machine; tests wait for a notification, never for a fixed time. */
export const WAIT_MS = 30_000;

/** What VS Code 1.96 announces, reduced to what the server looks at. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    applyEdit: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: {
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      relatedInformation: true,
    },
    codeAction: {
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: [CodeActionKind.QuickFix, CodeActionKind.Source, CodeActionKind.SourceFixAll] },
      },
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
  },
  window: { showDocument: { support: true }, showMessage: {} },
};

/** An old or minimal client: no pulled settings, no versioned edits, no lazy code actions. */
export const PLAIN_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    codeAction: {
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
      },
    },
  },
};

export interface StartOptions {
  capabilities?: ClientCapabilities;
  /** Folder paths on disk. */
  workspaceFolders?: string[];
  /** The `kubewise` section answered for `workspace/configuration`, per scope URI. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** `stdio` (the default, as other editors start it) or `ipc` (as the VS Code client starts it). */
  transport?: 'stdio' | 'ipc';
  /** `initializationOptions` of the initialize request (what Kubewise's VS Code client sends, for one). */
  initializationOptions?: unknown;
}

/**
 * A `rules` setting that turns every rule off except `ids` (at their recommended severity, or warning for rules off
 * by default), so that tests do not change when rules are added.
 */
export function onlyRules(ids: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of allRules) {
    const on = ids.includes(r.meta.id);
    out[r.meta.id] = on ? (r.meta.severity === 'off' ? 'warning' : r.meta.severity) : 'off';
  }
  return out;
}

/**
 * What a published diagnostic says, `messageId {key=value, …}`, read from its `data` (the message id and the values
 * of its placeholders the server sends along): LSP tests compare this, not the prose the editor shows.
 */
export function said(d: Diagnostic): string {
  const data = kubewiseData(d);
  return saidOf(data?.messageId, data?.messageData);
}

export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kubewise') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the kubewise package root above ' + __dirname);
    dir = up;
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

interface Published {
  seq: number;
  params: PublishDiagnosticsParams;
}

export class LspClient {
  readonly published: Published[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  readonly showDocuments: ShowDocumentParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  /** `$/progress` values (begin, report, end) in the order received; the client accepts every progress token. */
  readonly progress: Array<{ kind: string; title?: string }> = [];
  stderr = '';
  initializeResult!: InitializeResult;
  settings: (scopeUri: string | undefined) => unknown = () => ({});

  private readonly texts = new Map<string, TextDocument>();
  private readonly waiters = new Set<() => void>();
  private seq = 0;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr?.on('data', (b: Buffer) => (this.stderr += b.toString()));
    conn.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push({ seq: ++this.seq, params });
      this.wake();
    });
    conn.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p);
      this.wake();
    });
    conn.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
      this.wake();
    });
    conn.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'kubewise' ? (this.settings(item.scopeUri) ?? null) : null));
    });
    conn.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.wake();
      return null;
    });
    // `window.showWarningMessage` and friends arrive as requests (they could carry buttons)
    conn.onRequest(ShowMessageRequest.type, (p) => {
      this.messages.push({ type: p.type, message: p.message });
      this.wake();
      return null;
    });
    conn.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    conn.onNotification('$/progress', (p: { value?: { kind?: string; title?: string } }) => {
      this.progress.push({ kind: p.value?.kind ?? '', title: p.value?.title });
      this.wake();
    });
    conn.onRequest(ShowDocumentRequest.type, (params) => {
      this.showDocuments.push(params);
      this.wake();
      return { success: true };
    });
  }

  /** Starts the server, initializes it and sends `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const server = join(repoRoot(), 'server', 'out', 'server.js');
    if (!existsSync(server))
      throw new Error(`${server} is missing: run \`npm run build\` (or \`node esbuild.mjs\`) first`);
    let child: ChildProcess;
    let conn: ProtocolConnection;
    if (options.transport === 'ipc') {
      child = fork(server, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
      conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      const stdio = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
      conn = createProtocolConnection(new StreamMessageReader(stdio.stdout), new StreamMessageWriter(stdio.stdin));
      child = stdio;
    }
    const client = new LspClient(child, conn);
    if (options.settings) client.settings = options.settings;
    conn.listen();
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      workspaceFolders: folders.length ? folders.map((f) => ({ uri: fileUri(f), name: f })) : null,
      ...(options.initializationOptions !== undefined && { initializationOptions: options.initializationOptions }),
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  text(uri: string): string {
    return this.doc(uri).getText();
  }

  version(uri: string): number {
    return this.doc(uri).version;
  }

  /** The sequence number of the last notification seen, to wait for something that comes after it. */
  mark(): number {
    return this.seq;
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Replaces the whole text (a full-text change, which incremental servers accept too). */
  async change(uri: string, text: string): Promise<void> {
    const old = this.doc(uri);
    const next = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.texts.set(uri, next);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: next.version },
      contentChanges: [{ text }],
    });
  }

  /** Sends edits as incremental changes (ranges against the text before each edit, applied one by one). */
  async changeIncremental(uri: string, edits: TextEdit[]): Promise<void> {
    const old = this.doc(uri);
    const next = TextDocument.create(uri, old.languageId, old.version + 1, TextDocument.applyEdits(old, edits));
    this.texts.set(uri, next);
    // edits are sent last-first, so each range is still valid when the server applies it
    const sorted = [...edits].sort((a, b) => old.offsetAt(b.range.start) - old.offsetAt(a.range.start));
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: next.version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  /** The editor saved the document (its text is on disk: the test wrote it there). */
  async save(uri: string): Promise<void> {
    await this.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async configurationChanged(settings: unknown = null): Promise<void> {
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async watchedFileChanged(uri: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    await this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
  }

  /**
   * The first diagnostics published for `uri` after notification number `after` whose version is the document's
   * current one (unversioned publishes count too) and that satisfy `accept`.
   */
  diagnostics(
    uri: string,
    after = 0,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri} after #${after}`, () => {
      const current = this.texts.get(uri)?.version;
      const hit = this.published.find(
        (p) =>
          p.seq > after &&
          p.params.uri === uri &&
          (p.params.version === undefined || current === undefined || p.params.version === current) &&
          accept(p.params),
      );
      return hit?.params.diagnostics;
    });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    }) as Promise<CodeAction[]>;
  }

  resolve(action: CodeAction): Promise<CodeAction> {
    return this.conn.sendRequest(CodeActionResolveRequest.type, action);
  }

  /** The action with its edit, resolved first when it came without one (as VS Code does before applying it). */
  async withEdit(action: CodeAction): Promise<CodeAction> {
    return action.edit || action.data === undefined ? action : this.resolve(action);
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.conn.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /**
   * The text `uri` would have after the client applied `edit`, checked the way VS Code checks it: a version-pinned
   * edit for another version is refused, overlapping edits throw.
   */
  applied(uri: string, edit: WorkspaceEdit): string {
    const doc = this.doc(uri);
    const edits: TextEdit[] = [];
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('unexpected resource operation');
      if (change.textDocument.uri !== uri) throw new Error(`edit for another document: ${change.textDocument.uri}`);
      if (change.textDocument.version !== null && change.textDocument.version !== doc.version) {
        throw new Error(`edit pinned to version ${change.textDocument.version}, document is at ${doc.version}`);
      }
      edits.push(...(change.edits as TextEdit[]));
    }
    for (const [u, list] of Object.entries(edit.changes ?? {})) {
      if (u !== uri) throw new Error(`edit for another document: ${u}`);
      edits.push(...list);
    }
    return TextDocument.applyEdits(doc, edits);
  }

  /** Waits until `probe` returns something (re-checked on every message from the server). */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = WAIT_MS): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const v = probe();
        if (v === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** `shutdown` then `exit`, as an editor ends a session; resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  /** Ends the server whatever state it is in (test clean-up). */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill();
      await this.exited;
    }
    this.conn.dispose();
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private doc(uri: string): TextDocument {
    const d = this.texts.get(uri);
    if (!d) throw new Error(`not open: ${uri}`);
    return d;
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
