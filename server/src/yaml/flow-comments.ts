/**
 * A `# TODO` beside a value a fix cannot know (a memory limit, a UID, a port) must survive in flow style too, where
 * a comment cannot stand inside `{…}` or `[…]` on one line. There the comment goes on a line of its own above the
 * line the edit touches, at that line's indentation; the edit is widened to cover that whole line, so it stays one
 * edit and never overlaps another fix's edit unnoticed.
 */
import { LineIndex } from './lines';
import { Commented, Raw, YamlValue } from './render';

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
      for (const x of Object.values(v as { [k: string]: YamlValue })) walk(x);
    }
  };
  walk(value);
  return out;
}

/** The edit, with the comments of `value` that its text does not already carry written on a line above. */
export function keepFlowComments(
  text: string,
  lines: LineIndex,
  eol: string,
  edit: TextSpan,
  value: YamlValue,
): TextSpan {
  const missing = commentsIn(value).filter((c) => !edit.text.includes(`# ${c}`));
  if (missing.length === 0) return edit;
  const lineStart = lines.lineStart(lines.positionAt(edit.start).line);
  let lineEnd = text.indexOf('\n', edit.end);
  if (lineEnd === -1) lineEnd = text.length;
  else if (text[lineEnd - 1] === '\r') lineEnd--;
  // A document that starts mid-line cannot happen; an edit that starts mid-line keeps what precedes it.
  const indent = /^[ ]*/.exec(text.slice(lineStart, edit.start))![0];
  const comment = `${indent}# ${[...new Set(missing)].join('; ')}${eol}`;
  return {
    start: lineStart,
    end: lineEnd,
    text: comment + text.slice(lineStart, edit.start) + edit.text + text.slice(edit.end, lineEnd),
  };
}
