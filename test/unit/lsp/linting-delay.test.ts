/**
 * When the language server lints after an edit (lsp/linting.ts): at once after a lone edit when the last lint was
 * cheap, and only after a pause while edits arrive in a burst. Timers and the clock are node:test's mock timers, so
 * the test asserts on the order of events, never on how long anything took.
 */
import { strict as assert } from 'node:assert';
import { afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRuleSet } from '../../../server/src/composition';
import { DEFAULT_SETTINGS, lintText } from '../../../server/src/engine';
import { ConfigStore } from '../../../server/src/lsp/config';
import { BURST_GAP_MS, LINT_DELAY_MS, Linting } from '../../../server/src/lsp/linting';
import { WorkspaceFiles } from '../../../server/src/lsp/workspace-files';

const URI = 'file:///w/cm.yaml';
const text = (n: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${n}\n`;

/** Lets the lint's awaited promises (settings) settle, and a lint that pauses between its slices finish. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) {
    await new Promise<void>((r) => queueMicrotask(r));
    await new Promise<void>((r) => setImmediate(r));
  }
};

describe('lint scheduling', () => {
  let published: number[];
  let doc: TextDocument;
  let linting: Linting;

  // the process's first lint loads and compiles every rule: not what "the last lint" means here
  before(() => lintText(text(0), createRuleSet(DEFAULT_SETTINGS)));

  beforeEach(async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    published = [];
    doc = TextDocument.create(URI, 'yaml', 1, text(1));
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
    linting = new Linting(
      {
        get: () => doc,
        publish: (_uri, version) => published.push(version ?? -1),
        failure: () => undefined,
        error: (m) => assert.fail(m),
      },
      configs,
      files,
      // the mocked clock stands still unless ticked: every lint here is cheap, however busy the machine
      () => Date.now(),
    );
    // opening lints at once; a ConfigMap's lint is cheap
    linting.changed(doc);
    await settle();
    assert.deepEqual(published, [1]);
  });

  afterEach(() => {
    linting.dispose();
    mock.timers.reset();
  });

  function edit(n: number): void {
    doc = TextDocument.create(URI, 'yaml', n, text(n));
    linting.changed(doc);
  }

  it('lints a lone edit at once when the last lint was cheap', async () => {
    mock.timers.tick(BURST_GAP_MS + 1);
    edit(2);
    mock.timers.tick(0);
    await settle();
    assert.deepEqual(published, [1, 2]);
  });

  it('coalesces a burst of edits into one lint after the pause', async () => {
    mock.timers.tick(BURST_GAP_MS + 1);
    edit(2);
    // the next keystrokes arrive before the first edit's lint ran, and closer together than the burst gap
    mock.timers.tick(BURST_GAP_MS / 4);
    await settle();
    edit(3);
    mock.timers.tick(BURST_GAP_MS / 4);
    edit(4);
    mock.timers.tick(0);
    await settle();
    assert.deepEqual(published, [1, 2], 'nothing more while the burst goes on');
    mock.timers.tick(LINT_DELAY_MS);
    await settle();
    assert.deepEqual(published, [1, 2, 4], 'one lint, of the last text');
  });
});
