/**
 * What completion and hover say about a field of a built-in type: its type as the API reference writes it
 * (`[]Container`, `map[string]Quantity`), whether it is required, its enum values and its description. From the
 * table scripts/generate-field-table.mjs extracts from the kubernetes-models declarations; parsed on first use, so
 * a server that only lints never pays for it.
 */
import { FIELD_DOCS_JSON } from './generated/field-docs';
import { FIELD_TYPES } from './generated/field-table';
import type { FieldType } from './fields';

export interface FieldDoc {
  /** `string`, `integer`, `boolean`, `Quantity`, `int-or-string`, `[]Container`, `map[string]string`, `PodSpec` … */
  readonly type: string;
  readonly required: boolean;
  readonly values: readonly string[];
  readonly description: string;
}

type RawDocs = Array<[string, Record<string, [string, number, string[], string]>]>;

let docs: RawDocs | undefined;
let indexById: Map<string, number> | undefined;

function table(): { docs: RawDocs; indexById: Map<string, number> } {
  if (!docs || !indexById) {
    docs = JSON.parse(FIELD_DOCS_JSON) as RawDocs;
    indexById = new Map(FIELD_TYPES.split('\n').map((line, i) => [line.slice(0, line.indexOf('|')), i]));
  }
  return { docs, indexById };
}

/** The description of a type itself (`A single application container that you want to run within a pod.`). */
export function typeDescription(type: FieldType): string {
  const { docs, indexById } = table();
  const i = indexById.get(type.id);
  return i === undefined ? '' : (docs[i]?.[0] ?? '');
}

export function fieldDoc(type: FieldType, field: string): FieldDoc | undefined {
  const { docs, indexById } = table();
  const i = indexById.get(type.id);
  const raw = i === undefined ? undefined : docs[i]?.[1];
  if (!raw || !Object.prototype.hasOwnProperty.call(raw, field)) return undefined;
  const [t, required, values, description] = raw[field];
  return { type: t, required: required === 1, values, description };
}
