/**
 * The built language server over stdio, driven by a real LSP client: capabilities, diagnostics, every code action
 * kind (applied and re-checked), source.fixAll, the documentation command, stale diagnostics, shutdown.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { CodeActionKind, DiagnosticSeverity, TextDocumentSyncKind } from 'vscode-languageserver-protocol/node';
import { applyFix, fixAllText, lint } from '../support/lint';
import { LspClient, onlyRules, PLAIN_CAPABILITIES } from '../support/lsp-client';

const RULES = ['cpu-request-missing', 'yaml-syntax'];
const SETTINGS = {
  enable: true,
  profile: 'recommended',
  rules: onlyRules(RULES),
  kubernetesVersion: '1.33',
  ignorePaths: [],
};

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the web tier
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
        - name: side
          image: busybox:1.36
          resources:
            limits:
              cpu: 200m
`;

const DOCS = 'https://github.com/kubewise/kubewise/blob/main/docs/rules/cpu-request-missing.md';

/** Two duplicate keys that repeat their values: two yaml-syntax findings whose fixes are safe (bulk fixing applies them). */
const DUPLICATES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the web tier
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          image: nginx:1.27
`;

/** `line:col-line:col`, 1-based as editors show it. */
function where(d: Diagnostic): string {
  const r = d.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

function byTitle(actions: CodeAction[], prefix: string): CodeAction {
  const a = actions.find((x) => x.title.startsWith(prefix));
  assert.ok(a, `no action "${prefix}…" among ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

