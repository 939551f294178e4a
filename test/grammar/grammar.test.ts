/**
 * The injection grammar (syntaxes/kubernetes.injection.tmLanguage.json) on top of VS Code's own YAML grammar,
 * tokenized with vscode-textmate + vscode-oniguruma exactly as VS Code does it.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoRoot } from '../support/paths';

const INJECTION = 'kubewise.kubernetes.injection';
let grammar: textmate.IGrammar;

interface Token {
  text: string;
  scopes: string[];
}

before(async () => {
  const wasm = readFileSync(join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammars = new Map<string, textmate.IRawGrammar>();
  const dir = join(repoRoot, 'test', 'grammar', 'yaml');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const g = JSON.parse(readFileSync(join(dir, f), 'utf8')) as textmate.IRawGrammar;
    grammars.set(g.scopeName, g);
  }
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const contributed = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === INJECTION);
  assert.ok(contributed, 'package.json contributes the injection grammar');
  assert.deepEqual(contributed.injectTo, ['source.yaml']);
  grammars.set(INJECTION, JSON.parse(readFileSync(join(repoRoot, contributed.path), 'utf8')));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => grammars.get(scope) ?? null,
    getInjections: (scope) => (scope === 'source.yaml' ? [INJECTION] : undefined),
  });
  const g = await registry.loadGrammar('source.yaml');
  assert.ok(g, 'the YAML grammar loads');
  grammar = g;
});

function tokenize(text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token that is exactly `text` on a line (fails when there is none). */
function scopesOf(line: Token[], text: string): string[] {
  const t = line.find((x) => x.text === text);
  assert.ok(t, `no token "${text}" in [${line.map((x) => JSON.stringify(x.text)).join(', ')}]`);
  return t.scopes;
}

const has = (scopes: string[], scope: string) => scopes.some((s) => s === scope || s.startsWith(scope + '.'));

test('apiVersion and kind values are highlighted, keys keep their YAML scope', () => {
  const lines = tokenize(
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  scaleTargetRef: {apiVersion: autoscaling/v2, kind: StatefulSet}',
      '  ownerReferences:',
      '    - kind: ReplicaSet',
      '  "kind": "Job"',
    ].join('\n'),
  );
  assert.ok(has(scopesOf(lines[0], 'apps/v1'), 'support.type.api-version.kubernetes'));
  assert.ok(has(scopesOf(lines[0], 'apiVersion'), 'entity.name.tag.yaml'));
  assert.ok(has(scopesOf(lines[1], 'Deployment'), 'entity.name.type.kind.kubernetes'));
  assert.ok(has(scopesOf(lines[1], 'kind'), 'entity.name.tag.yaml'));
  assert.ok(has(scopesOf(lines[3], 'autoscaling/v2'), 'support.type.api-version.kubernetes'));
  assert.ok(has(scopesOf(lines[3], 'StatefulSet'), 'entity.name.type.kind.kubernetes'));
  assert.ok(has(scopesOf(lines[5], 'ReplicaSet'), 'entity.name.type.kind.kubernetes'));
  assert.ok(has(scopesOf(lines[6], 'Job'), 'entity.name.type.kind.kubernetes'));
});

test('quantities are highlighted with their unit; plain numbers only under resource keys', () => {
  const lines = tokenize(
    [
      'resources:',
      '  requests: {cpu: 500m, memory: "128Mi"}',
      '  limits:',
      '    memory: 1.5Gi',
      '    cpu: 2',
      "    ephemeral-storage: '10Gi'",
      '    nvidia.com/gpu: 1',
      'replicas: 3',
      'args: [--max=5M]',
      '- 250m',
    ].join('\n'),
  );
  assert.ok(has(scopesOf(lines[1], '500'), 'constant.numeric.quantity.kubernetes'));
  assert.ok(has(scopesOf(lines[1], 'm'), 'keyword.other.unit.kubernetes'));
  assert.ok(has(scopesOf(lines[1], '128'), 'constant.numeric.quantity.kubernetes'));
  assert.ok(has(scopesOf(lines[1], 'Mi'), 'keyword.other.unit.kubernetes'));
  assert.ok(has(scopesOf(lines[3], '1.5'), 'constant.numeric.quantity.kubernetes'));
  assert.ok(has(scopesOf(lines[4], '2'), 'constant.numeric.quantity.kubernetes'));
  assert.ok(has(scopesOf(lines[5], 'Gi'), 'keyword.other.unit.kubernetes'));
  assert.ok(
    !lines[6].some((t) => has(t.scopes, 'constant.numeric.quantity.kubernetes')),
    'a bare count under another key is no quantity',
  );
  assert.ok(
    !lines[7].some((t) => has(t.scopes, 'constant.numeric.quantity.kubernetes')),
    'replicas is a count, not a quantity',
  );
  assert.ok(
    !lines[8].some((t) => has(t.scopes, 'constant.numeric.quantity.kubernetes')),
    'text that merely contains a number and a unit',
  );
  assert.ok(has(scopesOf(lines[9], '250'), 'constant.numeric.quantity.kubernetes'));
});

test('kubewise-ignore comments are marked, other comments are untouched', () => {
  const lines = tokenize(
    [
      'metadata:',
      '  # kubewise-ignore cpu-request-missing, memory-limit-missing: sized by the VPA',
      '  name: web # kubewise-ignore label-values-invalid: legacy',
      '  # an ordinary comment about kubewise-ignore',
      '  kind: Pod # kind: Deployment',
    ].join('\n'),
  );
  assert.ok(has(scopesOf(lines[1], 'kubewise-ignore'), 'keyword.control.directive.kubewise-ignore'));
  assert.ok(has(scopesOf(lines[1], 'kubewise-ignore'), 'comment.line.number-sign.yaml'));
  assert.ok(has(scopesOf(lines[1], 'cpu-request-missing, memory-limit-missing'), 'entity.name.label.rule-id.kubewise'));
  assert.ok(has(scopesOf(lines[2], 'kubewise-ignore'), 'keyword.control.directive.kubewise-ignore'));
  assert.ok(has(scopesOf(lines[2], 'label-values-invalid'), 'entity.name.label.rule-id.kubewise'));
  assert.ok(
    !lines[3].some((t) => has(t.scopes, 'keyword.control.directive.kubewise-ignore')),
    'only a comment that starts with kubewise-ignore',
  );
  assert.ok(lines[3].every((t) => t.text.trim() === '' || has(t.scopes, 'comment.line.number-sign.yaml')));
  // Nothing is injected into comments.
  assert.ok(
    lines[4]
      .filter((t) => t.text.includes('Deployment'))
      .every((t) => !has(t.scopes, 'entity.name.type.kind.kubernetes')),
  );
});

test('the injection leaves the YAML structure as the base grammar sees it', () => {
  const manifest = readFileSync(join(repoRoot, 'test', 'extension', 'fixtures', 'workspace', 'web.yaml'), 'utf8');
  const tags = (ls: Token[][]) =>
    ls.flatMap((l) => l.filter((t) => has(t.scopes, 'entity.name.tag.yaml')).map((t) => t.text));
  const lines = tokenize(manifest);
  assert.deepEqual(tags(lines), [
    'apiVersion',
    'kind',
    'metadata',
    'name',
    'spec',
    'replicas',
    'selector',
    'matchLabels',
    'app',
    'template',
    'metadata',
    'labels',
    'app',
    'spec',
    'containers',
    'name',
    'image',
    'resources',
    'requests',
    'memory',
    'limits',
    'memory',
  ]);
});
