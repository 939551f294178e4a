/**
 * "Every value a fix cannot know carries a `# TODO`", made checkable: a value a fix invents is a number
 * with a unit (`128Mi`, `100m`) or a number of three digits or more (a UID, a port, seconds) that the document does
 * not already contain. A fix that writes one must write a TODO comment with it, in block and in flow style.
 */
import { isCollection, parseAllDocuments, visit } from 'yaml';
import type { Fix } from '../../server/src/engine';

const QUANTITY = /(?<![\w./:-])\d+(?:\.\d+)?(?:m|k|Ki|Mi|Gi|Ti|Pi|M|G|T)(?![\w./-])/g;
const NUMBER = /(?<![\w./:-])\d{3,}(?![\w./-])/g;

function withoutComments(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, ''))
    .join('\n');
}

/** The values a fix writes that the original text does not contain. */
export function inventedValues(original: string, fix: Fix): string[] {
  const have = new Set([...original.matchAll(QUANTITY), ...original.matchAll(NUMBER)].map((m) => m[0]));
  const out: string[] = [];
  for (const e of fix.edits) {
    const text = withoutComments(e.newText);
    for (const m of [...text.matchAll(QUANTITY), ...text.matchAll(NUMBER)]) if (!have.has(m[0])) out.push(m[0]);
  }
  return [...new Set(out)];
}

/** Invented values of a fix that comes without a `# TODO`. */
export function untoldValues(original: string, fix: Fix): string[] {
  const invented = inventedValues(original, fix);
  if (invented.length === 0) return [];
  return fix.edits.some((e) => /#\s*TODO\b/.test(e.newText)) ? [] : invented;
}

/**
 * The same manifests with every collection from the third level down written in flow style
 * (`containers: [{name: c, resources: {limits: {cpu: 1}}}]`), as generators and some authors write them.
 * Comments are dropped; only the structure matters here.
 */
export function toFlowStyle(text: string): string {
  const docs = parseAllDocuments(text);
  if (docs.some((d) => !('contents' in d) || d.errors.length > 0)) return text;
  return docs
    .map((d) => {
      visit(d, {
        Collection(_k, node, path) {
          if (path.filter((p) => isCollection(p)).length >= 3) node.flow = true;
        },
      });
      return d.toString({ lineWidth: 0 });
    })
    .join('---\n');
}