describe('language server over stdio', () => {
  let client: LspClient;
  let n = 0;
  const newUri = (): string => `untitled:/manifest-${++n}.yaml`;

  /** Opens a document and returns its first diagnostics. */
  async function openDoc(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = newUri();
    const mark = client.mark();
    await client.open(uri, text);
    return { uri, diagnostics: await client.diagnostics(uri, mark) };
  }

  /** Applies an action's edit as a full-text change and returns the diagnostics of the new version. */
  async function applyAction(uri: string, lazy: CodeAction): Promise<Diagnostic[]> {
    const action = await client.withEdit(lazy);
    assert.ok(action.edit, `action "${action.title}" has no edit`);
    const text = client.applied(uri, action.edit);
    const mark = client.mark();
    await client.change(uri, text);
    return client.diagnostics(uri, mark);
  }

  before(async () => {
    client = await LspClient.start({ settings: () => SETTINGS });
  });
  after(async () => {
    await client.kill();
  });

  it('announces its capabilities and registers for settings and .kubewise.yaml changes', async () => {
    const caps = client.initializeResult.capabilities;
    // save: charts and overlays render again when a file is saved (lsp/render.ts)
    assert.deepEqual(caps.textDocumentSync, {
      openClose: true,
      change: TextDocumentSyncKind.Incremental,
      save: { includeText: false },
    });
    assert.deepEqual(caps.codeActionProvider, {
      codeActionKinds: [CodeActionKind.QuickFix, 'source.fixAll.kubewise'],
      resolveProvider: true,
    });
    assert.deepEqual(caps.executeCommandProvider, { commands: ['kubewise.showDocumentation'] });
    assert.equal(client.initializeResult.serverInfo?.name, 'kubewise');
    await client.waitFor('registrations', () => (client.registrations.length >= 2 ? true : undefined));
    const methods = client.registrations.map((r) => r.method).sort();
    assert.deepEqual(methods, ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, {
      watchers: [{ globPattern: '**/.kubewise.yaml' }, { globPattern: '**/*.{yaml,yml}' }],
    });
  });

  it('publishes diagnostics on open with exact ranges, code, source, docs link, and data without the fix', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    assert.deepEqual(diagnostics.map(where), ['9:11-9:20', '13:11-15:24']);
    for (const d of diagnostics) {
      assert.equal(d.source, 'kubewise');
      assert.equal(d.code, 'cpu-request-missing');
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.deepEqual(d.codeDescription, { href: DOCS });
    }
    // only what finds the diagnostic again in the server's lint (the fix is built when asked for), and what the message
    // says as its id and data
    assert.deepEqual(
      diagnostics.map((d) => d.data),
      [
        {
          ruleId: 'cpu-request-missing',
          version: 1,
          objectLine: 0,
          messageId: 'noCpuRequest',
          messageData: { container: 'Container "web"' },
        },
        {
          ruleId: 'cpu-request-missing',
          version: 1,
          objectLine: 0,
          messageId: 'noCpuRequestDefaultsToLimit',
          messageData: { container: 'Container "side"', limitText: '200m' },
        },
      ],
    );
    // the settings were pulled for this document
    assert.ok(
      client.configurationRequests.some((p) => p.items.some((i) => i.scopeUri === uri && i.section === 'kubewise')),
    );
  });

  it('offers the fix, both ignores and the docs for a diagnostic; no fix-all-of-rule for an unsafe fix', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    const actions = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]]);
    // a resource request changes what runs: the fix says so, and is taken one at a time
    assert.match(actions[0].title, /^Add requests\.cpu: .* \(changes resources and scheduling\)$/);
    assert.deepEqual(
      actions.map((a) => [a.title.replace(/:.*/, ''), a.kind, !!a.isPreferred]),
      [
        ['Add requests.cpu', CodeActionKind.QuickFix, true],
        ['Ignore cpu-request-missing for this object', CodeActionKind.QuickFix, false],
        ['Ignore cpu-request-missing on this line', CodeActionKind.QuickFix, false],
        ['Show documentation for cpu-request-missing', CodeActionKind.QuickFix, false],
      ],
    );
    for (const a of actions) assert.deepEqual(a.diagnostics, [diagnostics[0]]);
    const docs = byTitle(actions, 'Show documentation');
    assert.deepEqual(docs.command, {
      title: docs.title,
      command: 'kubewise.showDocumentation',
      arguments: ['cpu-request-missing'],
    });
  });

  it('the preferred fix is a version-pinned edit that makes its diagnostic disappear', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    const [lazy] = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]]);
    assert.equal(lazy.isPreferred, true);
    assert.equal(lazy.edit, undefined, 'the edit is built on codeAction/resolve');
    const fix = await client.resolve(lazy);
    const edit = fix.edit!;
    assert.equal(edit.changes, undefined);
    assert.deepEqual(
      edit.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument : c)),
      [{ uri, version: 1 }],
    );
    const expected = applyFix(DEPLOY, lint(DEPLOY, ['cpu-request-missing'])[0]);
    assert.equal(client.applied(uri, edit), expected);
    const after = await applyAction(uri, fix);
    assert.deepEqual(after.map(where), ['16:11-18:24'], 'only the other container is left');
    assert.equal((after[0].data as { version: number }).version, 2);
  });

  it('"fix all <rule> in file" is resolved lazily into one edit equal to the engine\'s fix-all', async () => {
    const { uri, diagnostics } = await openDoc(DUPLICATES);
    const actions = await client.codeActions(uri, diagnostics[1].range, [diagnostics[1]]);
    const all = byTitle(actions, 'Fix all yaml-syntax');
    assert.equal(all.edit, undefined, 'computed on resolve, not with every lightbulb');
    const resolved = await client.resolve(all);
    const changes = resolved.edit?.documentChanges ?? [];
    assert.equal(changes.length, 1);
    assert.equal('edits' in changes[0] ? changes[0].edits.length : 0, 1, 'one minimal edit');
    assert.equal(client.applied(uri, resolved.edit!), fixAllText(DUPLICATES, ['yaml-syntax']));
    // the document parses now, so cpu-request-missing can look at it; its unsafe fix was not applied
    assert.deepEqual(
      (await applyAction(uri, resolved)).map((d) => d.code),
      ['cpu-request-missing'],
    );
    assert.match(client.text(uri), /# the web tier/);
  });

  it('"ignore on this line" writes a kubewise-ignore comment that silences the diagnostic', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    const actions = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]]);
    const after = await applyAction(uri, byTitle(actions, 'Ignore cpu-request-missing on this line'));
    assert.match(
      client.text(uri),
      /\n {8}# kubewise-ignore cpu-request-missing: TODO: why this is acceptable\n {8}- name: web\n/,
    );
    assert.deepEqual(after.map(where), ['14:11-16:24'], 'the other container still reports');
  });

  it('"ignore for this object" writes the annotation that silences every such diagnostic of the object', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    const actions = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]]);
    const after = await applyAction(uri, byTitle(actions, 'Ignore cpu-request-missing for this object'));
    assert.match(
      client.text(uri),
      /name: web # the web tier\n {2}annotations:\n {4}ignore-check\.kubewise\.dev\/cpu-request-missing: /,
    );
    assert.deepEqual(after, []);
  });

  it('source.fixAll offers one "Fix all Kubewise problems" action and no quick fixes', async () => {
    const { uri, diagnostics } = await openDoc(DUPLICATES);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const only of [['source.fixAll'], ['source.fixAll.kubewise'], ['source']]) {
      const actions = await client.codeActions(uri, range, diagnostics, only);
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind]),
        [['Fix all Kubewise problems', 'source.fixAll.kubewise']],
        `only ${only}`,
      );
    }
    const quick = await client.codeActions(uri, range, diagnostics, [CodeActionKind.QuickFix]);
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === CodeActionKind.QuickFix));
    const [all] = await client.codeActions(uri, range, [], ['source.fixAll']);
    const resolved = await client.resolve(all);
    // safe fixes only: the duplicates go, the cpu request (unsafe) is left to the author
    assert.equal(client.applied(uri, resolved.edit!), fixAllText(DUPLICATES, RULES, {}, false));
    assert.deepEqual(
      (await applyAction(uri, resolved)).map((d) => d.code),
      ['cpu-request-missing'],
    );
    const none = await client.codeActions(uri, range, [], ['source.fixAll']);
    assert.deepEqual(none, [], 'nothing safe is left to fix, so no source.fixAll');
  });

  it('offers no source.fixAll when nothing is fixable', async () => {
    const { uri, diagnostics } = await openDoc('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
    assert.deepEqual(diagnostics, []);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(await client.codeActions(uri, range, [], ['source.fixAll']), []);
  });

  it('a diagnostic of an older version gets only the documentation action (its edits would land wrongly)', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    const mark = client.mark();
    await client.change(uri, '# moved down\n' + DEPLOY);
    const fresh = await client.diagnostics(uri, mark);
    assert.deepEqual(fresh.map(where), ['10:11-10:20', '14:11-16:24']);
    const stale = await client.codeActions(uri, diagnostics[0].range, [diagnostics[0]]);
    assert.deepEqual(
      stale.map((a) => a.title),
      ['Show documentation for cpu-request-missing'],
    );
    const current = await client.codeActions(uri, fresh[0].range, [fresh[0]]);
    assert.equal(
      client.applied(uri, (await client.withEdit(current[0])).edit!),
      applyFix(client.text(uri), lint(client.text(uri), ['cpu-request-missing'])[0]),
    );
  });

  it('publishes only for the newest version when edits arrive quickly', async () => {
    const { uri } = await openDoc(DEPLOY);
    const mark = client.mark();
    for (let i = 0; i < 8; i++) {
      await client.changeIncremental(uri, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# edit ${i}\n` },
      ]);
    }
    assert.equal(client.version(uri), 9);
    const last = await client.diagnostics(uri, mark);
    assert.deepEqual(last.map(where), ['17:11-17:20', '21:11-23:24']);
    const versions = client.published.filter((p) => p.seq > mark && p.params.uri === uri).map((p) => p.params.version);
    for (let i = 1; i < versions.length; i++)
      assert.ok(versions[i]! >= versions[i - 1]!, `versions go forward: ${versions}`);
    // every publish after the burst describes the text the editor had at that version
    assert.match(client.text(uri), /^(# edit \d\n){8}apiVersion/);
  });

  it('the server keeps the incremental text in step with the client', async () => {
    const { uri } = await openDoc(DEPLOY);
    const mark = client.mark();
    // add a cpu request to the first container by an incremental edit
    await client.changeIncremental(uri, [
      {
        range: { start: { line: 9, character: 27 }, end: { line: 9, character: 27 } },
        newText: '\n          resources:\n            requests:\n              cpu: 50m',
      },
    ]);
    const ds = await client.diagnostics(uri, mark);
    assert.deepEqual(ds.map(where), ['16:11-18:24']);
  });

  it('kubewise.showDocumentation asks the client to open the rule page externally', async () => {
    await client.executeCommand('kubewise.showDocumentation', ['cpu-request-missing']);
    const shown = await client.waitFor('showDocument', () => client.showDocuments.at(-1));
    assert.deepEqual(shown, { uri: DOCS, external: true });
    // an unknown id is refused (no arbitrary URL is opened)
    const count = client.showDocuments.length;
    await client.executeCommand('kubewise.showDocumentation', ['../../evil']);
    assert.equal(client.showDocuments.length, count);
  });

  it('clears diagnostics when a document closes', async () => {
    const { uri, diagnostics } = await openDoc(DEPLOY);
    assert.equal(diagnostics.length, 2);
    const mark = client.mark();
    await client.close(uri);
    const cleared = await client.waitFor(
      'cleared diagnostics',
      () => client.published.find((p) => p.seq > mark && p.params.uri === uri)?.params,
    );
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('shuts down and exits with code 0', async () => {
    const other = await LspClient.start({ settings: () => SETTINGS });
    try {
      assert.equal(await other.shutdown(), 0);
      assert.equal(other.alive, false);
    } finally {
      await other.kill();
    }
  });
});

describe('language server over IPC (as the VS Code client starts it)', () => {
  it('initializes, lints and shuts down', async () => {
    const client = await LspClient.start({ transport: 'ipc', settings: () => SETTINGS });
    try {
      assert.equal(client.initializeResult.serverInfo?.name, 'kubewise');
      const uri = 'untitled:/ipc.yaml';
      const mark = client.mark();
      await client.open(uri, DEPLOY);
      assert.deepEqual((await client.diagnostics(uri, mark)).map(where), ['9:11-9:20', '13:11-15:24']);
      assert.equal(await client.shutdown(), 0);
    } finally {
      await client.kill();
    }
  });
});

describe('language server with a minimal client', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ capabilities: PLAIN_CAPABILITIES });
  });
  after(async () => {
    await client.kill();
  });

  it('returns every edit eagerly, as `changes`, and settings come from didChangeConfiguration', async () => {
    assert.deepEqual(client.initializeResult.capabilities.codeActionProvider, {
      codeActionKinds: [CodeActionKind.QuickFix, 'source.fixAll.kubewise'],
      resolveProvider: false,
    });
    assert.equal(client.configurationRequests.length, 0);
    const uri = 'file:///tmp/kubewise-plain/deploy.yml';
    let mark = client.mark();
    await client.configurationChanged({ kubewise: { rules: onlyRules(RULES) } });
    await client.open(uri, DEPLOY);
    const ds = await client.diagnostics(uri, mark);
    assert.deepEqual(ds.map(where), ['9:11-9:20', '13:11-15:24']);
    const actions = await client.codeActions(uri, ds[0].range, [ds[0]]);
    for (const a of actions.filter((x) => !x.command)) {
      assert.ok(a.edit?.changes?.[uri], `${a.title} has changes`);
      assert.equal(a.edit.documentChanges, undefined);
    }
    assert.ok(!actions.some((a) => a.title.startsWith('Fix all')), 'no bulk action for an unsafe fix');
    assert.deepEqual(await client.codeActions(uri, ds[0].range, [], ['source.fixAll.kubewise']), []);
    // a pushed profile change re-lints open documents
    mark = client.mark();
    await client.configurationChanged({ kubewise: { profile: 'minimal', rules: { 'schema-violation': 'off' } } });
    assert.deepEqual(await client.diagnostics(uri, mark), [], 'minimal keeps errors only (the missing selector aside)');
    // no showDocument support: the URL is shown as a message instead
    await client.executeCommand('kubewise.showDocumentation', ['cpu-request-missing']);
    const msg = await client.waitFor('message', () => client.messages.find((m) => m.message.includes(DOCS)));
    assert.match(msg.message, /cpu-request-missing/);
  });
});
