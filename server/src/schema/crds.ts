/**
 * The CustomResourceDefinitions of the workspace index (which holds the files named by `kubewise.crds` too; nothing
 * is ever fetched). Each served version's `openAPIV3Schema` becomes a shape for completion, hover and the checks of
 * custom resources (schema-violation, unknown-field).
 */
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import type { Field, Shape } from './shapes';
import { builtinShape, fieldAt, schemaShape } from './shapes';

export interface CrdKind {
  readonly kind: string;
  readonly group: string;
  /** `group/version` of every version the CRD serves. */
  readonly apiVersions: readonly string[];
  /** Where the CRD is written, when it is in the workspace. */
  readonly uri?: string;
  readonly line?: number;
  shape(apiVersion: string): Shape | undefined;
}

type Raw = Record<string, unknown>;
const rec = (v: unknown): Raw | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined);

export class CrdCatalog {
  private readonly byKind = new Map<string, CrdKind[]>();

  constructor(crds: ReadonlyArray<{ value: unknown; uri?: string; line?: number }>) {
    for (const c of crds) {
      const k = crdKind(c.value, c.uri, c.line);
      if (!k) continue;
      const list = this.byKind.get(k.kind);
      if (list) list.push(k);
      else this.byKind.set(k.kind, [k]);
    }
  }

  kinds(): CrdKind[] {
    return [...this.byKind.values()].flat();
  }

  find(apiVersion: string | undefined, kind: string): CrdKind | undefined {
    const list = this.byKind.get(kind);
    if (!list) return undefined;
    return list.find((k) => apiVersion !== undefined && k.apiVersions.includes(apiVersion)) ?? list[0];
  }

  /** The schema of objects of that apiVersion and kind, when a CRD serving exactly that defines one. */
  shape(apiVersion: string, kind: string): Shape | undefined {
    const k = this.find(apiVersion, kind);
    return k?.apiVersions.includes(apiVersion) ? k.shape(apiVersion) : undefined;
  }
}

function crdKind(value: unknown, uri: string | undefined, line: number | undefined): CrdKind | undefined {
  const v = rec(value);
  if (v?.kind !== 'CustomResourceDefinition') return undefined;
  const spec = rec(v.spec);
  const names = rec(spec?.names);
  const group = typeof spec?.group === 'string' ? spec.group : undefined;
  const kind = typeof names?.kind === 'string' ? names.kind : undefined;
  if (!group || !kind) return undefined;
  const versions = Array.isArray(spec?.versions) ? spec.versions.map(rec).filter((x): x is Raw => !!x) : [];
  const served = versions.filter((x) => typeof x.name === 'string' && x.served !== false);
  const schemas = new Map<string, Raw | undefined>();
  for (const x of served) {
    const schema = rec(rec(x.schema)?.openAPIV3Schema) ?? rec(rec(spec?.validation)?.openAPIV3Schema);
    schemas.set(`${group}/${String(x.name)}`, schema);
  }
  const shapes = new Map<string, Shape | undefined>();
  return {
    kind,
    group,
    apiVersions: [...schemas.keys()],
    uri,
    line,
    shape(apiVersion) {
      if (!shapes.has(apiVersion)) shapes.set(apiVersion, withObjectMeta(schemaShape(schemas.get(apiVersion), kind)));
      return shapes.get(apiVersion);
    },
  };
}

/** CRD schemas leave `metadata` as a bare object: complete and describe it as every object's ObjectMeta. */
function withObjectMeta(shape: Shape | undefined): Shape | undefined {
  if (shape?.is !== 'object') return shape;
  const meta = fieldAt(builtinShape('v1', 'ConfigMap'), ['metadata']);
  const fields = (): readonly Field[] => {
    const own = shape.fields().filter((f) => !(f.name === 'metadata' && meta));
    return meta ? [...own, meta].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : own;
  };
  let cached: readonly Field[] | undefined;
  return {
    is: 'object',
    name: shape.name,
    description: shape.description,
    open: shape.open,
    fields: () => (cached ??= fields()),
  };
}

let last: { crds: readonly IndexedObject[]; catalog: CrdCatalog } | undefined;

/**
 * The catalog of the index's CRDs (the workspace's, and those of `kubewise.crds` files, which the language server
 * adds to the index); cached while the index's list of CRDs stays the same array.
 */
export function crdCatalog(index: WorkspaceIndexView): CrdCatalog {
  const crds = index.objects('CustomResourceDefinition');
  if (last && last.crds === crds) return last.catalog;
  const catalog = new CrdCatalog(crds.map((o) => ({ value: o.value, uri: o.uri, line: o.line })));
  last = { crds, catalog };
  return catalog;
}

/** The schema of an object: a built-in kind's, else a CRD's. */
export function shapeOf(apiVersion: unknown, kind: unknown, crds: CrdCatalog): Shape | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return builtinShape(apiVersion, kind) ?? crds.shape(apiVersion, kind);
}
