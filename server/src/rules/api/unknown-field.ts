import type { Pair, YAMLMap } from '../../yaml/nodes';
import { isMap, isPair, keyString } from '../../yaml/nodes';
import type { FixSpec, RuleContext, RuleMessage } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import type { FieldType } from '../../schema/fields';
import { closestFields, kindType, objectType } from '../../schema/fields';
import { checkCustomResource } from '../../schema/custom-resources';
import { locate } from '../../schema/locate';
import { plainValue } from '../../schema/plain-value';
import { hasSchema, SCHEMA_KUBERNETES_MINOR } from '../../schema/validators';
import { minorOf } from '../../schema/deprecations';

/** Deeper than this, a document is not a real manifest (and recursion must stop somewhere). */
const MAX_DEPTH = 64;

class Walker {
  private readonly seen = new Set<YAMLMap>();

  constructor(
    private readonly ctx: RuleContext,
    /** The schema's Kubernetes version when the target is newer (its messages say what the verdict rests on). */
    private readonly olderSchema: string | undefined,
  ) {}

  /** Checks every key of a map of `type`, then what its known fields hold. */
  map(map: YAMLMap, type: FieldType, depth: number): void {
    if (this.seen.has(map) || depth > MAX_DEPTH) return;
    this.seen.add(map);
    // index loops: this walks every field of every object, mostly unoptimized, where `for…of` allocates per step
    const items = map.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!isPair(item)) continue;
      const key = keyString(item.key);
      if (key === undefined) continue;
      if (key === '<<') {
        // Merged keys are checked where they are written, as fields of this type.
        const sources = this.ctx.nav.seq(item.value)?.items ?? [item.value];
        for (const src of sources) {
          const m = this.ctx.nav.map(src);
          if (m) this.map(m, type, depth + 1);
        }
        continue;
      }
      // `$patch`, `$setElementOrder/…`: strategic-merge-patch directives of kustomize patches.
      if (key.startsWith('$')) continue;
      const code = type.fields.get(key);
      if (code === undefined) this.unknown(map, item, key, type);
      else this.value(item.value, code, depth + 1);
    }
  }

  private value(node: unknown, code: string, depth: number): void {
    if (code === '' || code === '*' || depth > MAX_DEPTH) return;
    const nav = this.ctx.nav;
    if (code[0] === '[') {
      const items = nav.seq(node)?.items ?? [];
      const inner = code.slice(1);
      for (let i = 0; i < items.length; i++) this.value(items[i], inner, depth + 1);
      return;
    }
    if (code[0] === '{') {
      // A map with free keys (labels, data, nodeSelector, requests): only its values have a type.
      const inner = code.slice(1);
      if (inner === '' || inner === '*') return;
      const m = nav.map(node);
      if (m && !this.seen.has(m)) {
        this.seen.add(m);
        const items = m.items;
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (isPair(item)) this.value(item.value, inner, depth + 1);
        }
      }
      return;
    }
    const type = objectType(code);
    const m = nav.map(node);
    // A scalar or list where a map belongs is schema-violation's finding.
    if (type && m && isMap(m)) this.map(m, type, depth);
  }

  private unknown(map: YAMLMap, pair: Pair, key: string, type: FieldType): void {
    const candidates = closestFields(type, key);
    // Renaming onto a key the map already has would make a duplicate key.
    const free = candidates.filter((c) => !this.ctx.nav.pair(map, c));
    const rename = (to: string): FixSpec => ({
      title: `Rename "${key}" to "${to}"`,
      edit: (e) => e.renameKey(pair, to),
    });
    const data = { key, type: type.name };
    const message: RuleMessage<typeof MESSAGES> =
      free.length === 1
        ? { messageId: 'didYouMean', data: { ...data, candidate: free[0] } }
        : free.length > 1
          ? { messageId: 'didYouMeanOneOf', data: { ...data, candidates: free.map((c) => `"${c}"`).join(' or ') } }
          : candidates.length
            ? { messageId: 'leftoverCopy', data: { ...data, candidate: candidates[0] } }
            : { messageId: 'unknownField', data };
    this.ctx.report({
      node: pair,
      keyOnly: true,
      ...(this.olderSchema === undefined ? message : againstOlderSchema(message, this.olderSchema)),
      fix: free.length === 1 ? rename(free[0]) : undefined,
      suggest: free.length > 1 ? free.map(rename) : undefined,
    });
  }
}

