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

export function renderScalar(v: string | number | boolean | null | Raw): string {
  if (v instanceof Raw) return v.text;
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (PLAIN_SAFE.test(v) && !RESERVED.test(v) && !NUMERIC.test(v)) return v;
  return JSON.stringify(v);
}

function isScalarValue(v: YamlValue): v is string | number | boolean | null | Raw {
  return v === null || typeof v !== 'object' || v instanceof Raw;
}

export function renderFlow(v: YamlValue): string {
  if (v instanceof Commented) return renderFlow(v.value);
  if (isScalarValue(v)) return renderScalar(v);
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  const entries = Object.entries(v);
  return entries.length === 0
    ? '{}'
    : `{${entries.map(([k, x]) => `${renderScalar(k)}: ${renderFlow(x)}`).join(', ')}}`;
}

/** Lines of a `key: value` pair in block style at `indent` spaces, each ending with `\n`. */
export function renderBlockPair(key: string, value: YamlValue, indent: number, unit: number, eol = '\n'): string {
  return renderBlockEntry(`${renderScalar(key)}:`, value, indent, unit, eol);
}

/** Lines of a `- value` sequence item in block style at `indent` spaces. */
export function renderBlockItem(value: YamlValue, indent: number, unit: number, eol = '\n'): string {
  const pad = ' '.repeat(indent);
  const { value: inner, comment } = splitComment(value);
  if (isScalarValue(inner) || isEmpty(inner)) return `${pad}- ${renderFlow(inner)}${comment}${eol}`;
  if (Array.isArray(inner))
    return `${pad}-${eol}${inner.map((x) => renderBlockItem(x, indent + unit, unit, eol)).join('')}`;
  // A map item: first key after the dash, the rest aligned under it.
  const body = renderBlockMap(inner as { [key: string]: YamlValue }, indent + 2, unit, eol);
  return pad + '- ' + body.slice(indent + 2);
}

export function renderBlockMap(map: { [key: string]: YamlValue }, indent: number, unit: number, eol = '\n'): string {
  return Object.entries(map)
    .map(([k, x]) => renderBlockPair(k, x, indent, unit, eol))
    .join('');
}

function renderBlockEntry(head: string, value: YamlValue, indent: number, unit: number, eol: string): string {
  const pad = ' '.repeat(indent);
  const { value: inner, comment } = splitComment(value);
  if (isScalarValue(inner) || isEmpty(inner)) return `${pad}${head} ${renderFlow(inner)}${comment}${eol}`;
  if (Array.isArray(inner)) {
    return `${pad}${head}${comment}${eol}${inner.map((x) => renderBlockItem(x, indent + unit, unit, eol)).join('')}`;
  }
  return `${pad}${head}${comment}${eol}${renderBlockMap(inner as { [key: string]: YamlValue }, indent + unit, unit, eol)}`;
}

function splitComment(v: YamlValue): { value: YamlValue; comment: string } {
  if (v instanceof Commented) return { value: v.value, comment: ` # ${v.comment}` };
  return { value: v, comment: '' };
}

function isEmpty(v: YamlValue): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return (
    typeof v === 'object' &&
    v !== null &&
    !(v instanceof Raw) &&
    !(v instanceof Commented) &&
    Object.keys(v).length === 0
  );
}

/** Nests a value under a path of keys: (['a','b'], 1) → {a: {b: 1}}. */
export function nest(path: readonly string[], value: YamlValue): YamlValue {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [path[i]]: v };
  return v;
}
