import type { YAMLMap } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import type { Quantity } from '../../protocol/quantity';
import { compareQuantities, parseQuantity } from '../../protocol/quantity';
import { Commented, Raw } from '../../yaml/render';
import { TODO_COMMENT } from '../../rulekit/resources/containers';
import type { Tree } from '../../yaml/edit';

type Key = 'defaultRequest' | 'default' | 'max';
/** What a `type: Container` item should set, and the placeholder written when it does not. */
const WANTED: ReadonlyArray<[Key, ReadonlyArray<[string, string]>]> = [
  // Order matters: each value is clamped by those computed before it (defaultRequest ≤ default ≤ max).
  [
    'defaultRequest',
    [
      ['cpu', '100m'],
      ['memory', '128Mi'],
    ],
  ],
  [
    'default',
    [
      ['cpu', '500m'],
      ['memory', '512Mi'],
    ],
  ],
  // A CPU maximum forces CPU limits on every container (see cpu-limit-missing), so only memory is required.
  ['max', [['memory', '2Gi']]],
];

export default defineRule({
  meta: {
    id: 'limitrange-incomplete',
    category: 'resources',
    severity: 'info',
    fixable: true,
    fix: 'unsafe',
    kinds: ['LimitRange'],
    docs: {
      description:
        'A LimitRange whose `type: Container` entry lacks `defaultRequest`, `default` (cpu and memory) or a memory `max`: containers that set no resources of their own then get none, and nothing bounds a single container.',
      remediation: 'Give the Container entry `defaultRequest` and `default` for cpu and memory, and a memory `max`.',
    },
    messages: {
      noContainerLimits:
        '{{limitRange}} has no `type: Container` limits: containers without resources of their own get no defaults.',
      containerEntryMissing: 'LimitRange Container entry has no {{missing}}.',
    },
  },
  check(ctx) {
    const { nav } = ctx;
    const spec = nav.getMap(ctx.object.node, 'spec');
    const limits = nav.getSeq(spec, 'limits');
    const items = (limits?.items ?? []).map((i) => nav.map(i)).filter((m): m is YAMLMap => !!m);
    const containerItems = items.filter((m) => nav.getStr(m, 'type') === 'Container');
    if (containerItems.length === 0) {
      const name = ctx.object.name ? `LimitRange "${ctx.object.name}"` : 'LimitRange';
      const item: Tree = { type: new Raw('Container') };
      for (const [key, wanted] of WANTED) item[key] = Object.fromEntries(wanted.map(([r, v]) => [r, todo(v)]));
      ctx.report({
        node: nav.pair(spec, 'limits') ?? nav.pair(ctx.object.node, 'spec') ?? nav.pair(ctx.object.node, 'kind')!,
        keyOnly: true,
        messageId: 'noContainerLimits',
        data: { limitRange: name },
        fix: {
          title: 'Add a Container entry with defaults and a maximum',
          edit: (e) => {
            if (limits && limits === nav.pair(spec, 'limits')?.value && limits.items.length > 0)
              return e.appendItem(limits, toPlain(item));
            if (limits && limits.items.length > 0) return undefined; // an alias: not ours to change
            return e.ensurePath(ctx.object.node, ['spec', 'limits'], [toPlain(item)]);
          },
        },
      });
      return;
    }
    for (const item of containerItems) checkItem(ctx, item);
  },
});

function checkItem(ctx: RuleContext, item: YAMLMap): void {
  const { nav } = ctx;
  const current = (key: string, r: string): Quantity | undefined => ctx.quantity(nav.get(nav.getMap(item, key), r));
  const missing: string[] = [];
  const tree: Tree = {};
  // values as they will be after the fix, for clamping: written ones, then inserted ones
  const after = new Map<string, Quantity>();
  const get = (key: string, r: string): Quantity | undefined => after.get(`${key}.${r}`) ?? current(key, r);
  for (const [key, wanted] of WANTED) {
    for (const [r, placeholder] of wanted) {
      if (nav.getStr(nav.getMap(item, key), r) !== undefined) continue;
      missing.push(`${key}.${r}`);
      const value = clamp(parseQuantity(placeholder)!, lowerBound(key, r, get), upperBound(key, r, get));
      after.set(`${key}.${r}`, value);
      const sub = (tree[key] ??= {}) as Tree;
      sub[r] = todo(value.text);
    }
  }
  if (missing.length === 0) return;
  const typePair = nav.pair(item, 'type')!;
  ctx.report({
    node: typePair,
    messageId: 'containerEntryMissing',
    data: { missing: missing.join(', ') },
    fix: { title: `Add ${missing.join(', ')}`, edit: (e) => e.ensureTree(item, tree) },
  });
}

type Getter = (key: string, r: string) => Quantity | undefined;

/** The API server requires min ≤ defaultRequest ≤ default ≤ max; inserted values keep that order. */
function lowerBound(key: Key, r: string, get: Getter): Quantity[] {
  if (key === 'defaultRequest') return [get('min', r)].filter(isQ);
  if (key === 'default') return [get('min', r), get('defaultRequest', r)].filter(isQ);
  return [get('min', r), get('defaultRequest', r), get('default', r)].filter(isQ);
}

function upperBound(key: Key, r: string, get: Getter): Quantity[] {
  if (key === 'defaultRequest') return [get('default', r), get('max', r)].filter(isQ);
  if (key === 'default') return [get('max', r)].filter(isQ);
  return [];
}

function isQ(q: Quantity | undefined): q is Quantity {
  return q !== undefined;
}

function clamp(value: Quantity, lows: Quantity[], highs: Quantity[]): Quantity {
  let v = value;
  for (const lo of lows) if (compareQuantities(v, lo) < 0) v = lo;
  for (const hi of highs) if (compareQuantities(v, hi) > 0) v = hi;
  return v;
}

function todo(text: string): Commented {
  return new Commented(new Raw(text.trim()), TODO_COMMENT);
}

/** A Tree as a plain YamlValue (for appendItem / ensurePath). */
function toPlain(t: Tree): { [k: string]: Raw | Commented | ReturnType<typeof toPlain> } {
  const out: { [k: string]: Raw | Commented | ReturnType<typeof toPlain> } = {};
  for (const [k, v] of Object.entries(t)) out[k] = v instanceof Raw || v instanceof Commented ? v : toPlain(v);
  return out;
}
