/**
 * A `# TODO` beside a value a fix cannot know (a memory limit, a UID, a port) must survive in flow style too, where
 * a comment cannot stand inside `{…}` or `[…]` on one line. Block renderers write the comment themselves; for an
 * edit whose text could not carry it, this adds it:
 * - at the end of the line when nothing follows the edit there;
 * - inside a flow collection, after the inserted value, and the rest of the line (`}}`) continues on the next line,
 *   indented deeper than the line (YAML allows line breaks and comments between flow entries);
 * - above the line when an author's comment ends it (two comments cannot share a line).
 * The edit grows only over text it leaves as it was, so it stays one edit.
 */
import type { LineIndex } from './lines';
import type { YamlValue } from './render';
import { Commented, Raw } from './render';

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/** Every comment carried by `Commented` values inside `value`, outermost first. */
export function commentsIn(value: YamlValue): string[] {
  const out: string[] = [];
  const walk = (v: YamlValue): void => {
    if (v instanceof Commented) {
      out.push(v.comment);
      walk(v.value);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object' && !(v instanceof Raw)) {
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(value);
  return out;
}

/** Whether `value` carries a `Commented` anywhere (`commentsIn` is not empty), without building the list. */
function hasComment(v: YamlValue): boolean {
  if (v instanceof Commented) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (hasComment(v[i])) return true;
    return false;
  }
  if (v && typeof v === 'object' && !(v instanceof Raw)) {
    const record = v as { [key: string]: YamlValue };
    for (const k in record) if (Object.prototype.hasOwnProperty.call(record, k) && hasComment(record[k])) return true;
  }
  return false;
}

/** The edit, with the comments of `value` that its text does not already carry. */
export function keepFlowComments(
  text: string,
  lines: LineIndex,
  eol: string,
  unit: number,
  edit: TextSpan,
  value: YamlValue,
): TextSpan {
  // Most fixes write no `# TODO`: they leave here before any list or set is built (every fix of a big file passes).
  if (!hasComment(value)) return edit;
  const missing = [...new Set(commentsIn(value).filter((c) => !edit.text.includes(`# ${c}`)))];
  if (missing.length === 0) return edit;
  const comment = `# ${missing.join('; ')}`;
  let lineEnd = text.indexOf('\n', edit.end);
  if (lineEnd === -1) lineEnd = text.length;
  else if (text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(edit.end, lineEnd);
  if (rest.trim() === '') return { ...edit, text: `${edit.text} ${comment}` };
  const lineStart = lines.lineStart(lines.positionAt(edit.start).line);
  const indent = /^[ ]*/.exec(text.slice(lineStart, lineEnd))![0];
  if (rest.trimStart().startsWith('#')) {
    return {
      start: lineStart,
      end: edit.end,
      text: `${indent}${comment}${eol}${text.slice(lineStart, edit.start)}${edit.text}`,
    };
  }
  return { ...edit, text: `${edit.text} ${comment}${eol}${indent}${' '.repeat(unit)}` };
}
