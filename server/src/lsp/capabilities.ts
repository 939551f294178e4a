/** What the client said it can do, reduced to the few flags the server acts on. */
import type { ClientCapabilities, InitializeParams, ServerCapabilities } from 'vscode-languageserver/node';
import { CodeActionKind, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from '../protocol';

export interface ClientFlags {
  /** `workspace/configuration`: settings can be pulled per document. */
  configuration: boolean;
  /** `didChangeConfiguration` can be registered dynamically (VS Code then sends it for our section). */
  configurationRegistration: boolean;
  /** File watchers can be registered by the server (for `.kubewise.yaml`). */
  watchedFilesRegistration: boolean;
  workspaceFolders: boolean;
  documentChanges: boolean;
  /** Code actions may come without an edit and be completed with `codeAction/resolve`. */
  resolveEdits: boolean;
  codeActionLiterals: boolean;
  showDocument: boolean;
  /** Server-initiated progress (`window/workDoneProgress/create`), for indexing the workspace. */
  workDoneProgress: boolean;
}

export function clientFlags(caps: ClientCapabilities): ClientFlags {
  const ca = caps.textDocument?.codeAction;
  return {
    configuration: !!caps.workspace?.configuration,
    configurationRegistration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchedFilesRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workspaceFolders: !!caps.workspace?.workspaceFolders,
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    resolveEdits: !!ca?.resolveSupport?.properties?.includes('edit'),
    codeActionLiterals: !!ca?.codeActionLiteralSupport,
    showDocument: !!caps.window?.showDocument?.support,
    workDoneProgress: !!caps.window?.workDoneProgress,
  };
}

export function serverCapabilities(flags: ClientFlags): ServerCapabilities {
  return {
    // incremental: a keystroke in a 10,000-line manifest sends a few characters, not the whole text
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: flags.codeActionLiterals
      ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: flags.resolveEdits }
      : true,
    executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
    // go to the object a reference names (claimName, scaleTargetRef, a selector …) and back: navigation/
    definitionProvider: true,
    referencesProvider: true,
    workspace: flags.workspaceFolders
      ? { workspaceFolders: { supported: true, changeNotifications: true } }
      : undefined,
  };
}

/** The workspace folder URIs the client opened (or its root, from older clients). */
export function initialFolders(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((f) => f.uri);
  if (params.rootUri) return [params.rootUri];
  return [];
}
