/**
 * The LSP shapes authoring returns, declared here (structurally identical to the protocol's) so that this layer
 * stays free of the LSP libraries, like the engine below it.
 */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Offset ↔ position for the text being edited (a `TextDocument` is one). */
export interface Positions {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

export const CompletionItemKind = {
  Field: 5,
  Class: 7,
  Module: 9,
  Property: 10,
  Value: 12,
  Snippet: 15,
  Reference: 18,
  EnumMember: 20,
} as const;

export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const;
/** `asIs`: the client must not re-indent the lines of a multi-line insertion (they carry their indentation). */
export const InsertTextMode = { asIs: 1 } as const;

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface MarkupContent {
  kind: 'markdown';
  value: string;
}

export interface CompletionItem {
  label: string;
  kind: number;
  detail?: string;
  labelDetails?: { detail?: string; description?: string };
  documentation?: MarkupContent;
  sortText?: string;
  filterText?: string;
  textEdit: TextEdit;
  insertTextFormat: number;
  insertTextMode?: number;
  additionalTextEdits?: TextEdit[];
  preselect?: boolean;
}

export interface Hover {
  contents: MarkupContent;
  range: Range;
}

export const SymbolKind = { Module: 2, Class: 5, Field: 8, Object: 19 } as const;

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface SymbolInformation {
  name: string;
  kind: number;
  location: { uri: string; range: Range };
  containerName?: string;
}
