/**
 * Hover in a manifest: a field's description, type and API reference link; a quantity's plain value; and, on a
 * field that names another object (a claim, an HPA's target, a Service's selector), that object and its file.
 */
import type { Quantity } from '../protocol/quantity';
import { parseQuantity } from '../protocol/quantity';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import type { PathSegment } from '../yaml/cursor';
import { nodeAtCursor } from '../yaml/cursor';
import { apiReferenceUrl } from './api-reference';
import type { CrdCatalog } from '../schema/crds';
import { shapeOf } from '../schema/crds';
import { namespaceOf, rec, referenceKind, selectedBy, valueAt } from './references';
import { fieldAt } from '../schema/shapes';
import type { Hover, Positions } from './types';

export interface HoverInput {
  readonly text: string;
  readonly offset: number;
  readonly positions: Positions;
  readonly index: WorkspaceIndexView;
  readonly crds: CrdCatalog;
}

export function hover(input: HoverInput): Hover | undefined {
  const at = nodeAtCursor(input.text, input.offset);
  if (!at) return undefined;
  const root = rec(at.root);
  const apiVersion = typeof root?.apiVersion === 'string' ? root.apiVersion : undefined;
  const kind = typeof root?.kind === 'string' ? root.kind : undefined;
  const shape = shapeOf(apiVersion, kind, input.crds);
  const parts: string[] = [];
  if (at.on === 'value' && at.value !== undefined) {
    const q = quantityText(at.path, at.value, fieldAt(shape, at.path)?.type);
    if (q) parts.push(q);
  }
  parts.push(...referenceLines(at.root, at.path, at.on, input.index));
  if (at.on === 'key' || parts.length === 0) {
    const field = fieldAt(shape, at.path);
    if (field) {
      parts.push(`**${field.name}** \`${field.type}\`${field.required ? ' — required' : ''}`);
      if (field.description) parts.push(field.description);
      if (field.values.length && !field.description.includes('enum values'))
        parts.push(`Values: ${field.values.map((v) => `\`${v}\``).join(', ')}`);
    }
    if (at.path.length === 1 && at.path[0] === 'kind' && shape?.is === 'object' && shape.description)
      parts.push(shape.description);
    const link = apiVersion && kind ? apiReferenceUrl(apiVersion, kind) : undefined;
    if (link && (field || at.path[0] === 'kind'))
      parts.push(`[${kind} ${apiVersion} in the Kubernetes API reference](${link})`);
    const crd = kind && !link ? input.crds.find(apiVersion, kind) : undefined;
    if (crd && field && crd.uri)
      parts.push(`Defined by the CustomResourceDefinition in ${fileLink(crd.uri, crd.line ?? 0)}`);
  }
  if (parts.length === 0) return undefined;
  return {
    contents: { kind: 'markdown', value: parts.join('\n\n') },
    range: { start: input.positions.positionAt(at.start), end: input.positions.positionAt(at.end) },
  };
}

const RESOURCE_PARENTS = new Set([
  'requests',
  'limits',
  'capacity',
  'allocatable',
  'hard',
  'default',
  'defaultRequest',
  'max',
  'min',
  'maxLimitRequestRatio',
]);

/** `1.5Gi` = 1,610,612,736 bytes; `250m` = 0.25 CPU. Only for fields that hold quantities. */
function quantityText(path: readonly PathSegment[], value: string, type: string | undefined): string | undefined {
  const key = path[path.length - 1];
  const parent = path[path.length - 2];
  const isQuantity =
    type === 'Quantity' ||
    (typeof parent === 'string' && RESOURCE_PARENTS.has(parent)) ||
    key === 'sizeLimit' ||
    key === 'storage';
  if (!isQuantity) return undefined;
  const q = parseQuantity(value);
  if (!q) return undefined;
  const resource = typeof key === 'string' ? key : '';
  if (resource === 'cpu' || resource.endsWith('.cpu')) return `\`${value}\` = ${plain(q)} CPU`;
  if (/memory|storage|hugepages/.test(resource) || resource === 'sizeLimit' || /i$/.test(q.suffix))
    return `\`${value}\` = ${plain(q)} bytes`;
  return `\`${value}\` = ${plain(q)}`;
}

/** Exact decimal with thousands separators (`1,610,612,736`, `0.25`, `1.5`). */
function plain(q: Quantity): string {
  const neg = q.num < 0n;
  const abs = neg ? -q.num : q.num;
  const whole = abs / q.den;
  let rest = abs % q.den;
  let frac = '';
  for (let i = 0; rest !== 0n && i < 9; i++) {
    rest *= 10n;
    frac += String(rest / q.den);
    rest %= q.den;
  }
  const grouped = groupThousands(whole.toString());
  return `${neg ? '-' : ''}${grouped}${frac ? '.' + frac : ''}`;
}

function fileLink(uri: string, line: number): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return `[${name}:${line + 1}](${uri}#L${line + 1})`;
}

