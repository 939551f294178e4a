/** Workspace edits for code actions: version-pinned when the client can check versions, never overlapping. */
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { minimalEdit } from '../engine';

export interface EditOptions {
  /** The client understands `documentChanges` (and so refuses an edit made for another version). */
  documentChanges: boolean;
}

export function workspaceEdit(uri: string, version: number, edits: TextEdit[], options: EditOptions): WorkspaceEdit {
  if (options.documentChanges) {
    return {
      documentChanges: [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, version), edits)],
    };
  }
  return { changes: { [uri]: edits } };
}

/** The one edit that turns the document's text into `after`, or undefined when nothing changes. */
export function wholeTextEdit(doc: TextDocument, after: string): TextEdit | undefined {
  const e = minimalEdit(doc.getText(), after);
  return e && TextEdit.replace({ start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, e.text);
}

/**
 * Whether the edits can be applied together: no two ranges overlap, and no two insertions share a position (their
 * order would be up to the client). A fix that fails this is not offered rather than applied wrongly.
 */
export function editsAreDisjoint(doc: TextDocument, edits: readonly TextEdit[]): boolean {
  const spans = edits
    .map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) {
    const [prevStart, prevEnd] = spans[i - 1];
    const [start, end] = spans[i];
    if (start < prevEnd) return false;
    if (start === prevStart && (start === end || prevStart === prevEnd)) return false;
  }
  return true;
}
