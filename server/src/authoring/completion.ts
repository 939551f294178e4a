/**
 * Completion while a manifest is written: the keys the schema allows at the cursor (required first, those present
 * left out), enum values and booleans, `kind` and `apiVersion` values that fit each other, a skeleton of a kind's
 * required fields, and values only the workspace knows (claims, ConfigMaps and their keys, Services and ports,
 * selector labels …).
 */
import { CURRENT_API_VERSION } from '../model/kinds';
import type { WorkspaceIndexView } from '../model/workspace';
import { KIND_TYPES } from '../schema/generated/field-table';
import type { CursorContext } from '../yaml/cursor';
import { cursorContext } from '../yaml/cursor';
import { apiReferenceUrl } from './api-reference';
import type { CrdCatalog } from '../schema/crds';
import { shapeOf } from '../schema/crds';
import { rec, selectorKeys, workspaceValues } from './references';
import type { Field, Shape } from '../schema/shapes';
import { fieldAt, shapeAt } from '../schema/shapes';
import { skeleton } from './skeleton';
import type { CompletionItem, Positions, Range, TextEdit } from './types';
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from './types';

export interface CompletionInput {
  readonly text: string;
  readonly offset: number;
  readonly positions: Positions;
  readonly index: WorkspaceIndexView;
  readonly crds: CrdCatalog;
}

