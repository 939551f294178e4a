/** The "ignore" code actions: an annotation on the object, or a comment on the line. */
import { Document, parseAllDocuments } from 'yaml';
import { objectsOf } from '../model/object';
import { YamlEditor } from '../yaml/edit';
import { LineIndex } from '../yaml/lines';
import { DocNav } from '../yaml/nodes';
import { splitSegments } from '../yaml/segments';
import { PARSE_OPTIONS } from './runner';
import { IGNORE_ANNOTATION_PREFIX } from './suppressions';
import { Fix, LintDiagnostic, Range } from './types';

export const REASON_PLACEHOLDER = 'TODO: why this is acceptable';

/** Adds `ignore-check.kubewise.dev/<rule>: "<reason>"` to the object the diagnostic belongs to. */
export function ignoreForObjectFix(text: string, diagnostic: LintDiagnostic): Fix | undefined {
  if (diagnostic.objectLine === undefined) return undefined;
  const seg = splitSegments(text).find((s, i, all) => {
    const next = all[i + 1];
    return diagnostic.objectLine! >= s.startLine && (!next || diagnostic.objectLine! < next.startLine);
  });
  if (!seg) return undefined;
  const lines = new LineIndex(seg.text);
  const localLine = diagnostic.objectLine - seg.startLine;
  for (const doc of parseAllDocuments(seg.text, PARSE_OPTIONS) as Document.Parsed[]) {
    for (const obj of objectsOf(doc)) {
      if (lines.positionAt(obj.node.range![0]).line !== localLine) continue;
      const editor = new YamlEditor(seg.text, lines, new DocNav(doc));
      const edit = editor.ensurePath(
        obj.node,
        ['metadata', 'annotations', IGNORE_ANNOTATION_PREFIX + diagnostic.ruleId],
        REASON_PLACEHOLDER,
      );
      if (!edit) return undefined;
      const s = lines.positionAt(edit.start);
      const e = lines.positionAt(edit.end);
      const range: Range = {
        start: { line: s.line + seg.startLine, character: s.character },
        end: { line: e.line + seg.startLine, character: e.character },
      };
      return { title: `Ignore ${diagnostic.ruleId} for this object`, edits: [{ range, newText: edit.text }] };
    }
  }
  return undefined;
}

/** Adds `# kubewise-ignore <rule>: <reason>` on the line above the diagnostic. */
export function ignoreOnLineFix(text: string, diagnostic: LintDiagnostic): Fix {
  const lines = new LineIndex(text);
  const line = diagnostic.range.start.line;
  const lineText = lines.lineText(line);
  const indent = lineText.length - lineText.trimStart().length;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Ignore ${diagnostic.ruleId} on this line`,
    edits: [
      {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        newText: `${' '.repeat(indent)}# kubewise-ignore ${diagnostic.ruleId}: ${REASON_PLACEHOLDER}${eol}`,
      },
    ],
  };
}

export const DOCS_BASE_URL = 'https://github.com/kubewise/kubewise/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
