import type { Node, Pair, YAMLMap } from '../../yaml/nodes';
import { isAlias, isMap, isPair, keyString, visit } from '../../yaml/nodes';
import type { DocumentCheckContext, FixSpec, RuleMessage } from '../../engine/rule';
import { defineDocumentRule } from '../../engine/rule';

const MESSAGES = {
  parseError: '{{problem}}',
  duplicateKey:
    'Duplicate key "{{key}}": Kubernetes keeps only the last value (the one Kubewise checks); remove the other.',
  duplicateKeySameValue: 'Duplicate key "{{key}}" (it repeats the same value).',
  undefinedAlias: 'Alias *{{source}} refers to no anchor &{{source}} defined before it.',
} as const;

/**
 * The parser's messages rewritten as sentences a manifest author can act on, by what the message says (one
 * parser error code covers several situations: MISSING_CHAR is both an unclosed quote and a missing `-`).
 */
const HINTS: ReadonlyArray<[RegExp, string]> = [
  [/^Map keys must be unique/, 'Duplicate key: Kubernetes would keep only one of the values.'],
  [/^Tabs are not allowed/, 'Tabs are not allowed for indentation in YAML; use spaces.'],
  [/^Missing closing "quote/, 'A double-quoted string is not closed.'],
  [/^Missing closing 'quote/, 'A single-quoted string is not closed.'],
  [/^Flow map .* end with a \}/, 'A flow map `{…}` is not closed with `}` (or continues at a smaller indentation).'],
  [
    /^Flow sequence .* end with a \]/,
    'A flow sequence `[…]` is not closed with `]` (or continues at a smaller indentation).',
  ],
  [/^Sequence item without - indicator/, 'A sequence item without `- `: check the indentation.'],
  [
    /^Implicit keys need to be on a single line/,
    'A key cannot span lines: is a `:` missing, or is the indentation wrong?',
  ],
  [
    /^Nested mappings are not allowed in compact mappings/,
    'A mapping cannot start on the line of another key: put it on its own line, indented.',
  ],
  [/^All mapping items must start at the same column/, 'Keys of one mapping must start in the same column.'],
  [/^All sequence items must start at the same column/, 'Items of one sequence must start in the same column.'],
  [
    /^Implicit map keys need to be followed by map values/,
    'A key without `:`: add the colon, or check the indentation.',
  ],
];

export default defineDocumentRule({
  meta: {
    id: 'yaml-syntax',
    category: 'api',
    severity: 'error',
    fixable: true,
    fix: 'safe',
    docs: {
      description:
        'YAML that the parser rejects (duplicate keys, bad indentation, tabs, unclosed brackets or quotes) or aliases to undefined anchors.',
      remediation:
        'Correct the YAML at the marked place. The quick fix replaces indentation tabs by spaces and removes a duplicate key that repeats the same value.',
    },
    messages: MESSAGES,
  },
  checkDocument(ctx) {
    const seen = new Set<number>();
    for (const err of ctx.doc.errors) {
      let [start, end] = err.pos;
      // Errors at the end of the text ("not closed") point past the last character: show them on the last one.
      if (start >= ctx.text.length) {
        end = ctx.text.trimEnd().length;
        start = Math.max(0, end - 1);
      }
      if (seen.has(start)) continue; // one problem often yields several errors at one place
      seen.add(start);
      const first = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      const hint = HINTS.find(([re]) => re.test(first))?.[1];
      let report: RuleMessage<typeof MESSAGES> = {
        messageId: 'parseError',
        data: { problem: hint ?? first },
      };
      let fix: FixSpec | undefined;
      if (err.code === 'DUPLICATE_KEY') {
        const dup = duplicateAt(ctx, start);
        if (dup) {
          const keyRange = (dup.pair.key as Node).range!;
          [start, end] = [keyRange[0], keyRange[1]];
          report = { messageId: 'duplicateKey', data: { key: dup.key } };
          if (dup.sameValue) {
            report = { messageId: 'duplicateKeySameValue', data: { key: dup.key } };
            // removePair keeps the comments of the removed line
            fix = { title: `Remove the duplicate "${dup.key}"`, edit: (e) => e.removePair(dup.map, dup.pair) };
          }
        }
      } else if (err.code === 'TAB_AS_INDENT') {
        fix = tabFix(ctx, start);
      }
      ctx.report({ start, end: Math.max(end, Math.min(start + 1, ctx.text.length)), ...report, fix });
    }
    // `*name` with no `&name` before it: the parser accepts it, but every Kubernetes client rejects the document.
    // (Walking every node costs as much as a rule; a text without `*` has no alias to walk to.)
    if (!ctx.text.includes('*')) return;
    visit(ctx.doc, {
      Alias(_, alias) {
        let target: unknown;
        try {
          target = alias.resolve(ctx.doc);
        } catch {
          target = undefined;
        }
        if (target !== undefined || !alias.range) return;
        ctx.report({
          start: alias.range[0],
          end: alias.range[1],
          messageId: 'undefinedAlias',
          data: { source: alias.source },
        });
      },
    });
  },
});

interface Duplicate {
  map: YAMLMap;
  pair: Pair;
  key: string;
  /** Whether the later value is written exactly as the earlier one (then removing it changes nothing). */
  sameValue: boolean;
}

/** The later pair of a duplicate key whose key starts at `offset`. */
function duplicateAt(ctx: Pick<DocumentCheckContext, 'doc' | 'text'>, offset: number): Duplicate | undefined {
  let found: Duplicate | undefined;
  visit(ctx.doc, {
    Map(_, map) {
      const pairs = map.items.filter(isPair);
      const idx = pairs.findIndex((p) => (p.key as Node | null)?.range?.[0] === offset);
      if (idx < 0) return undefined;
      const pair = pairs[idx];
      const key = keyString(pair.key) ?? '';
      const earlier = pairs.slice(0, idx).find((p) => keyString(p.key) === key);
      const sameValue =
        !!earlier &&
        valueText(ctx.text, earlier) === valueText(ctx.text, pair) &&
        !isAlias(pair.value) &&
        !isMap(pair.value);
      found = { map, pair, key, sameValue };
      return visit.BREAK;
    },
  });
  return found;
}

function valueText(text: string, pair: Pair): string | undefined {
  const r = (pair.value as Node | null)?.range;
  return r ? text.slice(r[0], r[1]).trimEnd() : undefined;
}

/**
 * Replaces the tabs that indent the line at `offset` by spaces, one indentation step per tab (at least 2: the
 * step read from a text whose first nested line is tab-indented is 1).
 */
function tabFix(ctx: Pick<DocumentCheckContext, 'doc' | 'text'>, offset: number): FixSpec {
  return {
    title: 'Replace tabs with spaces',
    edit: (e) => {
      let s = offset;
      while (s > 0 && ctx.text[s - 1] === '\t') s--;
      let end = offset;
      while (end < ctx.text.length && ctx.text[end] === '\t') end++;
      return { start: s, end, text: ' '.repeat(Math.max(2, e.indentUnit) * (end - s)) };
    },
  };
}
