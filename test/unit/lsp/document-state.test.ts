/**
 * What the language server keeps per open document (its lint, its settings, its outline, its text in the workspace)
 * is released when the document closes: after rounds of opening, using and closing documents, no per-document map
 * holds anything, so the server's memory cannot grow with every file the user once opened.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Authoring } from '../../../server/src/lsp/authoring';
import { ConfigStore } from '../../../server/src/lsp/config';
import { Linting } from '../../../server/src/lsp/linting';
import { WorkspaceFiles } from '../../../server/src/lsp/workspace-files';

const DEPLOY = (n: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${n}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

/** Lets pending lints (settings, slices) and closes (the workspace's reload) finish. */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise<void>((r) => setImmediate(r));
  assert.ok(done(), 'the server settled');
}

describe('per-document state of the language server', () => {
  it('closing documents releases everything kept for them, round after round', async () => {
    const docs = new Map<string, TextDocument>();
    const configs = new ConfigStore({
      fetchEditorSettings: () => Promise.resolve(undefined),
      readFile: () => undefined,
      warnUser: () => undefined,
      log: () => undefined,
    });
    const files = new WorkspaceFiles({
      selection: () => Promise.resolve({ include: [], exclude: [], ignorePaths: [] }),
      progress: () => Promise.resolve({ report: () => undefined, done: () => undefined }),
      log: () => undefined,
    });
    const published = new Set<string>();
    const linting = new Linting(
      {
        get: (uri) => docs.get(uri),
        publish: (uri, version) => void (version !== undefined && published.add(uri)),
        failure: () => undefined,
        error: (m) => assert.fail(m),
      },
      configs,
      files,
    );
    const authoring = new Authoring(() => files.workspace.index());
    try {
      for (let round = 0; round < 3; round++) {
        const uris: string[] = [];
        for (let i = 0; i < 20; i++) {
          const uri = `untitled:/round-${round}/doc-${i}.yaml`;
          const doc = TextDocument.create(uri, 'yaml', 1, DEPLOY(i));
          docs.set(uri, doc);
          uris.push(uri);
          linting.changed(doc);
          authoring.documentSymbols(doc);
          authoring.hover(doc, { line: 1, character: 2 });
        }
        await settle(() => uris.every((u) => published.has(u)));
        assert.equal(linting.tracked().length, 20);
        assert.equal(files.workspace.uris().length, 20);
        for (const uri of uris) {
          docs.delete(uri);
          linting.closed(uri);
          authoring.closed(uri);
        }
        await settle(() => files.workspace.uris().length === 0);
        assert.deepEqual(linting.tracked(), []);
        assert.deepEqual(configs.tracked(), []);
        assert.deepEqual(authoring.tracked(), []);
        assert.deepEqual(files.openUris(), []);
        assert.deepEqual(files.workspace.uris(), []);
      }
    } finally {
      linting.dispose();
    }
  });
});
