/**
 * yaml/render.ts renders as its first, plain version did (kept below as the reference): the allocation-light version
 * must give the same text for every value, key, indentation and line ending.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { YamlValue } from '../../../server/src/yaml/render';
import {
  Commented,
  Raw,
  renderBlockItem,
  renderBlockMap,
  renderBlockPair,
  renderFlow,
  renderScalar,
} from '../../../server/src/yaml/render';

// ---- the reference: yaml/render.ts as first written ----
const REF_PLAIN_SAFE = /^[A-Za-z0-9_./@][A-Za-z0-9_./@-]*$/;
const REF_RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.inf|\.nan))$/i;
const REF_NUMERIC = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+)$/i;

function refRenderScalar(v: string | number | boolean | null | Raw): string {
  if (v instanceof Raw) return v.text;
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (REF_PLAIN_SAFE.test(v) && !REF_RESERVED.test(v) && !REF_NUMERIC.test(v)) return v;
  return JSON.stringify(v);
}

function refIsScalarValue(v: YamlValue): v is string | number | boolean | null | Raw {
  return v === null || typeof v !== 'object' || v instanceof Raw;
}

function refRenderFlow(v: YamlValue): string {
  if (v instanceof Commented) return refRenderFlow(v.value);
  if (refIsScalarValue(v)) return refRenderScalar(v);
  if (Array.isArray(v)) return `[${v.map(refRenderFlow).join(', ')}]`;
  const entries = Object.entries(v);
  return entries.length === 0
    ? '{}'
    : `{${entries.map(([k, x]) => `${refRenderScalar(k)}: ${refRenderFlow(x)}`).join(', ')}}`;
}

/** Lines of a `key: value` pair in block style at `indent` spaces, each ending with `\n`. */
function refRenderBlockPair(key: string, value: YamlValue, indent: number, unit: number, eol = '\n'): string {
  return refRenderBlockEntry(`${refRenderScalar(key)}:`, value, indent, unit, eol);
}

/** Lines of a `- value` sequence item in block style at `indent` spaces. */
function refRenderBlockItem(value: YamlValue, indent: number, unit: number, eol = '\n'): string {
  const pad = ' '.repeat(indent);
  const { value: inner, comment } = refSplitComment(value);
  if (refIsScalarValue(inner) || refIsEmpty(inner)) return `${pad}- ${refRenderFlow(inner)}${comment}${eol}`;
  if (Array.isArray(inner))
    return `${pad}-${eol}${inner.map((x) => refRenderBlockItem(x, indent + unit, unit, eol)).join('')}`;
  // A map item: first key after the dash, the rest aligned under it.
  const body = refRenderBlockMap(inner as { [key: string]: YamlValue }, indent + 2, unit, eol);
  return pad + '- ' + body.slice(indent + 2);
}

function refRenderBlockMap(map: { [key: string]: YamlValue }, indent: number, unit: number, eol = '\n'): string {
  return Object.entries(map)
    .map(([k, x]) => refRenderBlockPair(k, x, indent, unit, eol))
    .join('');
}

function refRenderBlockEntry(head: string, value: YamlValue, indent: number, unit: number, eol: string): string {
  const pad = ' '.repeat(indent);
  const { value: inner, comment } = refSplitComment(value);
  if (refIsScalarValue(inner) || refIsEmpty(inner)) return `${pad}${head} ${refRenderFlow(inner)}${comment}${eol}`;
  if (Array.isArray(inner)) {
    return `${pad}${head}${comment}${eol}${inner.map((x) => refRenderBlockItem(x, indent + unit, unit, eol)).join('')}`;
  }
  return `${pad}${head}${comment}${eol}${refRenderBlockMap(inner as { [key: string]: YamlValue }, indent + unit, unit, eol)}`;
}

function refSplitComment(v: YamlValue): { value: YamlValue; comment: string } {
  if (v instanceof Commented) return { value: v.value, comment: ` # ${v.comment}` };
  return { value: v, comment: '' };
}

function refIsEmpty(v: YamlValue): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return (
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof Raw) &&
    !(v instanceof Commented) &&
    Object.keys(v).length === 0
  );
}

/** A deterministic generator (a linear congruential one). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const STRINGS = [
  'web',
  'securityContext',
  'true',
  'False',
  'yes',
  'null',
  '~',
  '.inf',
  '-.NaN',
  '0x1F',
  '0o17',
  '1e3',
  '10',
  '0.5',
  '',
  ' padded',
  'a b',
  'with: colon',
  '# hash',
  'quote"d',
  "it's",
  'line\nbreak',
  'ünïcode',
  '128Mi',
  '@scope/x',
  '-dash',
  'a-b',
  '__proto__',
  'TODO: set a limit',
];

function value(pick: () => number, depth: number): YamlValue {
  const r = pick();
  const str = (): string => STRINGS[Math.floor(pick() * STRINGS.length)];
  if (depth > 3 || r < 0.35) {
    const s = pick();
    if (s < 0.5) return str();
    if (s < 0.6) return Math.floor(pick() * 2000) - 1000;
    if (s < 0.7) return pick() < 0.5;
    if (s < 0.8) return null;
    return new Raw(str());
  }
  if (r < 0.5) return new Commented(value(pick, depth + 1), str());
  if (r < 0.7) return Array.from({ length: Math.floor(pick() * 4) }, () => value(pick, depth + 1));
  const out: { [key: string]: YamlValue } = {};
  for (let i = Math.floor(pick() * 4); i > 0; i--) out[str()] = value(pick, depth + 1);
  return out;
}

test('the renderers give the reference text for 2,000 generated values', () => {
  const pick = random(2024);
  let lines = 0;
  for (let i = 0; i < 2000; i++) {
    const v = value(pick, 0);
    const key = STRINGS[i % STRINGS.length];
    const indent = i % 7;
    const unit = 2 + (i % 3);
    const eol = i % 5 === 0 ? '\r\n' : '\n';
    assert.equal(renderFlow(v), refRenderFlow(v));
    assert.equal(renderBlockPair(key, v, indent, unit, eol), refRenderBlockPair(key, v, indent, unit, eol));
    assert.equal(renderBlockItem(v, indent, unit, eol), refRenderBlockItem(v, indent, unit, eol));
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Raw) && !(v instanceof Commented)) {
      assert.equal(renderBlockMap(v, indent, unit, eol), refRenderBlockMap(v, indent, unit, eol));
    }
    lines += renderBlockPair(key, v, indent, unit, eol).split(eol).length;
  }
  // the values are not all trivial
  assert.ok(lines > 6000);
});

test('scalars render as the reference renders them, the second time too (the memo)', () => {
  for (let round = 0; round < 2; round++) {
    for (const s of STRINGS) assert.equal(renderScalar(s), refRenderScalar(s), s);
  }
  for (const v of [0, -1, 1.5, true, false, null, new Raw('100m')]) assert.equal(renderScalar(v), refRenderScalar(v));
});
