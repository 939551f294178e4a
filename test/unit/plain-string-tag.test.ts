/**
 * The parser's shortcut for plain strings (yaml/parse.ts `PLAIN_STRING`) changes nothing but speed: every scalar
 * resolves to the value, type, tag and format the core schema gives it, with the same errors and warnings, on
 * hand-picked edge cases and on every file of the public corpus.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Document } from 'yaml';
import { parseAllDocuments, visit } from 'yaml';
import { PARSE_OPTIONS, PLAIN_STRING, parseOptionsFor, parseYamlSegment } from '../../server/src/yaml/parse';
import { yamlFilesUnder } from '../support/yaml-files';

const ROOT = join(__dirname, '../../../..');
const WITHOUT = { ...PARSE_OPTIONS, customTags: undefined };

function plainOf(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

/** What a parse gives, scalar by scalar, as comparable data. */
function shape(text: string, options: object): unknown {
  return shapeOf(parseAllDocuments(text, options) as Document.Parsed[]);
}

function shapeOf(docs: readonly Document.Parsed[]): unknown {
  return docs.map((doc) => {
    const scalars: unknown[] = [];
    visit(doc, {
      Scalar(_key, node) {
        // the merge key resolves to a new Symbol each time: compared by its description
        const value = typeof node.value === 'symbol' ? `symbol ${node.value.description}` : node.value;
        scalars.push([value, node.type, node.tag, node.format, node.source, node.range]);
      },
    });
    return {
      scalars,
      value: plainOf(doc),
      errors: doc.errors.map((e) => `${e.code} ${e.message}`),
      warnings: doc.warnings.map((e) => `${e.code} ${e.message}`),
      schema: doc.schema.name,
    };
  });
}

const WORDS = ['null', 'Null', 'NULL', 'nULL', 'nul', 'nulls', '~', 'true', 'True', 'TRUE', 'tRUE', 'truex', 'false'];
const MORE = ['False', 'FALSE', 'fALSE', 'falsey', 'yes', 'no', 'on', 'off', 'y', 'n', 't', 'f', 'N', 'T', 'F'];
const NUMBERS = ['0', '10', '-5', '+5', '1.5', '.5', '5.', '1e3', '-1E-3', '0x1F', '0o17', '0b1', '.inf', '-.Inf'];
const MORE_NUMBERS = ['+.INF', '.nan', '.NaN', '.NAN', '1_000', '08', '1:30', '2024-01-01', '12:30:00', '5Gi', '100m'];
const STRINGS = ['<<', '<x', 'a', 'Z', '_x', '/path', '$VAR', '@scope', 'n0', 'tx', 'f1', 'nginx:1.27', 'apps/v1'];
const ODD = ['=', '%x', '`x', '^x', 'x y', 'ünï', 'a # not a comment', 'a#b', 'key: ', '?x', ':x', '!x', '&x', '*x'];

test('every edge case resolves as the core schema resolves it, as a value and as a key', () => {
  const plain = [...WORDS, ...MORE, ...NUMBERS, ...MORE_NUMBERS, ...STRINGS, ...ODD];
  let fast = 0;
  for (const s of plain) {
    if (PLAIN_STRING.test(s)) fast++;
    for (const text of [`k: ${s}\n`, `${s}: v\n`, `- ${s}\n`, `{a: ${s}}\n`, `[${s}]\n`, `k: [${s}, ${s}]\n`]) {
      assert.deepEqual(shape(text, PARSE_OPTIONS), shape(text, WITHOUT), JSON.stringify(text));
    }
  }
  // both paths are taken: the shortcut and the schema's own tags
  assert.ok(fast > 10 && fast < plain.length - 20, `${fast} of ${plain.length}`);
  // and the shortcut stays off every value the core schema types
  for (const s of [
    ...WORDS.slice(0, 3),
    '~',
    'true',
    'True',
    'TRUE',
    'false',
    'False',
    'FALSE',
    ...NUMBERS,
    '<<',
    '',
  ]) {
    if (['0b1', '1:30'].includes(s)) continue;
    assert.equal(PLAIN_STRING.test(s), false, s);
  }
});

test('the public corpus parses the same with the shortcut as without', () => {
  const files = yamlFilesUnder(join(ROOT, 'test/corpus'));
  assert.ok(files.length > 300);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assert.deepEqual(shape(text, PARSE_OPTIONS), shape(text, WITHOUT), f);
    // and a segment's parse, with the schema made once for all documents, as with PARSE_OPTIONS
    assert.deepEqual(shapeOf(parseYamlSegment(text).docs), shape(text, PARSE_OPTIONS), f);
  }
});

test('the documents of a segment share one schema, except where a %YAML directive may ask for another', () => {
  const text = 'a: 1\n---\nb: [yes, 0777, 1_000, <<]\n---\n<<: {c: d}\n';
  const docs = parseYamlSegment(text).docs;
  assert.equal(docs.length, 3);
  assert.ok(docs[0].schema === docs[1].schema && docs[1].schema === docs[2].schema);
  assert.deepEqual(shapeOf(docs), shape(text, PARSE_OPTIONS));
  // another segment: the same schema still
  assert.equal(parseYamlSegment('x: y\n').docs[0].schema, docs[0].schema);
  for (const directive of ['%YAML 1.1', '%YAML 1.2']) {
    const withDirective = `${directive}\n---\nb: [yes, 0777, 1_000, 0b101, 1:30]\n---\nc: 0o17\n`;
    assert.equal(parseOptionsFor(withDirective), PARSE_OPTIONS);
    const own = parseYamlSegment(withDirective).docs;
    assert.notEqual(own[0].schema, docs[0].schema);
    assert.deepEqual(shapeOf(own), shape(withDirective, PARSE_OPTIONS), directive);
  }
  assert.equal(parseYamlSegment('%YAML 1.1\n---\nb: 0777\n').docs[0].schema.name, 'yaml-1.1');
});
