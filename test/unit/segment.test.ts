import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseSegment } from '../../server/src/model/segment';
import { toGlobalRange } from '../../server/src/yaml/lines';
import { PARSE_OPTIONS, parseYamlSegment } from '../../server/src/yaml/parse';

test('a segment parses once into its documents, line table, editors and objects (with their local lines)', () => {
  const text = '# a comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
  const s = parseSegment(text);
  assert.equal(s.docs.length, 1);
  assert.equal(s.lines.lineCount, 6);
  assert.deepEqual(
    s.objects.map((o) => [o.object.kind, o.object.name, o.localLine]),
    [['ConfigMap', 'a', 1]],
  );
  assert.equal(s.objects[0].editor, s.docs[0].editor);
  assert.equal(s.failure, undefined);
});

test('a List holds several objects; YAML that is not a manifest holds none', () => {
  const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: s}\n';
  assert.deepEqual(
    parseSegment(list).objects.map((o) => o.object.kind),
    ['Secret'],
  );
  assert.deepEqual(parseSegment('steps:\n  - run: make\n').objects, []);
});

test('a document with errors keeps its document (for syntax rules) but yields no objects', () => {
  const s = parseSegment('apiVersion: v1\nkind: ConfigMap\ndata: {a: [1\n');
  assert.equal(s.docs.length, 1);
  assert.ok(s.docs[0].doc.errors.length > 0);
  assert.deepEqual(s.objects, []);
});

test('a duplicate key is an error but breaks no structure: the object is kept, with the last value', () => {
  const s = parseSegment('apiVersion: v1\nkind: ConfigMap\nkind: Secret\n');
  assert.equal(s.docs.length, 1);
  assert.ok(s.docs[0].doc.errors.length > 0, 'duplicate keys are errors (PARSE_OPTIONS.uniqueKeys)');
  assert.deepEqual(
    s.objects.map((o) => o.object.kind),
    ['Secret'],
  );
  assert.equal(PARSE_OPTIONS.uniqueKeys, true);
});

test('parseYamlSegment parses with the manifest options and keeps the text it parsed', () => {
  const y = parseYamlSegment('a: 1\n---\nb: 2\n');
  assert.equal(y.docs.length, 2);
  assert.equal(y.thrown, undefined);
  assert.equal(y.lines.text, 'a: 1\n---\nb: 2\n');
});

test('toGlobalRange moves segment-local offsets to the lines of the whole text', () => {
  const s = parseSegment('---\nkind: A\n');
  const at = s.lines.text.indexOf('A');
  assert.deepEqual(toGlobalRange(s.lines, at, at + 1, 10), {
    start: { line: 11, character: 6 },
    end: { line: 11, character: 7 },
  });
});