/** Every apiVersion → kinds pair authoring knows: the field table's, the current ones, then the CRDs'. */
function kindPairs(crds: CrdCatalog): Array<{ apiVersion: string; kind: string; crd: boolean }> {
  const seen = new Set<string>();
  const out: Array<{ apiVersion: string; kind: string; crd: boolean }> = [];
  const add = (apiVersion: string, kind: string, crd: boolean): void => {
    const key = `${apiVersion}|${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ apiVersion, kind, crd });
  };
  for (const [kind, apiVersion] of Object.entries(CURRENT_API_VERSION)) add(apiVersion, kind, false);
  for (const key of Object.keys(KIND_TYPES)) {
    const bar = key.indexOf('|');
    add(key.slice(0, bar), key.slice(bar + 1), false);
  }
  for (const c of crds.kinds()) for (const v of c.apiVersions) add(v, c.kind, true);
  return out;
}

export function complete(input: CompletionInput): CompletionItem[] {
  const ctx = cursorContext(input.text, input.offset);
  if (!ctx) return [];
  const root = rec(ctx.root);
  const shape = shapeOf(root?.apiVersion, root?.kind, input.crds);
  const range: Range = { start: input.positions.positionAt(ctx.start), end: input.positions.positionAt(ctx.end) };
  const eol = input.text.includes('\r\n') ? '\r\n' : '\n';
  const items = ctx.at === 'key' ? keyItems(input, ctx, shape, range, eol) : valueItems(input, ctx, shape, range, eol);
  // in the order the client shows them (it sorts by sortText too): required, workspace values, then the rest
  return items.sort((a, b) =>
    (a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : (a.sortText ?? a.label) > (b.sortText ?? b.label) ? 1 : 0,
  );
}

function keyItems(
  input: CompletionInput,
  ctx: CursorContext,
  root: Shape | undefined,
  range: Range,
  eol: string,
): CompletionItem[] {
  const here = shapeAt(root, ctx.path);
  const last = ctx.path[ctx.path.length - 1];
  // `- |` in a list of scalars (accessModes, capabilities): the item is a value
  if (here?.is === 'scalar' && typeof last === 'number') {
    return valueItems(input, { ...ctx, at: 'value' }, root, range, eol, ctx.path.slice(0, -1));
  }
  const items: CompletionItem[] = [];
  if (here?.is === 'object') {
    for (const f of here.fields()) {
      if (ctx.siblings.includes(f.name)) continue;
      if (ctx.path.length === 0 && f.name === 'status') continue;
      items.push(keyItem(f, ctx, range, eol, rec(ctx.root)));
    }
  } else if (ctx.path.length === 0 && !root) {
    // no schema yet (no kind, or an unknown one): the keys every object has
    for (const name of ['apiVersion', 'kind', 'metadata']) {
      if (ctx.siblings.includes(name)) continue;
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: name === 'metadata' ? 'required · ObjectMeta' : 'required · string',
        sortText: `0${name}`,
        textEdit: {
          range,
          newText: ctx.colonFollows
            ? name
            : name === 'metadata'
              ? `${name}:${eol}${' '.repeat(ctx.column + 2)}`
              : `${name}: `,
        },
        insertTextFormat: InsertTextFormat.PlainText,
        insertTextMode: InsertTextMode.asIs,
      });
    }
  }
  // a selector's keys: the labels of the pod templates of the namespace
  for (const v of dedupe(selectorKeys(ctx.root, ctx.path, input.index))) {
    if (ctx.siblings.includes(v.value)) continue;
    items.push({
      label: v.value,
      kind: CompletionItemKind.Reference,
      detail: v.detail,
      sortText: `0${v.value}`,
      textEdit: { range, newText: ctx.colonFollows ? v.value : `${v.value}: ` },
      insertTextFormat: InsertTextFormat.PlainText,
    });
  }
  return items;
}

function keyItem(
  f: Field,
  ctx: CursorContext,
  range: Range,
  eol: string,
  root: Record<string, unknown> | undefined,
): CompletionItem {
  const indent = ' '.repeat(ctx.column + 2);
  let newText: string;
  const s = f.shape;
  if (ctx.colonFollows) newText = f.name;
  else if (ctx.flow || !s || s.is === 'scalar') newText = `${f.name}: `;
  else if (s.is === 'array') newText = `${f.name}:${eol}${indent}- `;
  else newText = `${f.name}:${eol}${indent}`;
  const link =
    typeof root?.apiVersion === 'string' && typeof root.kind === 'string'
      ? apiReferenceUrl(root.apiVersion, root.kind)
      : undefined;
  return {
    label: f.name,
    kind: CompletionItemKind.Property,
    detail: f.required ? `required · ${f.type}` : f.type,
    labelDetails: f.required ? { description: 'required' } : undefined,
    documentation:
      f.description || link
        ? {
            kind: 'markdown',
            value: [f.description, link ? `[API reference](${link})` : ''].filter(Boolean).join('\n\n'),
          }
        : undefined,
    sortText: `${f.required ? '0' : '1'}${f.name}`,
    textEdit: { range, newText },
    insertTextFormat: InsertTextFormat.PlainText,
    insertTextMode: newText.includes('\n') ? InsertTextMode.asIs : undefined,
  };
}

function valueItems(
  input: CompletionInput,
  ctx: CursorContext,
  root: Shape | undefined,
  range: Range,
  eol: string,
  fieldPath = ctx.path,
): CompletionItem[] {
  const obj = rec(ctx.root);
  const items: CompletionItem[] = [];
  // an item of a list of scalars: the values of the list's field
  if (typeof fieldPath[fieldPath.length - 1] === 'number') fieldPath = fieldPath.slice(0, -1);
  const plain = (label: string, kind: number, detail: string | undefined, sort = label): CompletionItem => ({
    label,
    kind,
    detail,
    sortText: sort,
    textEdit: { range, newText: label },
    insertTextFormat: InsertTextFormat.PlainText,
  });
  if (fieldPath.length === 1 && fieldPath[0] === 'kind') return kindItems(input, ctx, obj, range, eol);
  if (fieldPath.length === 1 && fieldPath[0] === 'apiVersion') {
    const kind = typeof obj?.kind === 'string' ? obj.kind : undefined;
    const versions = [
      ...new Set(
        kindPairs(input.crds)
          .filter((p) => !kind || p.kind === kind)
          .map((p) => p.apiVersion),
      ),
    ];
    const current = kind ? (CURRENT_API_VERSION[kind] ?? input.crds.find(undefined, kind)?.apiVersions[0]) : undefined;
    return versions.sort().map((v) => ({
      ...plain(v, CompletionItemKind.Module, kind ? `serves ${kind}` : undefined, `${v === current ? '0' : '1'}${v}`),
      preselect: v === current || undefined,
    }));
  }
  for (const v of dedupe(workspaceValues(ctx.root, fieldPath, input.index))) {
    items.push(plain(v.value, CompletionItemKind.Reference, v.detail, `0${v.value}`));
  }
  const field = fieldAt(root, fieldPath);
  if (field) {
    for (const v of field.values) items.push(plain(v, CompletionItemKind.EnumMember, field.type, `1${v}`));
    if (field.type === 'boolean')
      for (const v of ['true', 'false']) items.push(plain(v, CompletionItemKind.Value, 'boolean', `1${v}`));
  }
  return items;
}

function kindItems(
  input: CompletionInput,
  ctx: CursorContext,
  obj: Record<string, unknown> | undefined,
  range: Range,
  eol: string,
): CompletionItem[] {
  const apiVersion = typeof obj?.apiVersion === 'string' ? obj.apiVersion : undefined;
  const pairs = kindPairs(input.crds).filter((p) => !apiVersion || p.apiVersion === apiVersion);
  // a document holding nothing but apiVersion and kind yet gets the kind's required fields with it
  const bare = Object.keys(obj ?? {}).every((k) => k === 'apiVersion' || k === 'kind');
  const kindLine = input.positions.positionAt(ctx.start).line;
  const out = new Map<string, CompletionItem>();
  for (const p of pairs) {
    if (out.has(p.kind)) continue;
    const av = apiVersion ?? (p.crd ? p.apiVersion : (CURRENT_API_VERSION[p.kind] ?? p.apiVersion));
    const shape = shapeOf(av, p.kind, input.crds);
    const body = bare && shape ? skeleton(shape, eol) : '';
    const additionalTextEdits: TextEdit[] | undefined =
      apiVersion === undefined && !ctx.flow
        ? [
            {
              range: { start: { line: kindLine, character: 0 }, end: { line: kindLine, character: 0 } },
              newText: `apiVersion: ${av}${eol}`,
            },
          ]
        : undefined;
    out.set(p.kind, {
      label: p.kind,
      kind: CompletionItemKind.Class,
      detail: body ? `${av} · with its required fields` : av,
      sortText: p.kind,
      textEdit: { range, newText: body ? `${p.kind}${eol}${body}` : p.kind },
      insertTextFormat: body ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: body ? InsertTextMode.asIs : undefined,
      additionalTextEdits: ctx.segmentText.includes('apiVersion:') ? undefined : additionalTextEdits,
    });
  }
  return [...out.values()];
}

function dedupe<T extends { value: string }>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v.value) ? false : (seen.add(v.value), true)));
}
