import { defineDocumentRule } from '../../engine/rule';

/** Parser error codes of `yaml` rewritten as sentences a manifest author can act on. */
const HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'Duplicate key: the API server would keep only one of them.',
  TAB_AS_INDENT: 'Tabs are not allowed for indentation in YAML; use spaces.',
  BAD_INDENT: 'Bad indentation.',
  MISSING_CHAR: 'A closing bracket, brace or quote is missing.',
  MULTILINE_IMPLICIT_KEY: 'A key cannot span lines; is a `:` or an indentation wrong?',
  BLOCK_AS_IMPLICIT_KEY: 'A block cannot be used as a key; check the indentation.',
  UNEXPECTED_TOKEN: 'Unexpected token.',
};

export default defineDocumentRule({
  meta: {
    id: 'yaml-syntax',
    category: 'api',
    severity: 'error',
    fixable: true,
    docs: {
      description: 'YAML that the parser rejects: duplicate keys, bad indentation, tabs, unclosed brackets or quotes.',
      remediation: 'Correct the YAML at the marked place. Tabs used for indentation are replaced by spaces by the quick fix.',
    },
  },
  checkDocument(ctx) {
    for (const err of ctx.doc.errors) {
      const [start, end] = err.pos;
      const first = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      const hint = HINTS[err.code];
      const message = hint && !first.startsWith(hint) ? `${hint} (${first})` : first;
      const tabFix =
        err.code === 'TAB_AS_INDENT'
          ? {
              title: 'Replace tabs with spaces',
              edit: () => {
                // the tabs that start this line's indentation
                let s = start;
                while (s > 0 && ctx.text[s - 1] === '\t') s--;
                let e = start;
                while (e < ctx.text.length && ctx.text[e] === '\t') e++;
                return { start: s, end: e, text: ' '.repeat(2 * (e - s)) };
              },
            }
          : undefined;
      ctx.report({ start, end: Math.max(end, start + 1 <= ctx.text.length ? start + 1 : start), message, fix: tabFix });
    }
  },
});
