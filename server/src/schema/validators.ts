/**
 * Offline validation of built-in Kubernetes objects against the official OpenAPI schema, through the ajv-compiled
 * validators of `kubernetes-models` (one per definition). A validator is loaded the first time its kind is seen, so
 * the server starts without paying for 60-odd schema modules.
 *
 * The validators take the object as Kubernetes decodes it (plain JSON, ./plain-value.ts), so the YAML is converted
 * first (aliases and merge keys resolved, as the API server sees them); their errors are JSON pointers, turned here
 * into key paths (./locate.ts finds the YAML node that wrote each). ajv's raw errors are noisy (an int-or-string value that is neither gives four errors on
 * one path): they are grouped per path into one problem a person can read.
 */
import type { K8sObject } from '../model/object';
import { servesKind } from '../model/kinds';
import { SCHEMA_KUBERNETES_MINOR, VALIDATOR_LOADERS } from './generated/validator-loaders';
import type { Segment } from './locate';
import { plainValue } from './plain-value';

export { SCHEMA_KUBERNETES_MINOR };

/** One ajv error, as the kubernetes-models validators produce them. */
export interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

export type Validator = (value: unknown) => readonly AjvError[];

const validators = new Map<string, Validator | null>();

/** The validator of a built-in kind under this apiVersion, or undefined (CRDs, unknown or removed apiVersions). */
export function validatorFor(apiVersion: string, kind: string): Validator | undefined {
  const key = `${apiVersion}|${kind}`;
  let v = validators.get(key);
  if (v === undefined) {
    v = null;
    const load = Object.prototype.hasOwnProperty.call(VALIDATOR_LOADERS, key) ? VALIDATOR_LOADERS[key] : undefined;
    if (load) {
      try {
        const model = load();
        // The class's prototype `validate` runs the compiled schema on `this` without copying the object (building a
        // model instance deep-copies it, ten times slower), and throws ajv's errors.
        v = (value: unknown): readonly AjvError[] => {
          try {
            model.prototype.validate.call(value);
            return [];
          } catch (e) {
            const errors = (e as { errors?: unknown }).errors;
            if (Array.isArray(errors)) return errors as AjvError[];
            throw e;
          }
        };
      } catch {
        v = null; // a broken install: no schema validation rather than a rule failure on every object
      }
    }
    validators.set(key, v);
  }
  return v ?? undefined;
}

/** Whether the schema rules check this object: a built-in kind under an apiVersion that serves it. */
export function hasSchema(object: K8sObject): boolean {
  // A kind under the wrong apiVersion is deprecated-api-version's finding; checking it too would report one
  // mistake twice (and against the wrong schema).
  if (!servesKind(object.apiVersion, object.kind)) return false;
  return Object.prototype.hasOwnProperty.call(VALIDATOR_LOADERS, `${object.apiVersion}|${object.kind}`);
}

// ---- ajv errors → problems ----------------------------------------------------------------------------------------

/** What the schema expects where a value has the wrong type. */
export type Expected =
  | 'integer'
  | 'number'
  | 'string'
  | 'boolean'
  | 'object'
  | 'array'
  | 'int-or-string'
  | 'quantity'
  | 'null';

export type Problem =
  | { readonly kind: 'type'; readonly path: readonly Segment[]; readonly expected: readonly Expected[] }
  | { readonly kind: 'required'; readonly path: readonly Segment[]; readonly field: string }
  | { readonly kind: 'enum'; readonly path: readonly Segment[]; readonly allowed: readonly unknown[] }
  | { readonly kind: 'format'; readonly path: readonly Segment[]; readonly format: string }
  | { readonly kind: 'other'; readonly path: readonly Segment[]; readonly message: string };

/** `/spec/containers/0/name` → ['spec', 'containers', 0, 'name'] (indexes only where the value is a list). */
export function parsePointer(pointer: string, root: unknown): Segment[] {
  if (pointer === '') return [];
  const out: Segment[] = [];
  let cur = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      out.push(Number(key));
      cur = cur[Number(key)];
    } else {
      out.push(key);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

/**
 * ajv's errors grouped per path into one problem each, in the order ajv found them: a `oneOf` with its companions
 * (int-or-string, quantity) becomes one "must be an integer or a string"; a type error hides the enum and format
 * errors on the same value; missing required fields stay one problem per field.
 */
export function problemsOf(errors: readonly AjvError[], root: unknown): Problem[] {
  const groups = new Map<string, AjvError[]>();
  const required: Problem[] = [];
  const order: Array<string | Problem> = [];
  const seenRequired = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'required') {
      const field = String(e.params.missingProperty ?? '');
      const id = `${e.instancePath}\0${field}`;
      if (seenRequired.has(id)) continue;
      seenRequired.add(id);
      const p: Problem = { kind: 'required', path: parsePointer(e.instancePath, root), field };
      required.push(p);
      order.push(p);
      continue;
    }
    let g = groups.get(e.instancePath);
    if (!g) {
      groups.set(e.instancePath, (g = []));
      order.push(e.instancePath);
    }
    g.push(e);
  }
  const out: Problem[] = [];
  for (const o of order) {
    if (typeof o !== 'string') {
      out.push(o);
      continue;
    }
    const p = groupProblem(groups.get(o)!, parsePointer(o, root));
    if (p) out.push(p);
  }
  return out;
}

function groupProblem(g: readonly AjvError[], path: Segment[]): Problem | undefined {
  const types = g.filter((e) => e.keyword === 'type').map((e) => String(e.params.type));
  const formats = g.filter((e) => e.keyword === 'format').map((e) => String(e.params.format));
  if (g.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    if (formats.includes('quantity')) return { kind: 'type', path, expected: ['quantity'] };
    if (types.includes('integer') && types.includes('string'))
      return { kind: 'type', path, expected: ['int-or-string'] };
    // Quantity is the only number-or-string of the Kubernetes schema (the format check never ran on a non-string).
    if (types.includes('number') && types.includes('string')) return { kind: 'type', path, expected: ['quantity'] };
    if (types.length) return { kind: 'type', path, expected: [...new Set(types)] as Expected[] };
  }
  if (types.length)
    return { kind: 'type', path, expected: [...new Set(types.flatMap((t) => t.split(',')))] as Expected[] };
  const en = g.find((e) => e.keyword === 'enum');
  if (en) return { kind: 'enum', path, allowed: (en.params.allowedValues as unknown[] | undefined) ?? [] };
  if (formats.length) return { kind: 'format', path, format: formats[0] };
  const other = g.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf') ?? g[0];
  return other
    ? { kind: 'other', path, message: other.message ?? `fails the schema's ${other.keyword} check` }
    : undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Whether the API server accepts what the schema's format check refuses: Go's base64 decoding skips line breaks,
 * so Secret `data` written as a block scalar of wrapped base64 is fine.
 */
export function acceptedByKubernetes(p: Problem, value: unknown): boolean {
  return (
    p.kind === 'format' && p.format === 'byte' && typeof value === 'string' && BASE64.test(value.replace(/[\r\n]/g, ''))
  );
}

/** Validates an object: undefined when its kind has no schema (or it is too big to convert). */
export function validateObject(object: K8sObject): { value: unknown; problems: Problem[] } | undefined {
  const validate = validatorFor(object.apiVersion, object.kind);
  if (!validate) return undefined;
  const value = plainValue(object.nav, object.node);
  if (value === undefined) return undefined;
  return { value, problems: problemsOf(validate(value), value) };
}
