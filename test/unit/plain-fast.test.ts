/**
 * `DocNav.plain` converts the plain subset of YAML itself (yaml/nodes.ts `plainFast`) and leaves everything else to
 * the parser's `toJS`: its answers must equal `toJS` on every node, on hand-picked edge cases (each of which must
 * also take the path it is meant to take) and on every node of every file of the public corpus.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Document } from 'yaml';
import { DocNav } from '../../server/src/yaml/nodes';
import { parseYamlSegment } from '../../server/src/yaml/parse';
import { yamlFilesUnder } from '../support/yaml-files';
import { at, EDGE_CASES, forEveryNode } from '../support/yaml-nodes';

const ROOT = join(__dirname, '../../../..');

function toJsOf(doc: Document.Parsed, node: unknown): unknown {
  const nav = new DocNav(doc);
  const n = nav.deref(node);
  if (!n) return undefined;
  try {
    return n.toJS(doc, { maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}

/** Every node of every document of `text`: `plain` against `toJS`. Returns how many nodes were compared. */
function compareAll(text: string, where: string): number {
  let compared = 0;
  forEveryNode(text, (doc, node) => {
    compared++;
    const nav = new DocNav(doc);
    // deepStrictEqual: also the objects' prototypes, own property order aside
    assert.deepStrictEqual(nav.plain(node), toJsOf(doc, node), at(where, node));
    const value = nav.plain(node);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const expected = toJsOf(doc, node) as Record<string, unknown>;
      assert.deepEqual(Object.keys(value), Object.keys(expected), `${where}: key order`);
    }
  });
  return compared;
}

const CASES = EDGE_CASES;

test('plain equals the parser conversion on edge cases', () => {
  for (const [name, text] of Object.entries(CASES)) assert.ok(compareAll(text, name) > 0, name);
});

test('the edge cases take both paths: the subset converted directly, the rest by toJS', () => {
  // A plain subset value is a new object each call either way; told apart by the parser's conversion being asked.
  const direct = (text: string): boolean => {
    const doc = parseYamlSegment(text).docs[0];
    const nav = new DocNav(doc);
    const contents = doc.contents!;
    const original = contents.toJS.bind(contents);
    let asked = false;
    contents.toJS = ((...args: Parameters<typeof original>) => {
      asked = true;
      return original(...args);
    }) as typeof contents.toJS;
    nav.plain(contents);
    return !asked;
  };
  for (const name of ['plain', 'duplicate keys, the last wins in the first place', 'a kubernetes object'])
    assert.equal(direct(CASES[name]), true, name);
  for (const name of ['a __proto__ key', 'numeric and boolean keys', 'anchors and aliases', 'merge keys', 'tags'])
    assert.equal(direct(CASES[name]), false, name);
});

test('plain equals the parser conversion on every node of the public corpus', () => {
  const files = yamlFilesUnder(join(ROOT, 'test/corpus'));
  assert.ok(files.length > 300);
  let nodes = 0;
  for (const f of files) nodes += compareAll(readFileSync(f, 'utf8'), f);
  assert.ok(nodes > 50_000, `${nodes} nodes`);
});
