/**
 * The requests an editor sends while the user works in a document: code actions (and their resolve), hover,
 * completion, symbols, definition and references. None of them waits for a lint: quick fixes are looked up in the
 * lint the server already has for the document's version (lsp/actions.ts), and the others read the text directly.
 * A request cancelled before it ran is answered at once; one whose document changed while it waited is answered
 * `ContentModified` (lsp/guard.ts).
 */
import { fileURLToPath } from 'node:url';
import type {
  CodeAction,
  CodeActionParams,
  Connection,
  Location,
  TextDocuments,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { definitionAt, referencesTo } from '../navigation';
import type { ActionContext } from './actions';
import { codeActions, isFixAllData, isFixData, resolveFix, resolveFixAll } from './actions';
import type { Authoring } from './authoring';
import type { ClientFlags } from './capabilities';
import type { CompanionSupport } from './companions';
import { companionActions } from './companions';
import type { ConfigStore } from './config';
import { readTextFile } from './config';
import type { Logger } from './guard';
import { request, StaleResult, stillAt } from './guard';
import type { Linting } from './linting';
import type { WorkspaceFiles } from './workspace-files';

export interface EditorRequestsHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly linting: Linting;
  readonly configs: ConfigStore;
  readonly files: WorkspaceFiles;
  readonly authoring: Authoring;
  readonly log: Logger;
  flags(): ClientFlags | undefined;
  companions(): CompanionSupport;
  /**
   * For a file of a chart or an overlay: why the text a fix produces would break its render (tried on a copy), or
   * undefined when it holds or the file belongs to none.
   */
  checkRendered?(uri: string, text: string): Promise<string | undefined>;
}

export function registerEditorRequests(host: EditorRequestsHost): void {
  const { connection, documents, linting, configs, files, authoring, log } = host;

  /** What action handlers need, for the document's version now; `ContentModified` if it changes meanwhile. */
  async function actionContext(uri: string): Promise<ActionContext | undefined> {
    const doc = documents.get(uri);
    const flags = host.flags();
    if (!doc || !flags || !linting.isOpen(uri)) return undefined;
    const version = doc.version;
    const config = await configs.forDocument(uri);
    stillAt(documents.get(uri), version);
    if (!config.enabled || config.ignored) return undefined;
    return {
      doc,
      ruleSet: config.ruleSet,
      analysed: linting.analysed(doc),
      lint: () => linting.current(doc, config),
      edits: flags,
      lazyEdits: flags.resolveEdits,
      indexFor: (entries) => files.workspace.indexWith(uri, entries),
    };
  }

  connection.onCodeAction(
    request(log, 'codeAction', [] as CodeAction[], async (params: CodeActionParams) => {
      const ctx = await actionContext(params.textDocument.uri);
      if (!ctx) return [];
      // "Add an HPA / VPA / PDB for this workload" (no diagnostic needed): see lsp/companions.ts.
      const add = companionActions(
        { doc: ctx.doc, support: host.companions(), index: () => files.workspace.index() },
        params,
      );
      return [...codeActions(ctx, params), ...add];
    }),
  );

  connection.onCodeActionResolve(
    request(log, 'codeAction/resolve', undefined as CodeAction | undefined, async (action: CodeAction) => {
      const data: unknown = action.data;
      if (isFixData(data)) {
        const ctx = await actionContext(data.uri);
        const resolved = ctx && resolveFix(ctx, action, data);
        if (resolved) return ctx ? checked(ctx.doc, resolved) : resolved;
        // the fix was listed for a version the user has typed past: the editor asks for the actions again
        if (ctx && ctx.doc.version !== data.version) throw new StaleResult('the document changed; ask again');
        return action;
      }
      if (!isFixAllData(data)) return action;
      const ctx = await actionContext(data.uri);
      return ctx ? checked(ctx.doc, resolveFixAll(ctx, action, data)) : action;
    }) as (action: CodeAction) => Promise<CodeAction>,
  );

  /**
   * A fix of a chart's or an overlay's file is rendered (on a copy) before the editor applies it: when the chart or
   * overlay would no longer render, or gain an error finding, the action comes back without its edit and the user
   * is told why.
   */
  async function checked(doc: TextDocument, action: CodeAction): Promise<CodeAction> {
    if (!host.checkRendered || !action.edit) return action;
    const edits = editsFor(action.edit, doc.uri);
    if (!edits) return action;
    const version = doc.version;
    const reason = await host.checkRendered(doc.uri, TextDocument.applyEdits(doc, edits));
    stillAt(documents.get(doc.uri), version);
    if (!reason) return action;
    const message = `Kubewise did not apply "${action.title}": ${reason}`;
    log.error(message);
    void connection.window.showWarningMessage(message);
    const withoutEdit = { ...action };
    delete withoutEdit.edit;
    return withoutEdit;
  }

  /** Another file's text for references: the open editor's (unsaved edits included), else the file on disk. */
  function textOf(uri: string): string | undefined {
    const open = documents.get(uri);
    if (open) return open.getText();
    return uri.startsWith('file:') ? readTextFile(fileURLToPath(uri)) : undefined;
  }

  connection.onDefinition(
    request(log, 'definition', [] as Location[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? definitionAt(files.workspace, doc.uri, doc.getText(), params.position, textOf) : [];
    }),
  );

  connection.onReferences(
    request(log, 'references', [] as Location[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return referencesTo(files.workspace, doc.uri, doc.getText(), params.position, {
        includeDeclaration: params.context.includeDeclaration,
        textOf,
      });
    }),
  );

  connection.onCompletion(
    request(log, 'completion', [] as ReturnType<Authoring['completion']>, (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? authoring.completion(doc, params.position) : [];
    }),
  );

  connection.onHover(
    request(log, 'hover', null as ReturnType<Authoring['hover']> | null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      return (doc && authoring.hover(doc, params.position)) ?? null;
    }),
  );

  connection.onDocumentSymbol(
    request(log, 'documentSymbol', [] as ReturnType<Authoring['documentSymbols']>, (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? authoring.documentSymbols(doc) : [];
    }),
  );

  connection.onWorkspaceSymbol(
    request(log, 'workspaceSymbol', [] as ReturnType<Authoring['workspaceSymbols']>, (params) =>
      authoring.workspaceSymbols(params.query),
    ),
  );
}

/** The text edits a workspace edit makes to one document (`changes` or `documentChanges`). */
function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] | undefined {
  if (edit.changes?.[uri]) return edit.changes[uri];
  for (const c of edit.documentChanges ?? [])
    if ('textDocument' in c && c.textDocument.uri === uri) return c.edits.filter((e): e is TextEdit => 'range' in e);
  return undefined;
}
