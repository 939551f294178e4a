/**
 * How each line of a Helm template relates to helm's output. A line without actions is copied as is (a literal); a
 * line that mixes text and actions (`image: "{{ .Values.image }}"`) is a pattern; a line made only of actions either
 * produces output (`{{- toYaml .Values.resources | nindent 12 }}`, `{{ include "x" . }}`) or steers (`if`, `with`,
 * `range`, `end`, comments). Helm keeps indentation, so literal and pattern lines are found in the output verbatim.
 */

export type LineKind = 'literal' | 'pattern' | 'producer' | 'control';

export interface TemplateLine {
  index: number;
  text: string;
  kind: LineKind;
  /** For a pattern: the line as a regular expression (each action matches anything). */
  regex?: RegExp;
  /** For a producer: the column its output starts at (`nindent N` / `indent N`), else its own indentation. */
  outputIndent?: number;
  /** The `.Values` path the line's output comes from (`toYaml .Values.a.b`, or `toYaml .` inside `with .Values.a.b`). */
  valuesPath?: string[];
  /** A producer that expands a named template (`include`, `template`): its findings land on this line. */
  include?: string;
  /**
   * For a literal `key:` line whose value a producer writes from `.Values` (`resources:` then
   * `{{- toYaml .Values.resources | nindent 12 }}`, or inside `{{- with .Values.resources }}`): that values path.
   * Known even when helm skipped the block (an empty `with`), so a missing field can be placed on values.yaml.
   */
  feeds?: string[];
  /** For a literal `key:` line (or `- key:`), the key and the column it starts at. */
  key?: string;
  keyColumn?: number;
  /** Inside a `range` block: the line that opens the innermost one (its lines are written once per item). */
  inRange?: number;
}

const ACTION = /\{\{-?([\s\S]*?)-?\}\}/g;

/**
 * The part of a line in which ACTION can match: up to its last `}}`. Past it, each `{{` would make the lazy scan run
 * to the end of the line and fail (quadratic on a long line of `{{`).
 */
function actionSpan(line: string): string {
  const last = line.lastIndexOf('}}');
  return last < 0 ? '' : line.slice(0, last + 2);
}
const KEYED = /^\s*(?:-\s+)?[\w./-]+:\s+$/;
const CONTROL = /^\s*(?:\/\*|if\b|else\b|end\b|with\b|range\b|define\b|block\b|break\b|continue\b|\$[\w]*\s*:?=)/;
const VALUES_REF = /(?:^|[\s(|])(\$?\.Values((?:\.[A-Za-z_][\w-]*)*))(?=[\s)|]|$)/;
const DOT_REF = /(?:^|[\s(|])\.(?=[\s)|]|$)/;