const MESSAGES = {
  didYouMean: 'Unknown field "{{key}}" in {{type}}; did you mean "{{candidate}}"?',
  didYouMeanOneOf: 'Unknown field "{{key}}" in {{type}}; did you mean {{candidates}}?',
  leftoverCopy:
    'Unknown field "{{key}}" in {{type}}; "{{candidate}}" is set here too, so it is probably a leftover copy.',
  unknownField: 'Unknown field "{{key}}" in {{type}}.',
  // The same, when the target Kubernetes version is newer than the bundled schema, which may lack the field.
  didYouMeanOlderSchema:
    'Unknown field "{{key}}" in {{type}}; did you mean "{{candidate}}"? (checked against the Kubernetes {{schema}} schema)',
  didYouMeanOneOfOlderSchema:
    'Unknown field "{{key}}" in {{type}}; did you mean {{candidates}}? (checked against the Kubernetes {{schema}} schema)',
  leftoverCopyOlderSchema:
    'Unknown field "{{key}}" in {{type}}; "{{candidate}}" is set here too, so it is probably a leftover copy. (checked against the Kubernetes {{schema}} schema)',
  unknownFieldOlderSchema: 'Unknown field "{{key}}" in {{type}}. (checked against the Kubernetes {{schema}} schema)',
} as const;

type PlainMessage = RuleMessage<
  Pick<typeof MESSAGES, 'didYouMean' | 'didYouMeanOneOf' | 'leftoverCopy' | 'unknownField'>
>;

/** A message of a field the bundled schema lacks, said as checked against that schema's version. */
function againstOlderSchema(m: PlainMessage, schema: string): RuleMessage<typeof MESSAGES> {
  switch (m.messageId) {
    case 'didYouMean':
      return { messageId: 'didYouMeanOlderSchema', data: { ...m.data, schema } };
    case 'didYouMeanOneOf':
      return { messageId: 'didYouMeanOneOfOlderSchema', data: { ...m.data, schema } };
    case 'leftoverCopy':
      return { messageId: 'leftoverCopyOlderSchema', data: { ...m.data, schema } };
    case 'unknownField':
      return { messageId: 'unknownFieldOlderSchema', data: { ...m.data, schema } };
  }
}

export default defineRule({
  meta: {
    id: 'unknown-field',
    category: 'api',
    severity: 'warning',
    fixable: true,
    fix: 'safe',
    // the index: custom resources are checked against the CRDs of the workspace
    usesIndex: true,
    docs: {
      description:
        'A field that the Kubernetes schema of a built-in kind does not have, at any depth: usually a typo (`contianers`, `imagePullPolicy` in the wrong place). kubectl rejects it (strict field validation), or an older client drops it silently.',
      remediation:
        'Correct the name (the quick fix renames it to the closest known field) or move the field to where it belongs.',
    },
    messages: MESSAGES,
  },
  check(ctx) {
    if (!hasSchema(ctx.object)) return checkCustom(ctx);
    const type = kindType(ctx.object.apiVersion, ctx.object.kind);
    if (!type) return;
    // Newer Kubernetes versions add fields: say which schema the verdict comes from.
    const target = minorOf(ctx.settings.kubernetesVersion);
    new Walker(ctx, target > SCHEMA_KUBERNETES_MINOR ? `1.${SCHEMA_KUBERNETES_MINOR}` : undefined).map(
      ctx.object.node,
      type,
      0,
    );
  },
});

/** A custom resource: the fields its CRD's openAPIV3Schema does not list (nothing when no CRD defines its kind). */
function checkCustom(ctx: RuleContext): void {
  if (kindType(ctx.object.apiVersion, ctx.object.kind)) return;
  const check = checkCustomResource(
    ctx.object.apiVersion,
    ctx.object.kind,
    plainValue(ctx.nav, ctx.object.node),
    ctx.index,
  );
  for (const u of check?.unknown ?? []) {
    const pair = locate(ctx.nav, ctx.object.node, u.path)?.pair;
    const key = String(u.path[u.path.length - 1]);
    if (!pair) continue;
    const close = closestFields({ id: u.where, name: u.where, fields: new Map(u.known.map((k) => [k, ''])) }, key);
    const free = close.filter((c) => c !== key);
    const crd = check?.crd?.name ? ` (CustomResourceDefinition ${check.crd.name})` : '';
    const data = { key, type: `${u.where}${crd}` };
    ctx.report({
      node: pair,
      keyOnly: true,
      ...(free.length === 1
        ? { messageId: 'didYouMean', data: { ...data, candidate: free[0] } }
        : { messageId: 'unknownField', data }),
      fix:
        free.length === 1
          ? { title: `Rename "${key}" to "${free[0]}"`, edit: (e) => e.renameKey(pair, free[0]) }
          : undefined,
    });
  }
}
