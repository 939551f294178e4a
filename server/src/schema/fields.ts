/**
 * The known fields of every built-in Kubernetes type, from the table that scripts/generate-field-table.mjs extracts
 * from the kubernetes-models type declarations (the validators cannot tell unknown fields: the OpenAPI schema
 * allows any). Parsed on first use.
 *
 * A field's type is a code: '' a scalar, '*' anything (free-form JSON such as a ControllerRevision's `data`), a
 * number (an object type of the table), '[' + code (a list of), '{' + code (a map with free keys of: labels,
 * `data`, `nodeSelector`, `resources.requests`).
 */
import { FIELD_TYPES, KIND_TYPES } from './generated/field-table';
import { editDistance } from '../model/text';

export interface FieldType {
  /** Where the type is declared, e.g. `v1/PodSpec`, `apis/meta/v1/ObjectMeta`. */
  readonly id: string;
  /** What people call it: `PodSpec`. */
  readonly name: string;
  readonly fields: ReadonlyMap<string, string>;
}

/** The table's lines (one per type, numbered by their codes), and each type parsed the first time it is asked for. */
let lines: string[] | undefined;
const parsed: Array<FieldType | undefined> = [];

/**
 * The type numbered `n`. A type is parsed when first asked for, not the whole table at once: a lint of Deployments,
 * Services and ConfigMaps reads a few dozen of its 441 types, and parsing all of them was a millisecond of every
 * `kubewise` process.
 */
function typeAt(n: number): FieldType | undefined {
  const known = parsed[n];
  if (known) return known;
  lines ??= FIELD_TYPES.split('\n');
  const line = lines[n];
  if (line === undefined) return undefined;
  const bar = line.indexOf('|');
  const id = line.slice(0, bar);
  const fields = new Map<string, string>();
  const body = line.slice(bar + 1);
  if (body) {
    for (const entry of body.split(',')) {
      const colon = entry.indexOf(':');
      fields.set(entry.slice(0, colon), entry.slice(colon + 1));
    }
  }
  return (parsed[n] = { id, name: id.slice(id.lastIndexOf('/') + 1), fields });
}

/** The type of a kind's objects, or undefined (CRDs, kinds under an apiVersion the table does not have). */
export function kindType(apiVersion: string, kind: string): FieldType | undefined {
  const key = `${apiVersion}|${kind}`;
  return Object.prototype.hasOwnProperty.call(KIND_TYPES, key) ? typeAt(KIND_TYPES[key]) : undefined;
}

/** The object type a code names (a number), or undefined for scalars, lists, maps and free-form values. */
export function objectType(code: string): FieldType | undefined {
  // (a digit first is a number: the table writes no other code that way; no regular expression per field)
  const c = code.charCodeAt(0);
  return c >= 48 && c <= 57 ? typeAt(Number(code)) : undefined;
}

/**
 * The known fields closest to an unknown one: the same name in another case, else those within an edit distance of
 * 2 (1 for names of up to 4 characters, where 2 edits make almost anything "close"). Empty when nothing is close;
 * several when there is a tie.
 */
export function closestFields(type: FieldType, unknown: string): string[] {
  const lower = unknown.toLowerCase();
  const sameCase = [...type.fields.keys()].filter((f) => f.toLowerCase() === lower);
  if (sameCase.length) return sameCase;
  const max = unknown.length <= 4 ? 1 : 2;
  let best = max + 1;
  let out: string[] = [];
  for (const f of type.fields.keys()) {
    if (Math.abs(f.length - unknown.length) > max) continue;
    const d = editDistance(lower, f.toLowerCase(), max, true);
    if (d < best) {
      best = d;
      out = [f];
    } else if (d === best) out.push(f);
  }
  return best <= max ? out : [];
}
