/** The "ignore" code actions: an annotation on the object, or a comment on the line. */
import { parseSegment } from '../model/segment';
import { LineIndex, toGlobalRange } from '../yaml/lines';
import { splitSegments } from '../yaml/segments';
import { IGNORE_ANNOTATION_PREFIX } from './suppressions';
import type { Fix, LintDiagnostic } from './types';

export const REASON_PLACEHOLDER = 'TODO: why this is acceptable';

/** Adds `ignore-check.kubewise.dev/<rule>: "<reason>"` to the object the diagnostic belongs to. */
export function ignoreForObjectFix(text: string, diagnostic: LintDiagnostic): Fix | undefined {
  if (diagnostic.objectLine === undefined) return undefined;
  const seg = splitSegments(text).find((s, i, all) => {
    const next = all[i + 1];
    return diagnostic.objectLine! >= s.startLine && (!next || diagnostic.objectLine! < next.startLine);
  });
  if (!seg) return undefined;
  const localLine = diagnostic.objectLine - seg.startLine;
  const parsed = parseSegment(seg.text);
  const found = parsed.objects.find((o) => o.localLine === localLine);
  if (!found) return undefined;
  const edit = found.editor.ensurePath(
    found.object.node,
    ['metadata', 'annotations', IGNORE_ANNOTATION_PREFIX + diagnostic.ruleId],
    REASON_PLACEHOLDER,
  );
  if (!edit) return undefined;
  const range = toGlobalRange(parsed.lines, edit.start, edit.end, seg.startLine);
  return { title: `Ignore ${diagnostic.ruleId} for this object`, edits: [{ range, newText: edit.text }] };
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
