import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import { parseAllDocuments } from 'yaml';
import { applyOffsetEdits } from '../../../server/src/engine/apply';
import type { Edit } from '../../../server/src/yaml/edit';
import { YamlEditor } from '../../../server/src/yaml/edit';
import { LineIndex } from '../../../server/src/yaml/lines';
import { DocNav } from '../../../server/src/yaml/nodes';
import { Commented, Raw } from '../../../server/src/yaml/render';
import { splitSegments } from '../../../server/src/yaml/segments';

function editor(text: string): { e: YamlEditor; nav: DocNav; root: YAMLMap; doc: Document.Parsed } {
  const doc = parseAllDocuments(text, { merge: true })[0] as Document.Parsed;
  const nav = new DocNav(doc);
  return { e: new YamlEditor(text, new LineIndex(text), nav), nav, root: nav.map(doc.contents)!, doc };
}

function apply(text: string, edit: Edit | undefined): string {
  assert.ok(edit, 'expected an edit');
  const out = applyOffsetEdits(text, [edit]);
  const reparsed = parseAllDocuments(out);
  for (const d of reparsed) assert.deepEqual(d.errors, [], `result does not parse:\n${out}`);
  return out;
}

describe('YamlEditor', () => {
  test('insertPair appends to a block map at the siblings’ indentation, after trailing comments on the last line', () => {
    const text = 'a:\n  b: 1 # keep\nc: 2\n';
    const { e, nav, root } = editor(text);
    assert.equal(apply(text, e.insertPair(nav.getMap(root, 'a')!, 'x', 'z')), 'a:\n  b: 1 # keep\n  x: z\nc: 2\n');
    // `y` is a boolean to Kubernetes' YAML 1.1 decoder, so it is quoted
    assert.equal(apply(text, e.insertPair(nav.getMap(root, 'a')!, 'y', 'n')), 'a:\n  b: 1 # keep\n  "y": "n"\nc: 2\n');
  });

  test('insertPair into a flow map, an empty flow map, and at the end of a file without newline', () => {
    const text = 'a: {b: 1}\nc: {}\nd:\n  e: 1';
    const { e, nav, root } = editor(text);
    assert.equal(
      apply(text, e.insertPair(nav.getMap(root, 'a')!, 'x', { z: 1 })),
      'a: {b: 1, x: {z: 1}}\nc: {}\nd:\n  e: 1',
    );
    assert.equal(apply(text, e.insertPair(nav.getMap(root, 'c')!, 'x', 'z')), 'a: {b: 1}\nc: {x: z}\nd:\n  e: 1');
    assert.equal(apply(text, e.insertPair(nav.getMap(root, 'd')!, 'x', 'z')), 'a: {b: 1}\nc: {}\nd:\n  e: 1\n  x: z\n');
  });

  test('ensurePath creates nested blocks, fills null values and keeps comments', () => {
    const text = 'spec:\n  containers:\n    - name: web # main\n      image: nginx\n      resources:\n';
    const { e, nav, root } = editor(text);
    const c = nav.map(nav.getSeq(nav.getMap(root, 'spec'), 'containers')!.items[0])!;
    const out = apply(text, e.ensurePath(c, ['resources', 'requests', 'cpu'], new Commented(new Raw('100m'), 'TODO')));
    assert.equal(
      out,
      'spec:\n  containers:\n    - name: web # main\n      image: nginx\n      resources:\n        requests:\n          cpu: 100m # TODO\n',
    );
  });

  test('ensurePath sets an existing leaf and refuses to write through a scalar', () => {
    const text = 'a:\n  b: 1\nc: text\n';
    const { e, root } = editor(text);
    assert.equal(apply(text, e.ensurePath(root, ['a', 'b'], 2)), 'a:\n  b: 2\nc: text\n');
    assert.equal(e.ensurePath(root, ['c', 'd'], 1), undefined);
  });

  test('ensurePath does not write into a map brought in by a merge key', () => {
    const text = 'base: &b\n  x: 1\nuse:\n  <<: *b\n';
    const { e, nav, root } = editor(text);
    const use = nav.getMap(root, 'use')!;
    assert.equal(nav.getStr(use, 'x'), '1', 'merged key visible');
    assert.equal(apply(text, e.ensurePath(use, ['z'], 2)), 'base: &b\n  x: 1\nuse:\n  <<: *b\n  z: 2\n');
  });

  test('inserted lines follow CRLF and a four-space indentation unit', () => {
    const text = 'a:\r\n    b: 1\r\n';
    const { e, root } = editor(text);
    assert.equal(e.indentUnit, 4);
    assert.equal(apply(text, e.ensurePath(root, ['a', 'c', 'd'], 1)), 'a:\r\n    b: 1\r\n    c:\r\n        d: 1\r\n');
  });

  test('removePair removes block lines, flow entries, and the first key of a sequence item', () => {
    const text = 'a: 1\nb:\n  c: 2 # gone\nf: {x: 1, y: 2}\ns:\n  - k: 1\n    l: 2\n';
    const { e, nav, root } = editor(text);
    // the comment of a removed line stays, as a full-line comment
    assert.equal(
      apply(text, e.removePair(root, nav.pair(root, 'b')!)),
      'a: 1\n# gone\nf: {x: 1, y: 2}\ns:\n  - k: 1\n    l: 2\n',
    );
    const f = nav.getMap(root, 'f')!;
    assert.equal(
      apply(text, e.removePair(f, nav.pair(f, 'x')!)),
      'a: 1\nb:\n  c: 2 # gone\nf: {y: 2}\ns:\n  - k: 1\n    l: 2\n',
    );
    assert.equal(
      apply(text, e.removePair(f, nav.pair(f, 'y')!)),
      'a: 1\nb:\n  c: 2 # gone\nf: {x: 1}\ns:\n  - k: 1\n    l: 2\n',
    );
    const item = nav.map(nav.getSeq(root, 's')!.items[0])!;
    assert.equal(
      apply(text, e.removePair(item, nav.pair(item, 'k')!)),
      'a: 1\nb:\n  c: 2 # gone\nf: {x: 1, y: 2}\ns:\n  - l: 2\n',
    );
  });

  test('removeItem and appendItem on block and flow sequences', () => {
    const text = 'a:\n  - x\n  - y\nb: [1, 2]\n';
    const { e, nav, root } = editor(text);
    const a = nav.getSeq(root, 'a') as YAMLSeq;
    const b = nav.getSeq(root, 'b') as YAMLSeq;
    assert.equal(apply(text, e.removeItem(a, 0)), 'a:\n  - y\nb: [1, 2]\n');
    assert.equal(apply(text, e.removeItem(b, 1)), 'a:\n  - x\n  - y\nb: [1]\n');
    assert.equal(
      apply(text, e.appendItem(a, { name: 'z', v: 1 })),
      'a:\n  - x\n  - y\n  - name: z\n    v: 1\nb: [1, 2]\n',
    );
    assert.equal(apply(text, e.appendItem(b, 3)), 'a:\n  - x\n  - y\nb: [1, 2, 3]\n');
  });

  test('appendDocument adds a document after a separator', () => {
    const text = 'a: 1';
    const { e } = editor(text);
    assert.equal(apply(text, e.appendDocument('kind: X\n')), 'a: 1\n---\nkind: X\n');
  });

  test('strings that YAML would read as something else are quoted', () => {
    const text = 'a: {}\n';
    const { e, nav, root } = editor(text);
    const out = apply(text, e.insertPair(nav.getMap(root, 'a')!, 'v', ['true', '1', 'ok', 'a: b', '']));
    assert.equal(out, 'a: {v: ["true", "1", ok, "a: b", ""]}\n');
  });
});

describe('splitSegments', () => {
  test('splits at document markers and keeps line numbers', () => {
    const text = '# head\na: 1\n---\nb: 2\n--- # c\nc: 3\n';
    const segs = splitSegments(text);
    assert.deepEqual(
      segs.map((s) => [s.startLine, s.text]),
      [
        [0, '# head\na: 1\n'],
        [2, '---\nb: 2\n'],
        [4, '--- # c\nc: 3\n'],
      ],
    );
    assert.equal(segs.map((s) => s.text).join(''), text);
  });

  test('a text with directives stays whole; `----` and indented `---` are not markers', () => {
    assert.equal(splitSegments('%YAML 1.2\n---\na: 1\n---\nb: 2\n').length, 1);
    assert.equal(splitSegments('a: |\n  ---\nb: ----\n').length, 1);
  });
});
