/**
 * Renders the small values that fixes insert. Only the inserted text is generated: the document around it is never
 * re-stringified, so comments, quoting and layout elsewhere stay exactly as the author wrote them.
 */
export type YamlValue = string | number | boolean | null | Raw | Commented | YamlValue[] | { [key: string]: YamlValue };

/** Text written verbatim as a scalar (a quantity such as `128Mi`, already valid YAML). */
export class Raw {
  constructor(readonly text: string) {}
}

/** A value followed by a `# comment` on its line in block style (dropped in flow style, where it cannot stand). */
export class Commented {
  constructor(
    readonly value: YamlValue,
    readonly comment: string,
  ) {}
}

const PLAIN_SAFE = /^[A-Za-z0-9_./@][A-Za-z0-9_./@-]*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.inf|\.nan))$/i;
const NUMERIC = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+)$/i;

// Fixes render the same few keys and values thousands of times in a big file (`securityContext`, `# TODO` …), in a
// process too short for V8 to optimize this code: strings are rendered once each (a bounded memo), indentation is
// cut once per width, and nothing below allocates more than the text it returns.
const RENDERED = new Map<string, string>();
const MAX_RENDERED = 4096;
const PADS: string[] = [];

function pad(n: number): string {
  return (PADS[n] ??= ' '.repeat(n));
}

function renderString(v: string): string {
  let out = RENDERED.get(v);
  if (out === undefined) {
    out = PLAIN_SAFE.test(v) && !RESERVED.test(v) && !NUMERIC.test(v) ? v : JSON.stringify(v);
    if (RENDERED.size >= MAX_RENDERED) RENDERED.clear();
    RENDERED.set(v, out);
  }
  return out;
}

export function renderScalar(v: string | number | boolean | null | Raw): string {
  if (v instanceof Raw) return v.text;
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return renderString(v);
}

function isScalarValue(v: YamlValue): v is string | number | boolean | null | Raw {
  return v === null || typeof v !== 'object' || v instanceof Raw;
}

export function renderFlow(v: YamlValue): string {
  if (v instanceof Commented) return renderFlow(v.value);
  if (isScalarValue(v)) return renderScalar(v);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ', ' : '') + renderFlow(v[i]);
    return out + ']';
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i ? ', ' : ''}${renderString(keys[i])}: ${renderFlow(v[keys[i]])}`;
  return out + '}';
}

/** Lines of a `key: value` pair in block style at `indent` spaces, each ending with `\n`. */
export function renderBlockPair(key: string, value: YamlValue, indent: number, unit: number, eol = '\n'): string {
  return renderBlockEntry(`${renderString(key)}:`, value, indent, unit, eol);
}

/** Lines of a `- value` sequence item in block style at `indent` spaces. */
export function renderBlockItem(value: YamlValue, indent: number, unit: number, eol = '\n'): string {
  // one `Commented` unwrapped: its comment ends the item's line
  const commented = value instanceof Commented;
  const inner = commented ? value.value : value;
  const comment = commented ? ` # ${value.comment}` : '';
  if (isScalarValue(inner) || isEmpty(inner)) return `${pad(indent)}- ${renderFlow(inner)}${comment}${eol}`;
  if (Array.isArray(inner)) {
    let out = `${pad(indent)}-${eol}`;
    for (const x of inner) out += renderBlockItem(x, indent + unit, unit, eol);
    return out;
  }
  // A map item: first key after the dash, the rest aligned under it.
  const body = renderBlockMap(inner as { [key: string]: YamlValue }, indent + 2, unit, eol);
  return pad(indent) + '- ' + body.slice(indent + 2);
}

export function renderBlockMap(map: { [key: string]: YamlValue }, indent: number, unit: number, eol = '\n'): string {
  let out = '';
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) out += renderBlockPair(keys[i], map[keys[i]], indent, unit, eol);
  return out;
}

function renderBlockEntry(head: string, value: YamlValue, indent: number, unit: number, eol: string): string {
  const commented = value instanceof Commented;
  const inner = commented ? value.value : value;
  const comment = commented ? ` # ${value.comment}` : '';
  if (isScalarValue(inner) || isEmpty(inner)) return `${pad(indent)}${head} ${renderFlow(inner)}${comment}${eol}`;
  if (Array.isArray(inner)) {
    let out = `${pad(indent)}${head}${comment}${eol}`;
    for (const x of inner) out += renderBlockItem(x, indent + unit, unit, eol);
    return out;
  }
  return `${pad(indent)}${head}${comment}${eol}${renderBlockMap(inner as { [key: string]: YamlValue }, indent + unit, unit, eol)}`;
}

function isEmpty(v: YamlValue): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v !== 'object' || v === null || v instanceof Raw || v instanceof Commented) return false;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) return false;
  return true;
}

/** Nests a value under a path of keys: (['a','b'], 1) → {a: {b: 1}}. */
export function nest(path: readonly string[], value: YamlValue): YamlValue {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [path[i]]: v };
  return v;
}
