/**
 * The server under load, driven over stdio by the real client library: a request the client cancels is answered
 * `RequestCancelled` without its work; a fix resolved for a version the user has typed past is answered
 * `ContentModified` (the editor asks again) instead of an edit that would land in the wrong place; a request sent
 * while a large file is linted is answered before that lint ends, and a version edited while it is linted is never
 * published; nesting past the depth limit and 100,000-character values get their diagnostics like any text.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { CodeActionRequest, HoverRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { bigManifest } from '../support/generate';
import { LspClient, onlyRules } from '../support/lsp-client';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe('language server under load', () => {
  let client: LspClient;
  let n = 0;
  const newUri = (): string => `untitled:/load-${++n}.yaml`;

  async function openDoc(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = newUri();
    const mark = client.mark();
    await client.open(uri, text);
    return { uri, diagnostics: await client.diagnostics(uri, mark) };
  }

  /**
   * Runs `then` right after the client answered the server's settings request for `uri`: the server lints `uri` as
   * soon as it reads that answer, so whatever `then` sends arrives while that lint runs.
   */
  function whenLintStarts(uri: string, then: () => void): void {
    const settings = client.settings;
    client.settings = (scope) => {
      if (scope === uri) {
        client.settings = settings;
        setImmediate(then); // after the answer is written, so that the server reads the answer first
      }
      return settings(scope);
    };
  }

  before(async () => {
    client = await LspClient.start({
      settings: () => ({ rules: onlyRules(['cpu-request-missing', 'yaml-syntax', 'secret-in-env']) }),
    });
  });
  after(async () => {
    await client.kill();
  });

  it('a request cancelled before it runs is answered RequestCancelled, and the next one normally', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    assert.equal(diagnostics.length, 1);
    // request and cancellation in one write, so that the server reads both before it dispatches the request
    const id = 'cancelled-code-action';
    const request = JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: CodeActionRequest.method,
      params: { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } },
    });
    const cancel = JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
    const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    let raw = '';
    const answered = new Promise<{ error?: { code: number }; result?: unknown }>((resolve) => {
      const listener = (chunk: Buffer): void => {
        raw += chunk.toString();
        const at = raw.indexOf(`"id":"${id}"`);
        if (at < 0) return;
        const start = raw.lastIndexOf('{"jsonrpc"', at);
        let end = raw.indexOf('Content-Length:', at);
        if (end < 0) end = raw.length;
        try {
          const message = JSON.parse(raw.slice(start, end)) as { error?: { code: number }; result?: unknown };
          client.child.stdout!.off('data', listener);
          resolve(message);
        } catch {
          // the rest of the message is still on its way
        }
      };
      client.child.stdout!.on('data', listener);
    });
    client.child.stdin!.write(frame(request) + frame(cancel));
    const answer = await answered;
    assert.equal(answer.result, undefined);
    assert.equal(answer.error?.code, LSPErrorCodes.RequestCancelled);

    const actions = await client.codeActions(uri, diagnostics[0].range, diagnostics);
    assert.ok(actions.some((a) => a.isPreferred));
  });

  it('resolving a fix listed for an older version is answered ContentModified; for the current one, an edit', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    const [lazy] = await client.codeActions(uri, diagnostics[0].range, diagnostics);
    assert.equal(lazy.isPreferred, true);
    assert.equal(lazy.edit, undefined);
    const mark = client.mark();
    await client.change(uri, '# a line above moves every range\n' + DEPLOY);
    const fresh = await client.diagnostics(uri, mark);
    await assert.rejects(
      client.resolve(lazy),
      (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified,
    );
    const [current] = await client.codeActions(uri, fresh[0].range, fresh);
    const resolved: CodeAction = await client.resolve(current);
    assert.ok(resolved.edit);
    const text = client.applied(uri, resolved.edit);
    assert.match(text, /^# a line above/);
    assert.match(text, /requests:\n\s+cpu:/);
  });

  it('nesting 10,000 levels deep: one yaml-syntax diagnostic, and hover and symbols still answer', async () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ' + '['.repeat(10_000) + ']'.repeat(10_000);
    const { uri, diagnostics } = await openDoc(text + '\n');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['yaml-syntax', 4]],
    );
    assert.doesNotMatch(diagnostics[0].message, /call stack/);
    const hover = await client.conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: 300 },
    });
    assert.equal(hover, null);
    const symbols = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols));
  });

  it('a 100,000-character value is linted like any other', async () => {
    const url = 'postgres://' + 'u'.repeat(100_000);
    const text =
      DEPLOY +
      `          env:\n            - name: DATABASE_URL\n              value: ${url}\n            - name: OTHER\n              value: postgres://app:hunter2@db/app\n`;
    const { diagnostics } = await openDoc(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]).sort(), [
      ['cpu-request-missing', 8],
      ['secret-in-env', 14],
    ]);
  });

  it('a request sent while the 10,000-line file is linted is answered before that lint publishes', async () => {
    const uri = newUri();
    let publishedFirst: boolean | undefined;
    const answered = new Promise<unknown>((resolve) =>
      whenLintStarts(uri, () => {
        const hover = client.conn.sendRequest(HoverRequest.type, {
          textDocument: { uri },
          position: { line: 1, character: 2 },
        });
        void hover.then((h) => {
          publishedFirst = client.published.some((p) => p.params.uri === uri);
          resolve(h);
        });
      }),
    );
    const mark = client.mark();
    await client.open(uri, bigManifest(10_000));
    const hover = await answered;
    const diagnostics = await client.diagnostics(uri, mark);
    assert.equal(publishedFirst, false);
    assert.notEqual(hover, null); // a real answer: the documentation of `kind`
    assert.ok(diagnostics.length > 100);
  });

  it('a version edited while it is linted is never published; the edited one is', async () => {
    const uri = newUri();
    const text = bigManifest(10_000);
    const lines = text.split('\n').length;
    // the edit appends a document with one more finding, below every line of the first version
    whenLintStarts(uri, () => void client.change(uri, text + '---\n' + DEPLOY));
    const mark = client.mark();
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, mark);
    assert.deepEqual(
      client.published.filter((p) => p.params.uri === uri).map((p) => p.params.version),
      [2],
    );
    assert.ok(diagnostics.some((d) => d.code === 'cpu-request-missing' && d.range.start.line >= lines));
  });
});
