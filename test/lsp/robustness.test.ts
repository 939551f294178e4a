/**
 * Files the server must answer without Kubernetes diagnostics (Helm templates, other YAML) and inputs it must
 * survive (binary junk, a 5,000-line manifest, deep nesting, alias bombs, odd encodings): every one gets its
 * diagnostics published and a code action request answered, and the server is still alive afterwards.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, onlyRules } from '../support/lsp-client';

const ALL_LINES = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const DEPLOY = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

/** Deterministic "random" bytes (a linear congruential generator), as a string of code units 0..255. */
function junk(length: number, seed = 42): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(x >> 23);
  }
  return out;
}

describe('language server on hard inputs', () => {
  let client: LspClient;
  let n = 0;
  before(async () => {
    client = await LspClient.start({ settings: () => ({}) });
  });
  after(async () => {
    await client.kill();
  });

  /** Opens a text and returns its diagnostics, after checking that the server answers a code action request too. */
  async function check(text: string, name = `doc-${++n}.yaml`): Promise<Diagnostic[]> {
    const uri = `untitled:/${name}`;
    const mark = client.mark();
    await client.open(uri, text);
    const ds = await client.diagnostics(uri, mark);
    const actions = await client.codeActions(uri, ALL_LINES, ds.slice(0, 5));
    assert.ok(Array.isArray(actions));
    await client.close(uri);
    return ds;
  }

  it('a Helm template gets no diagnostics', async () => {
    const helm = DEPLOY('{{ .Release.Name }}').replace(
      'image: nginx:1.27',
      'image: "{{ .Values.image }}"\n{{- if .Values.extra }}\n        - name: x\n{{- end }}',
    );
    assert.deepEqual(await check(helm, 'templates/deployment.yaml'), []);
  });

  it('YAML that is not Kubernetes gets no diagnostics, even when broken', async () => {
    const workflow =
      'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
    assert.deepEqual(await check(workflow, '.github/workflows/ci.yml'), []);
    const compose = 'services:\n  web:\n    image: nginx\n    image: httpd\n   ports: ["80:80"\n';
    assert.deepEqual(await check(compose, 'compose.yaml'), []);
  });

  it('answers for binary junk, with and without a Kubernetes header', async () => {
    assert.ok(Array.isArray(await check(junk(20_000))));
    const ds = await check('apiVersion: v1\nkind: Pod\n' + junk(20_000, 7));
    assert.ok(ds.length > 0, 'a Kubernetes-looking file with junk reports syntax errors');
    assert.ok(ds.every((d) => d.source === 'kubewise'));
    assert.ok(Array.isArray(await check('\0\0\0\ud800\udfff\ufeff\u2028' + DEPLOY('nul'))));
  });

  it('answers for empty, whitespace-only, BOM, CRLF and tab-indented files', async () => {
    assert.deepEqual(await check(''), []);
    assert.deepEqual(await check('\n\n   \n---\n---\n'), []);
    assert.ok(Array.isArray(await check('\ufeff' + DEPLOY('bom'))));
    const crlf = await check(DEPLOY('crlf').replace(/\n/g, '\r\n'));
    assert.ok(crlf.some((d) => d.code === 'cpu-request-missing'));
    const tabs = await check('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n');
    assert.ok(tabs.some((d) => d.code === 'yaml-syntax'));
  });

  it('lints a 5,000-line manifest and re-lints it after a one-character edit', async () => {
    const docs: string[] = [];
    for (let i = 0; i < 500; i++) docs.push(DEPLOY(`web-${i}`));
    const text = docs.join('---\n');
    assert.ok(text.split('\n').length >= 5000);
    const uri = 'untitled:/big.yaml';
    client.settings = () => ({ rules: onlyRules(['cpu-request-missing']) });
    let mark = client.mark();
    await client.configurationChanged();
    await client.open(uri, text);
    const first = await client.diagnostics(uri, mark);
    assert.equal(first.length, 500);
    mark = client.mark();
    // line 2750 is inside document 250: `name: web-250` gets one more character
    await client.changeIncremental(uri, [
      { range: { start: { line: 2753, character: 15 }, end: { line: 2753, character: 15 } }, newText: 'x' },
    ]);
    assert.match(client.text(uri).split('\n')[2753], /^ {2}name: web-250x$/);
    const second = await client.diagnostics(uri, mark);
    assert.equal(second.length, 500);
    assert.deepEqual(second[250].range, first[250].range);
    const actions = await client.codeActions(uri, second[499].range, [second[499]]);
    assert.ok(actions.some((a) => a.isPreferred));
    await client.close(uri);
    client.settings = () => ({});
  });

  it('survives deep nesting (block and flow) and alias bombs', async () => {
    let block = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n';
    for (let i = 1; i <= 1000; i++) block += ' '.repeat(2 * i) + `k${i}:\n`;
    assert.ok(Array.isArray(await check(block)));
    const flow =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flow}\ndata:\n  x: ' +
      '['.repeat(20_000) +
      ']'.repeat(20_000) +
      '\n';
    assert.ok(Array.isArray(await check(flow)));
    const unclosed = 'apiVersion: v1\nkind: Pod\nspec: ' + '{a: '.repeat(5_000) + '\n';
    assert.ok(Array.isArray(await check(unclosed)));
    let bomb =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bomb\n  labels:\n    a0: &a0 ["x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1; i < 9; i++)
      bomb += `    a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]\n`;
    bomb += 'spec:\n  template:\n    metadata:\n      labels: *a8\n    spec:\n      containers: *a8\n';
    assert.ok(Array.isArray(await check(bomb)));
  });

  it('is still alive and linting afterwards', async () => {
    const ds = await check(DEPLOY('after'));
    assert.ok(ds.some((d) => d.code === 'cpu-request-missing'));
    assert.equal(client.alive, true);
    // rules may fail on junk (logged once each, the others still run); the server's own handlers must not
    const broken = client.logs.filter((l) =>
      /^(Uncaught|Unhandled|Linting .* failed|codeAction|Scheduling)/.test(l.message),
    );
    assert.deepEqual(broken, []);
    assert.equal(await client.shutdown(), 0);
  });
});
