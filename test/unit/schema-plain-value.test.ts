/**
 * The schema rules' conversion of YAML to what the API server decodes (schema/plain-value.ts) reads the plain subset
 * of YAML directly (`plainValueDirect`) and leaves the rest to the general conversion: where the direct one answers,
 * it must equal the general one, on hand-picked edge cases (each of which must also take the path it is meant to
 * take) and on every node of every file of the public corpus.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { plainValue, plainValueDirect, plainValueGeneral } from '../../server/src/schema/plain-value';
import { DocNav } from '../../server/src/yaml/nodes';
import { parseYamlSegment } from '../../server/src/yaml/parse';
import { yamlFilesUnder } from '../support/yaml-files';
import { at, EDGE_CASES, forEveryNode } from '../support/yaml-nodes';

const ROOT = join(__dirname, '../../../..');

/** Every node of every document of `text`, both ways. Returns how many nodes the direct conversion answered. */
function compareAll(text: string, where: string): number {
  let direct = 0;
  forEveryNode(text, (doc, node) => {
    const nav = new DocNav(doc);
    const general = plainValueGeneral(nav, node);
    const fast = plainValueDirect(node);
    if (fast) {
      direct++;
      // deepStrictEqual: also the objects' prototypes; then the key order, which it leaves aside
      assert.deepStrictEqual(fast.value, general, at(where, node));
      assert.equal(JSON.stringify(fast.value), JSON.stringify(general), `${at(where, node)}: key order`);
    }
    assert.deepStrictEqual(plainValue(nav, node), general, at(where, node));
  });
  return direct;
}

const CASES: Record<string, string> = {
  ...EDGE_CASES,
  'null values left out, empty ones kept': 'a:\nb: {}\nc: []\nd: ""\ne: null\nf: ~\ng: [~, null]\n',
  'YAML 1.1 booleans': 'a: yes\nb: "yes"\nc: Off\nd: n\ne: on\nf: [y, NO, "no", yesterday, only]\n',
  'duplicate keys, a later null one ignored': 'a: 1\nb: 2\na: 3\nb:\n',
  'nesting past the general limit': `v: ${'['.repeat(120)}1${']'.repeat(120)}\n`,
};

test('the direct schema conversion equals the general one on edge cases', () => {
  for (const [name, text] of Object.entries(CASES)) compareAll(text, name);
});

test('the edge cases take both paths: the plain subset converted directly, the rest by the general conversion', () => {
  const direct = (text: string): boolean => plainValueDirect(parseYamlSegment(text).docs[0].contents) !== undefined;
  for (const name of [
    'plain',
    'null values left out, empty ones kept',
    'YAML 1.1 booleans',
    'duplicate keys, a later null one ignored',
    'object-prototype names as keys',
    'a __proto__ key',
    'integer-like keys after others',
    'special numbers',
    'deep nesting',
    'block scalars and comments',
    'a kubernetes object',
  ])
    assert.equal(direct(CASES[name]), true, name);
  for (const name of [
    'numeric and boolean keys',
    'a collection as a key',
    'anchors and aliases',
    'merge keys',
    'a quoted merge-key spelling',
    'tags',
    'nesting past the general limit',
  ])
    assert.equal(direct(CASES[name]), false, name);
});

test('a tree of more nodes than the budget is not converted, either way', () => {
  const text = `items: [${Array.from({ length: 100_001 }, (_, i) => String(i)).join(', ')}]\n`;
  const doc = parseYamlSegment(text).docs[0];
  assert.equal(plainValueDirect(doc.contents), undefined);
  assert.equal(plainValue(new DocNav(doc), doc.contents), undefined);
  const small = parseYamlSegment('items: [1, 2]\n').docs[0];
  assert.deepEqual(plainValue(new DocNav(small), small.contents), { items: [1, 2] });
});

test('the direct schema conversion equals the general one on every node of the public corpus', () => {
  const files = yamlFilesUnder(join(ROOT, 'test/corpus'));
  assert.ok(files.length > 300);
  let direct = 0;
  for (const f of files) direct += compareAll(readFileSync(f, 'utf8'), f);
  assert.ok(direct > 50_000, `${direct} nodes converted directly`);
});
