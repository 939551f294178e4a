/**
 * Code actions "Add a HorizontalPodAutoscaler / VerticalPodAutoscaler / PodDisruptionBudget for <workload>" on the
 * header (apiVersion, kind, metadata) of a Deployment or StatefulSet (no diagnostic needed), each in two variants: appended to this file, or written to a
 * sibling file (`web.yaml` → `web-hpa.yaml`, created with a `CreateFile` operation, or appended to when it exists).
 * The objects themselves come from the engine (`generate/companions.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClientCapabilities, CodeAction, CodeActionParams, WorkspaceEdit } from 'vscode-languageserver/node';
import {
  CodeActionKind,
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompanionProposal } from '../generate/companions';
import { companionProposals, siblingFileName } from '../generate/companions';
import type { WorkspaceIndexView } from '../model/workspace';

/**
 * `quickfix` without a diagnostic: offered in the light bulb and Ctrl+. next to the fixes, and served under the
 * code action kinds the server already announces.
 */
export const COMPANION_KIND = CodeActionKind.QuickFix;

/** What the client can apply: `documentChanges`, and creating files inside them. */
export interface CompanionSupport {
  documentChanges: boolean;
  createFiles: boolean;
}

export function companionSupport(caps: ClientCapabilities): CompanionSupport {
  const we = caps.workspace?.workspaceEdit;
  return {
    documentChanges: !!we?.documentChanges,
    createFiles: !!we?.documentChanges && !!we.resourceOperations?.includes('create'),
  };
}

export interface CompanionContext {
  readonly doc: TextDocument;
  readonly support: CompanionSupport;
  /** The workspace's objects: a workload whose HPA lives in another file gets no second one. */
  readonly index?: () => WorkspaceIndexView;
}

export function companionActions(ctx: CompanionContext, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k === COMPANION_KIND || COMPANION_KIND.startsWith(k + '.'))) return [];
  const proposals = companionProposals(ctx.doc.getText(), params.range, { index: ctx.index });
  const out: CodeAction[] = [];
  for (const p of proposals) {
    out.push({ title: `${p.title} (in this file)`, kind: COMPANION_KIND, edit: inThisFile(ctx, p) });
    const sibling = inSiblingFile(ctx, p);
    if (sibling) out.push({ title: `${p.title} (in ${sibling.name})`, kind: COMPANION_KIND, edit: sibling.edit });
  }
  return out;
}

function inThisFile(ctx: CompanionContext, p: CompanionProposal): WorkspaceEdit {
  if (ctx.support.documentChanges) {
    return {
      documentChanges: [
        TextDocumentEdit.create(
          OptionalVersionedTextDocumentIdentifier.create(ctx.doc.uri, ctx.doc.version),
          p.appendEdits,
        ),
      ],
    };
  }
  return { changes: { [ctx.doc.uri]: p.appendEdits } };
}

function inSiblingFile(ctx: CompanionContext, p: CompanionProposal): { name: string; edit: WorkspaceEdit } | undefined {
  if (!ctx.support.createFiles || !ctx.doc.uri.startsWith('file:')) return undefined;
  const uri = siblingFileName(ctx.doc.uri, p.fileSuffix);
  let existing: string | undefined;
  try {
    const path = fileURLToPath(uri);
    existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
  const changes: WorkspaceEdit['documentChanges'] = [];
  let insert: TextEdit;
  if (existing === undefined) {
    changes.push(CreateFile.create(uri, { ignoreIfExists: true }));
    insert = TextEdit.insert({ line: 0, character: 0 }, p.text);
  } else {
    // The file exists: the object goes at its end, as a new document.
    const lines = existing.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const sep = existing.trim() === '' ? '' : `${existing.endsWith('\n') ? '' : '\n'}---\n`;
    insert = TextEdit.insert(end, sep + p.text);
  }
  changes.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, null), [insert]));
  if (p.workloadEdits.length) {
    changes.push(
      TextDocumentEdit.create(
        OptionalVersionedTextDocumentIdentifier.create(ctx.doc.uri, ctx.doc.version),
        p.workloadEdits,
      ),
    );
  }
  return { name: uri.slice(uri.lastIndexOf('/') + 1), edit: { documentChanges: changes } };
}