const describe = (o: IndexedObject): string =>
  `${o.kind} **${o.name ?? '(no name)'}**${o.namespace ? ` in namespace ${o.namespace}` : ''} — ${fileLink(o.uri, o.line)}`;

/** The objects a reference under the cursor points to. */
function referenceLines(
  root: unknown,
  path: readonly PathSegment[],
  on: 'key' | 'value',
  index: WorkspaceIndexView,
): string[] {
  const last = path[path.length - 1];
  // `scaleTargetRef:` itself, and a Service's `selector:`
  if (on === 'key' && (last === 'scaleTargetRef' || last === 'targetRef')) {
    const ref = rec(valueAt(root, path));
    return ref && typeof ref.name === 'string' ? referenceLines(root, [...path, 'name'], 'value', index) : [];
  }
  const r = rec(root);
  const ns = namespaceOf(root, index);
  if (r?.kind === 'Service' && path[0] === 'spec' && path[1] === 'selector' && (path.length === 2 || on === 'value')) {
    const sel = rec(valueAt(root, ['spec', 'selector']));
    if (!sel) return [];
    const hits = selectedBy(sel, ns, index);
    return hits.length
      ? [`Selects the pods of ${hits.length === 1 ? '' : `${hits.length} objects: `}` + hits.map(describe).join('; ')]
      : ['Selects the pods of no workload in the workspace.'];
  }
  if (on !== 'value') return [];
  const keyRef = keyReference(root, path, ns, index);
  if (keyRef) return [keyRef];
  const ref = referenceKind(root, path, index);
  if (!ref) return [];
  const name = valueAt(root, path);
  if (typeof name !== 'string') return [];
  const target = index.get(ref.kind, ref.namespace, name);
  return [target ? `→ ${describe(target)}` : `→ no ${ref.kind} named **${name}** in the workspace`];
}

/**
 * A `configMapKeyRef.key` or `secretKeyRef.key`: the key in the object named beside it. A ConfigMap's value is
 * shown; a Secret's never is (hover text ends up in screenshots and screen shares).
 */
function keyReference(
  root: unknown,
  path: readonly PathSegment[],
  ns: string,
  index: WorkspaceIndexView,
): string | undefined {
  const ref = path[path.length - 2];
  if (path[path.length - 1] !== 'key' || (ref !== 'configMapKeyRef' && ref !== 'secretKeyRef')) return undefined;
  const kind = ref === 'configMapKeyRef' ? 'ConfigMap' : 'Secret';
  const sel = rec(valueAt(root, path.slice(0, -1)));
  const name = typeof sel?.name === 'string' ? sel.name : undefined;
  const key = typeof sel?.key === 'string' ? sel.key : undefined;
  if (!name || !key) return undefined;
  const o = index.get(kind, ns, name);
  if (!o) return `→ no ${kind} named **${name}** in the workspace`;
  const sections = kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  const section = sections.find((s) => rec(o.value[s]) && Object.prototype.hasOwnProperty.call(rec(o.value[s]), key));
  if (!section) return `→ ${describe(o)} has no key **${key}**`;
  const value = rec(o.value[section])![key];
  const shown =
    kind === 'ConfigMap' && section === 'data' && typeof value === 'string'
      ? ` = \`${value.length > 80 ? value.slice(0, 80) + '…' : value.replace(/`/g, "'")}\``
      : '';
  return `→ ${describe(o)}, key **${key}**${shown}`;
}

/** `1234567` → `1,234,567` (a loop: the usual `/\B(?=(\d{3})+(?!\d))/g` is quadratic in the number of digits). */
function groupThousands(digits: string): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    out = digits.slice(start, end) + (out ? ',' + out : '');
  }
  return out;
}
