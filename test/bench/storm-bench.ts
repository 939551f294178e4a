/**
 * Requests while the user types: a storm of 200 one-character edits into the 10,000-line manifest (one every
 * 25 ms), with code actions, hover and document symbols asked for along the way, against Kubewise and
 * yaml-language-server side by side (one server at a time, the same storm). An editor asks for these on every cursor
 * move; they must be answered from what the server already has, not queued behind lints of versions the user has
 * already typed past. Also: bytes of one diagnostics publish.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node';
import type { BenchServer } from './authoring-bench';

const EDITS = 200;
const EDIT_GAP_MS = 25;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export interface StormFigures {
  median: Record<'codeAction' | 'hover' | 'symbols', number>;
  max: number;
  /** Bytes of the first diagnostics publish (JSON), and how many diagnostics it held. */
  publishBytes: number;
  publishCount: number;
}

/** Opens `text` as `uri` in a started, initialized server and runs the storm. */
export async function storm(server: BenchServer, uri: string, text: string): Promise<StormFigures> {
  let diagnostics: Diagnostic[] = [];
  let publishBytes = 0;
  let publishCount = 0;
  let first: (() => void) | undefined;
  const opened = new Promise<void>((r) => (first = r));
  server.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri !== uri) return;
    if (!publishBytes && p.diagnostics.length) {
      publishBytes = Buffer.byteLength(JSON.stringify(p));
      publishCount = p.diagnostics.length;
    }
    diagnostics = p.diagnostics;
    first?.();
    first = undefined;
  });
  await server.conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'yaml', version: 1, text },
  });
  await opened;
  let doc = TextDocument.create(uri, 'yaml', 1, text);
  // type a value into a label in the middle document, one character at a time
  const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  const insertAt = doc.positionAt(at);
  const anchor = text.indexOf('image: ', at);
  const times: Record<'codeAction' | 'hover' | 'symbols', number[]> = { codeAction: [], hover: [], symbols: [] };
  const pending: Array<Promise<void>> = [];
  const timed = (kind: keyof typeof times, request: () => Promise<unknown>): void => {
    const t = performance.now();
    pending.push(
      request().then(
        () => void times[kind].push(performance.now() - t),
        () => void times[kind].push(performance.now() - t),
      ),
    );
  };
  for (let i = 0; i < EDITS; i++) {
    const version = doc.version + 1;
    const change = { range: { start: insertAt, end: insertAt }, text: i % 40 === 39 ? '\n' : '#' };
    doc = TextDocument.update(doc, [change], version);
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [change],
    });
    if (i % 10 === 5) {
      const position = doc.positionAt(doc.getText().indexOf('image: ', at) + 8);
      const near = diagnostics.filter((d) => Math.abs(d.range.start.line - position.line) < 30).slice(0, 3);
      const range = near[0]?.range ?? { start: position, end: position };
      timed('codeAction', () =>
        server.conn.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range,
          context: { diagnostics: near },
        }),
      );
      timed('hover', () => server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
      timed('symbols', () => server.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
    }
    await sleep(EDIT_GAP_MS);
  }
  await Promise.all(pending);
  void anchor;
  const all = [...times.codeAction, ...times.hover, ...times.symbols];
  return {
    median: { codeAction: median(times.codeAction), hover: median(times.hover), symbols: median(times.symbols) },
    max: Math.max(...all),
    publishBytes,
    publishCount,
  };
}
