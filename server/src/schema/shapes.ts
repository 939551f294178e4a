/**
 * One view over the two schemas authoring knows: the built-in kinds' field table (schema/) and the
 * `openAPIV3Schema` of a CustomResourceDefinition. Completion and hover walk a path through a shape and never ask
 * which of the two it came from.
 */
import { fieldDoc, typeDescription } from './field-docs';
import type { FieldType } from './fields';
import { kindType, objectType } from './fields';
import type { PathSegment } from '../yaml/cursor';

export interface Field {
  readonly name: string;
  /** As the API reference writes it: `string`, `[]Container`, `map[string]Quantity` … */
  readonly type: string;
  readonly required: boolean;
  readonly values: readonly string[];
  readonly description: string;
  readonly shape: Shape | undefined;
}

export type Shape =
  | {
      readonly is: 'object';
      readonly name: string;
      readonly description: string;
      /** Fields beyond those listed are allowed (`x-kubernetes-preserve-unknown-fields`). */
      readonly open?: boolean;
      fields(): readonly Field[];
    }
  | { readonly is: 'array'; readonly items: Shape | undefined }
  | { readonly is: 'map'; readonly values: Shape | undefined }
  | { readonly is: 'scalar' };

const SCALAR: Shape = { is: 'scalar' };

// ---- built-in kinds ------------------------------------------------------------------------------------------------

const builtinCache = new Map<string, Shape | undefined>();

function fromCode(code: string): Shape | undefined {
  if (builtinCache.has(code)) return builtinCache.get(code);
  let shape: Shape | undefined;
  if (code === '') shape = SCALAR;
  else if (code === '*') shape = undefined;
  else if (code[0] === '[') shape = { is: 'array', items: fromCode(code.slice(1)) };
  else if (code[0] === '{') shape = { is: 'map', values: fromCode(code.slice(1)) };
  else {
    const t = objectType(code);
    shape = t ? objectShape(t) : undefined;
  }
  builtinCache.set(code, shape);
  return shape;
}

function objectShape(t: FieldType): Shape {
  let fields: Field[] | undefined;
  return {
    is: 'object',
    name: t.name,
    get description() {
      return typeDescription(t);
    },
    fields: () =>
      (fields ??= [...t.fields].map(([name, code]) => {
        const doc = fieldDoc(t, name);
        return {
          name,
          type: doc?.type ?? 'object',
          required: doc?.required ?? false,
          values: doc?.values ?? [],
          description: doc?.description ?? '',
          get shape() {
            return fromCode(code);
          },
        };
      })),
  };
}

const kindCache = new Map<string, Shape | undefined>();

/** The shape of a built-in kind's objects, or undefined (CRDs, unknown apiVersions). */
export function builtinShape(apiVersion: string, kind: string): Shape | undefined {
  const key = `${apiVersion}|${kind}`;
  if (!kindCache.has(key)) {
    const t = kindType(apiVersion, kind);
    kindCache.set(key, t ? objectShape(t) : undefined);
  }
  return kindCache.get(key);
}

// ---- JSON schema (a CRD's openAPIV3Schema) -------------------------------------------------------------------------

type JsonSchema = Record<string, unknown>;

const asSchema = (v: unknown): JsonSchema | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonSchema) : undefined;

/** A JSON schema's type as the API reference would write it. */
function schemaLabel(s: JsonSchema | undefined, depth = 0): string {
  if (!s || depth > 8) return 'object';
  if (s['x-kubernetes-int-or-string'] === true) return 'int-or-string';
  switch (s.type) {
    case 'array':
      return '[]' + schemaLabel(asSchema(s.items), depth + 1);
    case 'object': {
      const add = asSchema(s.additionalProperties);
      if (add && !asSchema(s.properties)) return 'map[string]' + schemaLabel(add, depth + 1);
      return 'object';
    }
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return s.type;
    default:
      return 'object';
  }
}

export function schemaShape(s: JsonSchema | undefined, name = 'object', depth = 0): Shape | undefined {
  if (!s || depth > 32 || s['x-kubernetes-preserve-unknown-fields'] === true) {
    return s && asSchema(s.properties) ? objectFromSchema(s, name, depth) : undefined;
  }
  if (s['x-kubernetes-int-or-string'] === true) return SCALAR;
  switch (s.type) {
    case 'array':
      return { is: 'array', items: schemaShape(asSchema(s.items), name, depth + 1) };
    case 'object':
      if (asSchema(s.properties)) return objectFromSchema(s, name, depth);
      if (asSchema(s.additionalProperties))
        return { is: 'map', values: schemaShape(asSchema(s.additionalProperties), name, depth + 1) };
      return undefined;
    case undefined:
      return asSchema(s.properties) ? objectFromSchema(s, name, depth) : undefined;
    default:
      return SCALAR;
  }
}

function objectFromSchema(s: JsonSchema, name: string, depth: number): Shape {
  const props = asSchema(s.properties) ?? {};
  const required = new Set(Array.isArray(s.required) ? s.required.filter((r) => typeof r === 'string') : []);
  let fields: Field[] | undefined;
  return {
    is: 'object',
    name,
    description: typeof s.description === 'string' ? s.description : '',
    open: s['x-kubernetes-preserve-unknown-fields'] === true,
    fields: () =>
      (fields ??= Object.keys(props)
        .sort()
        .map((key) => {
          const p = asSchema(props[key]);
          const values = Array.isArray(p?.enum) ? p.enum.map((v) => String(v)) : [];
          return {
            name: key,
            type: schemaLabel(p),
            required: required.has(key),
            values,
            description: typeof p?.description === 'string' ? p.description : '',
            shape: schemaShape(p, key, depth + 1),
          };
        })),
  };
}

// ---- walking -------------------------------------------------------------------------------------------------------

/** The shape at `path` below `root`: object fields by key, array items by index, map values by any key. */
export function shapeAt(root: Shape | undefined, path: readonly PathSegment[]): Shape | undefined {
  let cur = root;
  for (const seg of path) {
    if (!cur) return undefined;
    if (cur.is === 'object' && typeof seg === 'string') cur = cur.fields().find((f) => f.name === seg)?.shape;
    else if (cur.is === 'array' && typeof seg === 'number') cur = cur.items;
    else if (cur.is === 'map' && typeof seg === 'string') cur = cur.values;
    else return undefined;
  }
  return cur;
}

/** The field whose key is the last segment of `path` (undefined for list items and map entries). */
export function fieldAt(root: Shape | undefined, path: readonly PathSegment[]): Field | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const parent = shapeAt(root, path.slice(0, -1));
  return parent?.is === 'object' ? parent.fields().find((f) => f.name === key) : undefined;
}