/** Classifies every line of a template. `with .Values.x` scopes are tracked so that `toYaml .` knows its source. */
export function analyseTemplate(text: string): TemplateLine[] {
  const lines = text.split(/\r?\n/);
  const out: TemplateLine[] = [];
  // Scopes opened by if/with/range/define, each with what `.` means inside (when known).
  const scopes: Array<{ dot: string[] | undefined | 'same'; range?: number }> = [];
  const rangeNow = (): number | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].range !== undefined) return scopes[i].range;
    return undefined;
  };
  const dotNow = (): string[] | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const d = scopes[i].dot;
      if (d !== 'same') return d;
    }
    return undefined;
  };
  lines.forEach((line, index) => {
    const span = actionSpan(line);
    const actions = [...span.matchAll(ACTION)].map((m) => m[1].trim());
    const outside = span.replace(ACTION, '') + line.slice(span.length);
    // Track scopes from every action on the line, in order.
    for (const a of actions) {
      if (/^(if|define|block)\b/.test(a)) scopes.push({ dot: /^(define|block)\b/.test(a) ? undefined : 'same' });
      else if (/^with\b/.test(a)) {
        const ref = VALUES_REF.exec(' ' + a.slice(4));
        scopes.push({ dot: ref ? splitValues(ref[2]) : undefined });
      } else if (/^range\b/.test(a)) scopes.push({ dot: undefined, range: index });
      else if (/^end\b/.test(a)) scopes.pop();
    }
    const inRange = rangeNow();
    if (actions.length === 0) {
      out.push({ index, text: line, kind: 'literal', ...(inRange !== undefined && { inRange }) });
      return;
    }
    if (outside.trim() !== '') {
      const t: TemplateLine = { index, text: line, kind: 'pattern', regex: patternOf(line) };
      if (inRange !== undefined) t.inRange = inRange;
      // `key: {{ .Values.x }}`: the value comes from values.yaml.
      if (actions.length === 1) {
        const ref = VALUES_REF.exec(' ' + actions[0]);
        if (ref) t.valuesPath = splitValues(ref[2]);
      }
      // `key: {{- include "x" . | nindent 4 }}`: the line is matched by its key, and writes the block below it.
      const last = actions[actions.length - 1];
      const ind = /\bn?indent\s+(\d+)/.exec(last);
      const before = line.slice(0, line.indexOf('{{'));
      if (ind && /[^\s]/.test(before)) {
        t.outputIndent = Number(ind[1]);
        const inc = /\b(?:include|template)\s+"([^"]+)"/.exec(last);
        if (inc) {
          t.include = inc[1];
          t.valuesPath ??= renderedValue(last);
        } else if (!t.valuesPath) {
          const ref = VALUES_REF.exec(' ' + last);
          if (ref) t.valuesPath = splitValues(ref[2]);
          else if (DOT_REF.test(' ' + last)) t.valuesPath = dotNow();
        }
        // `resources: {{- toYaml .Values.resources | nindent 12 }}`: the key's whole value comes from values, also
        // when helm skipped the line (an `if .Values.resources` around it with `resources: {}`).
        const key = /^(\s*)([\w./-]+):\s*$/.exec(before);
        if (key && t.valuesPath && actions.length === 1) {
          t.key = key[2];
          t.keyColumn = key[1].length;
          t.feeds = t.valuesPath;
        }
      }
      out.push(t);
      return;
    }
    const producing = actions.filter((a) => !CONTROL.test(a) && a !== '');
    if (producing.length === 0) {
      out.push({ index, text: line, kind: 'control' });
      return;
    }
    const a = producing[producing.length - 1];
    const t: TemplateLine = { index, text: line, kind: 'producer' };
    const ind = /\b(n?indent)\s+(\d+)/.exec(a);
    t.outputIndent = ind ? Number(ind[2]) : line.length - line.trimStart().length;
    const inc = /\b(?:include|template)\s+"([^"]+)"/.exec(a);
    if (inc) {
      t.include = inc[1];
      t.valuesPath = renderedValue(a);
    } else {
      const ref = VALUES_REF.exec(' ' + a);
      if (ref) t.valuesPath = splitValues(ref[2]);
      else if (DOT_REF.test(' ' + a)) t.valuesPath = dotNow();
    }
    out.push(t);
  });
  for (const t of out) {
    if (t.kind !== 'literal') continue;
    const m = /^(\s*(?:-\s+)?)([\w./-]+):\s*(?:#.*)?$/.exec(t.text) ?? /^(\s*(?:-\s+)?)([\w./-]+):\s/.exec(t.text);
    if (m) {
      t.key = m[2];
      t.keyColumn = m[1].length;
    }
  }
  // A producer's values path belongs to the key line just above it (control lines between them do not count).
  for (let i = 0; i < out.length; i++) {
    const p = out[i];
    if (p.kind !== 'producer' || !p.valuesPath) continue;
    for (let k = i - 1; k >= 0; k--) {
      const t = out[k];
      if (t.kind === 'control') continue;
      if (t.kind === 'literal' && t.key && /:\s*(#.*)?$/.test(t.text) && (t.keyColumn ?? 0) < (p.outputIndent ?? 0))
        t.feeds = p.valuesPath;
      break;
    }
  }
  return out;
}

/**
 * An include that renders a values block as it is, by the common charts' convention
 * (`include "common.tplvalues.render" (dict "value" .Values.podSecurityContext "context" $)`): that values path.
 */
function renderedValue(action: string): string[] | undefined {
  const m = /"value"\s+\$?\.Values((?:\.[A-Za-z_][\w-]*)+)/.exec(action);
  return m ? splitValues(m[1]) : undefined;
}

function splitValues(rest: string): string[] {
  return rest.split('.').filter(Boolean);
}

function patternOf(line: string): RegExp {
  let src = '';
  let last = 0;
  let leftTrim = false;
  for (const m of actionSpan(line).matchAll(ACTION)) {
    let lit = line.slice(last, m.index);
    if (leftTrim) lit = lit.trimStart();
    if (m[0].startsWith('{{-')) lit = lit.trimEnd();
    src += escape(lit) + '.*?';
    leftTrim = m[0].endsWith('-}}');
    last = m.index! + m[0].length;
  }
  let tail = line.slice(last);
  if (leftTrim) tail = tail.replace(/^\s+/, '');
  src += escape(tail.trimEnd());
  return new RegExp('^' + src + '\\s*$');
}

/**
 * A `range` block writes its lines once per item, but the alignment above matches each template line once: the
 * other copies are matched here to the same lines (a copy follows the previous one, so the search resumes after the
 * line the previous rendered line matched, wrapping to the block's first line).
 */
function matchRangeCopies(
  candidates: readonly TemplateLine[],
  rendered: readonly string[],
  matchOf: Array<TemplateLine | undefined>,
  score: (t: TemplateLine, r: string) => number,
): void {
  const bodies = new Map<number, TemplateLine[]>();
  for (const t of candidates)
    if (t.inRange !== undefined) (bodies.get(t.inRange) ?? bodies.set(t.inRange, []).get(t.inRange)!).push(t);
  if (bodies.size === 0) return;
  const nextMatched: number[] = new Array(rendered.length + 1).fill(Infinity);
  for (let j = rendered.length - 1; j >= 0; j--) nextMatched[j] = matchOf[j] ? matchOf[j]!.index : nextMatched[j + 1];
  let prev: TemplateLine | undefined;
  for (let j = 0; j < rendered.length; j++) {
    if (matchOf[j]) {
      prev = matchOf[j];
      continue;
    }
    if (rendered[j].trim() === '') continue;
    const before = prev?.index ?? -1;
    for (const body of bodies.values()) {
      const open = body[0].inRange!;
      const end = body[body.length - 1].index;
      if (open > nextMatched[j] || end < before) continue;
      const from = prev && prev.inRange === open ? body.indexOf(prev) + 1 : 0;
      let hit: TemplateLine | undefined;
      for (let k = 0; k < body.length && !hit; k++) {
        const t = body[(from + k) % body.length];
        if (score(t, rendered[j]) > 0) hit = t;
      }
      if (hit) {
        matchOf[j] = hit;
        prev = hit;
        break;
      }
    }
  }
}

/**
 * Template lines as an include with `nindent N` / `indent N` writes them: every line N columns further right. Lines
 * of a helper are aligned with the rendered output this way; positions are shifted back when placed in its file.
 */
export function shiftLines(lines: readonly TemplateLine[], shift: number): TemplateLine[] {
  if (shift === 0) return [...lines];
  const pad = ' '.repeat(shift);
  return lines.map((t) => {
    const text = t.text.trim() === '' ? t.text : pad + t.text;
    const out: TemplateLine = { ...t, text };
    if (t.kind === 'pattern') out.regex = patternOf(text);
    if (t.outputIndent !== undefined) out.outputIndent = t.outputIndent + shift;
    if (t.keyColumn !== undefined) out.keyColumn = t.keyColumn + shift;
    return out;
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Aligns the lines of one rendered document with the template's lines: the longest common subsequence, where a
 * literal line matches its exact text and a pattern matches its expression. Returns, for each rendered line, the
 * template line it came from (matched), or the producer that most likely wrote it (unmatched lines lie between
 * two matched ones; the producers in that gap wrote them).
 */
export function alignRendered(
  template: readonly TemplateLine[],
  rendered: readonly string[],
): Array<{ line: TemplateLine; matched: boolean } | undefined> {
  // Blank lines anchor nothing: a producer's output often starts with one (a helper whose `define` keeps its
  // newline), and matching it to a blank template line further down would hand everything after it to no producer.
  const candidates = template.filter(
    (t) => (t.kind === 'literal' && t.text.trim() !== '') || (t.kind === 'pattern' && t.text.trim() !== ''),
  );
  const n = candidates.length;
  const m = rendered.length;
  const score = (t: TemplateLine, r: string): number => {
    if (t.kind === 'literal') {
      if (t.text.trimEnd() !== r.trimEnd()) return 0;
      return r.trim() === '' ? 1 : 4;
    }
    if (!t.regex!.test(r)) return 0;
    // `timeoutSeconds: {{ .Values.x }}` names its key as surely as a literal line: scored alike, so that a literal
    // `timeoutSeconds: 5` of a block helm skipped further down does not win the line and drag what follows with it.
    return KEYED.test(t.text.slice(0, t.text.indexOf('{{'))) ? 4 : 3;
  };
  // dp[i][j]: best score aligning candidates[i..] with rendered[j..].
  const w = m + 1;
  const dp = new Float64Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = score(candidates[i], rendered[j]);
      let best = Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
      if (s > 0) best = Math.max(best, s + dp[(i + 1) * w + j + 1]);
      dp[i * w + j] = best;
    }
  }
  const matchOf: Array<TemplateLine | undefined> = new Array(m).fill(undefined);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = score(candidates[i], rendered[j]);
    if (s > 0 && dp[i * w + j] === s + dp[(i + 1) * w + j + 1]) {
      matchOf[j] = candidates[i];
      i++;
      j++;
    } else if (dp[(i + 1) * w + j] > dp[i * w + j + 1]) i++;
    // On a tie, the rendered line is the one passed over (a producer wrote it): the template lines stay available,
    // so each rendered line matches the earliest template line it can, not a copy in a block helm skipped.
    else j++;
  }
  matchRangeCopies(candidates, rendered, matchOf, score);
  const out: Array<{ line: TemplateLine; matched: boolean } | undefined> = new Array(m).fill(undefined);
  let prevT = -1;
  for (let r = 0; r < m; r++) {
    const t = matchOf[r];
    if (t) {
      out[r] = { line: t, matched: true };
      prevT = t.index;
      continue;
    }
    let nextT = template.length;
    for (let k = r + 1; k < m; k++) {
      if (matchOf[k]) {
        nextT = matchOf[k]!.index;
        break;
      }
    }
    const indent = rendered[r].length - rendered[r].trimStart().length;
    let best: TemplateLine | undefined;
    // A key line that ends in `{{ … | nindent N }}` writes the block below it too, so the gap starts at it.
    for (let k = Math.max(prevT, 0); k < nextT && k < template.length; k++) {
      const p = template[k];
      const writes = p.kind === 'producer' || (p.kind === 'pattern' && p.outputIndent !== undefined);
      if (!writes || (p.outputIndent ?? 0) > indent || (k === prevT && p.kind !== 'pattern')) continue;
      if (!best || (p.outputIndent ?? 0) > (best.outputIndent ?? 0)) best = p;
    }
    if (best) out[r] = { line: best, matched: false };
  }
  return out;
}
