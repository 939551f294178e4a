/** yaml/cursor.ts: where a cursor is (path, key or value, the word), and the outline with its per-segment cache. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { cursorContext, nodeAtCursor } from '../../server/src/yaml/cursor';
import { outline } from '../../server/src/yaml/outline';
import type { OutlineObject } from '../../server/src/yaml/outline';

/** The context at `|` in the text. */
const at = (marked: string) => cursorContext(marked.replace('|', ''), marked.indexOf('|'));

describe('cursorContext', () => {
  it('a half-typed key in a list item: the item path, the word and what is there already', () => {
    const c = at('kind: Pod\nspec:\n  containers:\n    - name: a\n      ima|\n      ports: []\n');
    assert.ok(c);
    assert.deepEqual(
      [c.at, c.path, c.prefix, c.siblings, c.column, c.flow, c.colonFollows],
      ['key', ['spec', 'containers', 0], 'ima', ['name', 'ports'], 6, false, false],
    );
  });

  it('a key typed over an existing one keeps its colon', () => {
    const c = at('kind: Pod\nspec:\n  host|Network: true\n');
    assert.deepEqual([c?.at, c?.path, c?.prefix, c?.colonFollows], ['key', ['spec'], 'host', true]);
  });

  it('a value right after the colon, with no space yet', () => {
    const c = at('kind: Pod\nspec:\n  restartPolicy:|');
    assert.deepEqual([c?.at, c?.path, c?.prefix], ['value', ['spec', 'restartPolicy'], '']);
  });

  it('only the --- document under the cursor, with its offset in the file', () => {
    const text = 'kind: A\nx: 1\n---\nkind: B\nspec:\n  |\n';
    const c = at(text);
    assert.deepEqual([c?.path, c?.segmentStart, (c?.root as { kind: string }).kind], [['spec'], 13, 'B']);
  });

  it('keys of a flow mapping, items of a flow sequence', () => {
    assert.deepEqual(at('spec: {a: 1, |}')?.flow, true);
    const item = at('spec:\n  modes: [x, |]\n');
    assert.deepEqual([item?.at, item?.path], ['value', ['spec', 'modes', 1]]);
  });

  it('nothing in a comment', () => {
    assert.equal(at('kind: Pod # a comm|ent\n'), undefined);
  });
});

describe('nodeAtCursor', () => {
  it('a key and a value, with their offsets', () => {
    const text = 'kind: Pod\nspec:\n  restartPolicy: Never\n';
    const key = nodeAtCursor(text, text.indexOf('restart') + 2);
    assert.deepEqual([key?.on, key?.path, key?.start, key?.end], ['key', ['spec', 'restartPolicy'], 18, 31]);
    const value = nodeAtCursor(text, text.indexOf('Never') + 1);
    assert.deepEqual([value?.on, value?.path, value?.value], ['value', ['spec', 'restartPolicy'], 'Never']);
  });
});

describe('outline', () => {
  it('parses again only the documents whose text changed', () => {
    const cache = new Map<string, OutlineObject[]>();
    const a = 'kind: ConfigMap\nmetadata: {name: a}\n';
    const b = '---\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n';
    const first = outline(a + b, cache);
    assert.deepEqual(
      first.map((o) => [o.kind, o.name, o.start, o.containers.map((c) => [c.name, c.image, c.start])]),
      [
        ['ConfigMap', 'a', 0, []],
        ['Pod', 'p', 40, [['c', 'i', 91]]],
      ],
    );
    const cachedB = cache.get(b);
    const second = outline('kind: Secret\nmetadata: {name: s}\n' + b, cache);
    assert.equal(cache.get(b), cachedB, 'the unchanged document came from the cache');
    assert.equal(cache.size, 2, 'the replaced document left the cache');
    assert.deepEqual(
      second.map((o) => [o.kind, o.start]),
      [
        ['Secret', 0],
        ['Pod', 37],
      ],
    );
  });
});
