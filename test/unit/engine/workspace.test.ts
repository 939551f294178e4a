import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRuleSet } from '../../../server/src/composition';
import type { LintResult } from '../../../server/src/engine';
import { DocumentLinter, lintText, normalisePath, Workspace } from '../../../server/src/engine';
import { appTree, bigManifest } from '../../support/generate';
import { settings } from '../../support/lint';

const deploy = (name: string, ns?: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}  labels:\n    team: a\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name}\n`;

describe('Workspace index', () => {
  test('indexes objects of every file with identity, labels, template labels, lines and default namespace', () => {
    const ws = new Workspace();
    ws.setFile('file:///w/a.yaml', deploy('web', 'shop'));
    ws.setFile(
      'file:///w/b.yaml',
      '# lead\n---\n' + deploy('api') + '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
    );
    const idx = ws.index();
    assert.deepEqual(
      idx.objects().map((o) => [o.uri, o.line, o.kind, o.name, o.namespace]),
      [
        ['file:///w/a.yaml', 0, 'Deployment', 'web', 'shop'],
        ['file:///w/b.yaml', 2, 'Deployment', 'api', 'default'],
        ['file:///w/b.yaml', 14, 'Namespace', 'shop', undefined],
      ],
    );
    const web = idx.get('Deployment', 'shop', 'web')!;
    assert.equal(web.labels.get('team'), 'a');
    assert.equal(web.templateLabels?.get('app'), 'web');
    assert.deepEqual((web.value.metadata as Record<string, unknown>).name, 'web');
    assert.equal(idx.get('Deployment', 'other', 'web'), undefined);
    assert.deepEqual(idx.files(), ['file:///w/a.yaml', 'file:///w/b.yaml']);
  });

  test('edits and removals update the index; moved objects get new lines', () => {
    const ws = new Workspace();
    ws.setFile('a.yaml', deploy('one'));
    ws.setFile('a.yaml', '# new first line\n' + deploy('two'));
    assert.deepEqual(
      ws
        .index()
        .objects()
        .map((o) => [o.name, o.line]),
      [['two', 1]],
    );
    ws.setFile('a.yaml', '\n\n' + deploy('two'));
    assert.deepEqual(
      ws
        .index()
        .objects()
        .map((o) => [o.name, o.line]),
      [['two', 2]],
    );
    ws.removeFile('a.yaml');
    assert.deepEqual(ws.index().objects(), []);
  });

  test('a kustomization’s namespace applies to the files it lists, unless an object names its own', () => {
    const ws = new Workspace();
    ws.setFile('file:///w/app/kustomization.yaml', 'namespace: prod\nresources:\n  - deploy.yaml\n  - ./sub\n');
    ws.setFile('file:///w/app/deploy.yaml', deploy('web'));
    ws.setFile('file:///w/app/sub/x.yaml', deploy('x') + '---\n' + deploy('y', 'own'));
    ws.setFile('file:///w/other.yaml', deploy('z'));
    assert.deepEqual(
      ws
        .index()
        .objects()
        .map((o) => [o.name, o.namespace]),
      [
        ['web', 'prod'],
        ['x', 'prod'],
        ['y', 'own'],
        ['z', 'default'],
      ],
    );
  });

  test('normalisePath resolves dot segments in paths and URIs', () => {
    assert.equal(normalisePath('file:///w/app/./sub/../x.yaml'), 'file:///w/app/x.yaml');
    assert.equal(normalisePath('/a/b/../c/'), '/a/c');
    assert.equal(normalisePath('a/./b'), 'a/b');
  });
});

describe('Linting once', () => {
  test('a file linted once (the CLI) gets the findings, fixes and failures of the path that keeps results', () => {
    const strict = createRuleSet(settings({ profile: 'strict' }));
    const files = appTree(6);
    const lintAll = (once: boolean): Record<string, LintResult> => {
      const ws = new Workspace();
      for (const [uri, text] of Object.entries(files)) ws.setFile(uri, text);
      return Object.fromEntries(Object.keys(files).map((uri) => [uri, ws.lint(uri, strict, { once })]));
    };
    const kept = lintAll(false);
    const once = lintAll(true);
    const crossFile = Object.values(kept).flatMap((r) => r.diagnostics.filter((d) => d.message.includes(' in ')));
    assert.ok(crossFile.length > 0, 'findings that name objects of other files');
    assert.ok(
      Object.values(kept).some((r) => r.diagnostics.some((d) => d.fix)),
      'findings with fixes',
    );
    assert.deepEqual(once, kept);
    // and a text alone (lintText, always once) as a DocumentLinter that keeps its results lints it, with a syntax
    // finding and its fix (a document rule's) in a segment far below the first line
    const duplicate = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\ndata:\n  a: "1"\n  a: "1"\n';
    const text = `${bigManifest(600)}---\n${duplicate}`;
    const alone = lintText(text, strict);
    const syntax = alone.diagnostics.find((d) => d.ruleId === 'yaml-syntax');
    assert.ok(syntax?.fix && syntax.range.start.line > 500, 'a fixable syntax finding far down');
    assert.deepEqual(alone, new DocumentLinter().lintText(text, strict, {}));
  });
});
