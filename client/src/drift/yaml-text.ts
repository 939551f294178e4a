/**
 * Plain JSON data written as block YAML, for the read-only "live" side of Compare with live. Keys follow the order
 * of a reference object (the manifest), so both sides of the diff read like the file the user wrote; keys the
 * manifest does not have follow in the server's order. Strings that YAML would read as something else are quoted.
 */

type Plain = Record<string, unknown>;
const isMap = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  const plain =
    /^[A-Za-z0-9_./@][\w./@:-]*$/.test(s) &&
    !/:$/.test(s) &&
    !/^(true|false|yes|no|on|off|null|~|y|n)$/i.test(s) &&
    !/^[-+.\d]/.test(s);
  return plain ? s : JSON.stringify(s);
}

function key(k: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(k) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(k) ? k : JSON.stringify(k);
}

function ordered(v: Plain, ref: unknown): string[] {
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (!isMap(ref)) return keys;
  const first = Object.keys(ref).filter((k) => keys.includes(k));
  return [...first, ...keys.filter((k) => !first.includes(k))];
}

function refItem(ref: unknown, item: unknown, i: number): unknown {
  if (!Array.isArray(ref)) return undefined;
  if (isMap(item) && typeof item.name === 'string') return ref.find((r) => isMap(r) && r.name === item.name);
  return ref[i];
}

function lines(v: unknown, ref: unknown, indent: string, out: string[]): void {
  if (isMap(v)) {
    for (const k of ordered(v, ref)) {
      const x = v[k];
      const r = isMap(ref) ? ref[k] : undefined;
      if (isMap(x) && Object.keys(x).length) {
        out.push(`${indent}${key(k)}:`);
        lines(x, r, indent + '  ', out);
      } else if (Array.isArray(x) && x.length) {
        out.push(`${indent}${key(k)}:`);
        lines(x, r, indent, out);
      } else out.push(`${indent}${key(k)}: ${isMap(x) ? '{}' : Array.isArray(x) ? '[]' : scalar(x)}`);
    }
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      const r = refItem(ref, item, i);
      if ((isMap(item) && Object.keys(item).length) || (Array.isArray(item) && item.length)) {
        const sub: string[] = [];
        lines(item, r, indent + '  ', sub);
        out.push(`${indent}- ${sub[0]!.slice(indent.length + 2)}`, ...sub.slice(1));
      } else out.push(`${indent}- ${isMap(item) ? '{}' : Array.isArray(item) ? '[]' : scalar(item)}`);
    });
  }
}

export function toYaml(v: unknown, reference?: unknown): string {
  const out: string[] = [];
  lines(v, reference, '', out);
  return out.join('\n') + '\n';
}
