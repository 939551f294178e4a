/**
 * Checks a custom resource against the `openAPIV3Schema` of its CustomResourceDefinition in the workspace: types,
 * required fields and enum values (reported by schema-violation) and fields the schema does not list (reported by
 * unknown-field). An object whose CRD the workspace does not hold is never checked: no false errors on unknown
 * kinds.
 */
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { crdCatalog } from './crds';
import type { Shape } from './shapes';
import type { Segment } from './locate';
import type { Expected, Problem } from './validators';

export interface UnknownField {
  /** Path of the unknown key (its name last). */
  readonly path: readonly Segment[];
  /** The fields the map may have, for "did you mean". */
  readonly known: readonly string[];
  /** What the map is called in messages: `spec of Widget`. */
  readonly where: string;
}

export interface CustomResourceCheck {
  readonly problems: Problem[];
  readonly unknown: UnknownField[];
  /** The CRD that gave the schema. */
  readonly crd: IndexedObject | undefined;
}

/** The check of an object of a CRD kind, or undefined when no CRD of the workspace defines its apiVersion and kind. */
export function checkCustomResource(
  apiVersion: string,
  kind: string,
  value: unknown,
  index: WorkspaceIndexView,
): CustomResourceCheck | undefined {
  const catalog = crdCatalog(index);
  const shape = catalog.shape(apiVersion, kind);
  if (!shape) return undefined;
  const found = catalog.find(apiVersion, kind);
  const crd = index.objects('CustomResourceDefinition').find((o) => o.uri === found?.uri && o.line === found?.line);
  const out: CustomResourceCheck = { problems: [], unknown: [], crd };
  walk(shape, value, [], kind, out, 0);
  return out;
}

const SCALAR_TYPES: Readonly<Record<string, Expected>> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  'int-or-string': 'int-or-string',
};

function walk(
  shape: Shape,
  value: unknown,
  path: Segment[],
  where: string,
  out: CustomResourceCheck,
  depth: number,
): void {
  if (depth > 64 || value === null || value === undefined) return;
  if (shape.is === 'array') {
    if (!Array.isArray(value)) return void out.problems.push({ kind: 'type', path, expected: ['array'] });
    if (shape.items) value.forEach((v, i) => walk(shape.items!, v, [...path, i], where, out, depth + 1));
    return;
  }
  if (shape.is === 'map') {
    if (!isRecord(value)) return void out.problems.push({ kind: 'type', path, expected: ['object'] });
    if (shape.values)
      for (const [k, v] of Object.entries(value)) walk(shape.values, v, [...path, k], where, out, depth + 1);
    return;
  }
  if (shape.is !== 'object') return;
  if (!isRecord(value)) return void out.problems.push({ kind: 'type', path, expected: ['object'] });
  const fields = new Map(shape.fields().map((f) => [f.name, f]));
  for (const f of fields.values()) {
    if (f.required && value[f.name] === undefined) out.problems.push({ kind: 'required', path, field: f.name });
  }
  for (const [key, v] of Object.entries(value)) {
    const f = fields.get(key);
    const at = [...path, key];
    if (!f) {
      // apiVersion, kind and metadata are every object's, whatever the schema lists
      if (!shape.open && !(path.length === 0 && (key === 'apiVersion' || key === 'kind' || key === 'metadata')))
        out.unknown.push({ path: at, known: [...fields.keys()], where });
      continue;
    }
    if (v === null || v === undefined) continue;
    const scalar = SCALAR_TYPES[f.type];
    if (scalar && !scalarMatches(scalar, v)) {
      out.problems.push({ kind: 'type', path: at, expected: [scalar] });
      continue;
    }
    if (f.values.length && !f.values.includes(String(v))) {
      out.problems.push({ kind: 'enum', path: at, allowed: f.values });
      continue;
    }
    if (f.shape) walk(f.shape, v, at, path.length === 0 ? `${key} of ${where}` : where, out, depth + 1);
  }
}

function scalarMatches(t: Expected, v: unknown): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'int-or-string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    default:
      return true;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
