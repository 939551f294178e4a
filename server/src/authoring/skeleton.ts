/**
 * The skeleton a new object starts from, as a snippet: `metadata.name`, then the required fields of its spec
 * down to the leaves (a Deployment's selector, template and container), with tab stops. The name is one tab stop
 * mirrored into the labels a selector and its pod template must share.
 */
import type { Field, Shape } from '../schema/shapes';

/** Fields worth writing although the schema does not require them: without them the object does nothing. */
const ALSO = new Set(['spec', 'template', 'image']);

/** The lines after `kind: X` (apiVersion and kind excluded), at column 0, ending with the final tab stop. */
export function skeleton(shape: Shape, eol: string): string {
  if (shape.is !== 'object') return '';
  const stops = { next: 2 };
  const lines: string[] = ['metadata:', '  name: ${1:name}'];
  const spec = shape.fields().find((f) => f.name === 'spec');
  if (spec?.shape?.is === 'object') {
    const body = objectLines(spec.shape, 1, stops, 0);
    lines.push(...(body.length ? ['spec:', ...body] : ['spec:', '  $0']));
  } else {
    for (const f of shape.fields()) {
      if (!f.required || ['apiVersion', 'kind', 'metadata'].includes(f.name)) continue;
      lines.push(...fieldLines(f, 0, stops, 0));
    }
  }
  return lines.join(eol);
}

function pad(level: number): string {
  return '  '.repeat(level);
}

function objectLines(shape: Shape, level: number, stops: { next: number }, depth: number): string[] {
  if (shape.is !== 'object' || depth > 6) return [];
  const out: string[] = [];
  // `name` first: a list item reads `- name: …`
  const fields = [...shape.fields()].sort((a, b) => (a.name === 'name' ? -1 : b.name === 'name' ? 1 : 0));
  for (const f of fields) {
    if (!f.required && !ALSO.has(f.name)) continue;
    out.push(...fieldLines(f, level, stops, depth + 1));
  }
  // a pod template needs labels its owner's selector can match
  if (shape.name === 'PodTemplateSpec')
    out.unshift(`${pad(level)}metadata:`, `${pad(level + 1)}labels:`, `${pad(level + 2)}app: \${1}`);
  return out;
}

function fieldLines(f: Field, level: number, stops: { next: number }, depth: number): string[] {
  const s = f.shape;
  if (f.type === 'LabelSelector' || (s?.is === 'object' && s.name === 'LabelSelector'))
    return [`${pad(level)}${f.name}:`, `${pad(level + 1)}matchLabels:`, `${pad(level + 2)}app: \${1}`];
  if (!s || s.is === 'scalar') return [`${pad(level)}${f.name}: ${placeholder(f, stops)}`];
  if (s.is === 'object') {
    const body = objectLines(s, level + 1, stops, depth);
    return body.length ? [`${pad(level)}${f.name}:`, ...body] : [];
  }
  if (s.is === 'array' && s.items?.is === 'object') {
    const body = objectLines(s.items, level + 2, stops, depth);
    if (!body.length) return [`${pad(level)}${f.name}: []`];
    // the first line of the item goes after `- `
    return [`${pad(level)}${f.name}:`, `${pad(level + 1)}- ${body[0].trimStart()}`, ...body.slice(1)];
  }
  if (s.is === 'array') return [`${pad(level)}${f.name}:`, `${pad(level + 1)}- ${placeholder(f, stops)}`];
  return [];
}

function placeholder(f: Field, stops: { next: number }): string {
  const n = stops.next++;
  if (f.values.length) return `\${${n}|${f.values.map(escapeChoice).join(',')}|}`;
  if (f.name === 'name') return `\${${n}:\${1}}`;
  return `\${${n}:${escapeSnippet(f.name)}}`;
}

const escapeSnippet = (s: string): string => s.replace(/[$}\\]/g, '\\$&');
const escapeChoice = (s: string): string => s.replace(/[$}\\,|]/g, '\\$&');
