/**
 * Maps a finding on helm's output back to the chart's files:
 * 1. a line the template writes literally (or as a pattern like `image: "{{ … }}"`) → that template line;
 * 2. a line written by `{{ toYaml .Values.x | nindent … }}` (or `toYaml .` inside `with .Values.x`) → the line of
 *    `x` (and the key below it) in the values file that sets it, with the fix rewritten as an edit of that file;
 *    a key whose whole value is such a block (`resources:` + `toYaml .Values.resources`) goes there too;
 * 3. a line written by `include "x" … | nindent N` of a definition in the chart's own `templates/` (`_helpers.tpl`) →
 *    the same steps inside the definition: the values key its line reads, else the helper line (the include line as
 *    related information);
 * 4. a line written by any other `include`/`template` (a library chart's) → the include line in the template;
 * 5. anything else → the template's first line, with the rendered path in the message.
 * Nothing is ever placed outside the chart's files and the values files the user gave.
 */
import type { LintDiagnostic, Fix, TextEdit } from '../../engine/types';
import { messageIdOf } from '../../engine/types';
import type { YamlPath } from '../../yaml/paths';
import { addedLeaves, YamlSource } from '../../yaml/paths';
import { applyEdits } from '../../engine/apply';
import { changedPaths } from '../diff';
import { RELEASE_NAME } from './chart';
import type { HelperDefinition } from './helpers';
import type { TemplateLine } from './template-lines';
import { alignRendered, shiftLines } from './template-lines';
import { withoutTrailingComment } from '../../yaml/lines';

export interface ValuesSource {
  file: string;
  source: YamlSource;
  /** Keys this file nests the template's chart's values under (a parent chart sets `<sub>.x` for a subchart). */
  prefix: string[];
}

export interface DocContext {
  /** The template file (absolute) and its text, analysed. */
  templateFile: string;
  template: TemplateLine[];
  /** For each rendered line: the template line it came from, or the producer that wrote it. */
  alignment: Array<{ line: TemplateLine; matched: boolean } | undefined>;
  rendered: YamlSource;
  renderedLines: string[];
  /** Values files, lowest priority first (own values.yaml, parent values, user's files). */
  values: ValuesSource[];
  /** The template's path inside the chart, for messages (`templates/deployment.yaml`). */
  display: string;
  /** The chart's own named templates, followed from `include` lines. */
  helpers?: Map<string, HelperDefinition>;
  /** Set inside a helper: the columns its lines are shifted by, and the first rendered line the include wrote. */
  helper?: { shift: number; from: number };
}

export interface MappedDiagnostic {
  file: string;
  diagnostic: LintDiagnostic;
}

export function mapDiagnostic(d: LintDiagnostic, ctx: DocContext): MappedDiagnostic {
  const start = d.range.start;
  const at = ctx.rendered.pathAt(start.line, start.character);
  const path: YamlPath = at?.path ?? [];
  const a = ctx.alignment[start.line];

  if (a?.matched) {
    const t = a.line;
    // The key is in the template, but its whole value comes from values.yaml: the fix belongs there.
    const fromValues = t.kind === 'pattern' && t.valuesPath ? t.valuesPath : valueBlockSource(ctx, start.line, path);
    if (fromValues) {
      const placed = placeInValues(d, ctx, fromValues, [], path);
      if (placed) return placed;
    }
    const fed = fedByFix(d, ctx) ?? quotedValue(d, ctx, t, path);
    if (fed) {
      const placed = placeInValues(d, ctx, fed.valuesPath, [], fed.root);
      if (placed) return placed;
    }
    return { file: ctx.templateFile, diagnostic: onTemplateLine(d, ctx, t) };
  }
  if (a) {
    const p = a.line;
    if (p.valuesPath) {
      const anchor = anchorOf(ctx, path);
      if (anchor) {
        const placed = placeInValues(d, ctx, p.valuesPath, path.slice(anchor.length), anchor);
        if (placed) return placed;
      }
    }
    const inHelper = p.include ? mapInHelper(d, ctx, p, start.line) : undefined;
    if (inHelper) return inHelper;
    return {
      file: ctx.templateFile,
      diagnostic: onTemplateLine(d, ctx, p, p.include ? ` (from template "${p.include}")` : ''),
    };
  }
  const first = ctx.template.find((t) => t.text.trim() !== '') ?? ctx.template[0];
  return {
    file: ctx.templateFile,
    diagnostic: onTemplateLine(d, ctx, first, ` (rendered at ${formatPath(path)})`),
  };
}

/**
 * A finding on what an `include "x" … | nindent N` wrote, placed inside the definition of `x`: its lines, N columns
 * further right, are aligned with the rendered lines the include wrote, and the finding is mapped as in a template.
 * Positions and fixes placed in the helper's file are shifted back by N. The include line goes along as related
 * information (the helper may be included in several places).
 */
function mapInHelper(d: LintDiagnostic, ctx: DocContext, p: TemplateLine, line: number): MappedDiagnostic | undefined {
  const def = ctx.helpers?.get(p.include!);
  const indent = /\binclude\s+"[^"]+"[^}]*\|\s*n?indent\s+(\d+)\s*-?\}\}/.exec(p.text);
  if (!def || !indent) return undefined;
  const shift = Number(indent[1]);
  const writtenBy = (l: number): boolean => {
    const x = ctx.alignment[l];
    return x ? x.line === p && !x.matched : ctx.renderedLines[l]?.trim() === '';
  };
  let from = line;
  let to = line;
  while (from > 0 && writtenBy(from - 1)) from--;
  while (to + 1 < ctx.renderedLines.length && writtenBy(to + 1)) to++;
  const body = shiftLines(def.lines, shift);
  const sub = alignRendered(body, ctx.renderedLines.slice(from, to + 1));
  if (!sub[line - from]) return undefined;
  const alignment: DocContext['alignment'] = new Array(ctx.renderedLines.length).fill(undefined);
  sub.forEach((x, i) => (alignment[from + i] = x));
  // One level: an include inside the helper stays on its line in the helper.
  const inner: DocContext = {
    ...ctx,
    templateFile: def.file,
    template: body,
    alignment,
    helpers: undefined,
    helper: { shift, from },
  };
  const mapped = mapDiagnostic(d, inner);
  const diagnostic = mapped.file === def.file ? unshift(mapped.diagnostic, shift) : mapped.diagnostic;
  const text = p.text.trimEnd();
  diagnostic.related = [
    {
      file: ctx.templateFile,
      range: {
        start: { line: p.index, character: text.length - text.trimStart().length },
        end: { line: p.index, character: text.length },
      },
      message: `included by ${ctx.display}`,
    },
  ];
  return { file: mapped.file, diagnostic };
}

/** A diagnostic placed on shifted helper lines, moved back `shift` columns (its fixes too, or dropped). */
function unshift(d: LintDiagnostic, shift: number): LintDiagnostic {
  const col = (p: { line: number; character: number }) => ({
    line: p.line,
    character: Math.max(0, p.character - shift),
  });
  const fix = (f: Fix): Fix | undefined => {
    const edits: TextEdit[] = [];
    for (const e of f.edits) {
      const lines = e.newText.split('\n');
      for (let i = e.range.start.character === 0 ? 0 : 1; i < lines.length; i++) {
        if (lines[i].trim() === '') continue;
        if (indentOf(lines[i]) < shift) return undefined;
        lines[i] = lines[i].slice(shift);
      }
      edits.push({ range: { start: col(e.range.start), end: col(e.range.end) }, newText: lines.join('\n') });
    }
    return { ...f, edits };
  };
  const out: LintDiagnostic = { ...d, range: { start: col(d.range.start), end: col(d.range.end) } };
  delete out.fix;
  delete out.suggestions;
  const f = d.fix && fix(d.fix);
  if (f) out.fix = f;
  const s = d.suggestions?.map(fix).filter((x): x is Fix => !!x);
  if (s?.length) out.suggestions = s;
  return out;
}

/**
 * A finding on a literal `key:` whose message quotes the value that one line of its block reads from values
 * (`hostPath:` above `path: {{ .Values.hostDir }}`, "mounts the node's /var/log"): that values key is what to change.
 */
function quotedValue(
  d: LintDiagnostic,
  ctx: DocContext,
  t: TemplateLine,
  path: YamlPath,
): { valuesPath: string[]; root: YamlPath } | undefined {
  if (t.kind !== 'literal' || t.key === undefined || !/:\s*(#.*)?$/.test(t.text) || path[path.length - 1] !== t.key)
    return undefined;
  const own = indentOf(t.text);
  let childColumn: number | undefined;
  const found: Array<{ valuesPath: string[]; root: YamlPath }> = [];
  for (let k = t.index + 1; k < ctx.template.length; k++) {
    const c = ctx.template[k];
    if (c.kind === 'control' || c.text.trim() === '' || c.text.trimStart().startsWith('#')) continue;
    const indent = c.kind === 'producer' ? (c.outputIndent ?? indentOf(c.text)) : indentOf(c.text);
    if (indent <= own) break;
    childColumn ??= indent;
    if (indent !== childColumn || c.kind !== 'pattern' || !c.valuesPath) continue;
    const key = /^\s*([\w./-]+):\s/.exec(c.text)?.[1];
    if (!key) continue;
    const value = ctx.rendered.valueAt(0, [...path, key]);
    if ((typeof value === 'string' || typeof value === 'number') && String(value).length >= 2)
      if (d.message.includes(String(value))) found.push({ valuesPath: c.valuesPath, root: [...path, key] });
  }
  return found.length === 1 ? found[0] : undefined;
}

export function formatPath(path: YamlPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : '.' + s)).join('') || '(document)';
}

/**
 * A finding whose fix adds or changes one key that the template fills from `.Values` (`resources:` inside
 * `{{- with .Values.resources }}`, skipped by helm because values.yaml has `resources: {}`): the values key is where
 * the fix belongs. Returns that values path and the rendered path of the key.
 */
function fedByFix(d: LintDiagnostic, ctx: DocContext): { valuesPath: string[]; root: YamlPath } | undefined {
  // Only templates with values-fed keys can place a finding this way.
  if (!d.fix || !ctx.template.some((t) => t.feeds)) return undefined;
  const after = fixedRendered(ctx, d.fix);
  if (!after) return undefined;
  const changed = changedPaths(ctx.rendered.docs[0]?.value, after.docs[0]?.value, []);
  if (changed.length === 0) return undefined;
  let common = changed[0];
  for (const c of changed) {
    let n = 0;
    while (n < common.length && n < c.length && common[n] === c[n]) n++;
    common = common.slice(0, n);
  }
  // The deepest key of the common prefix that the template fills from values, walking up.
  for (let n = common.length; n >= 1; n--) {
    const key = common[n - 1];
    if (typeof key !== 'string') continue;
    const feeds = fedKey(ctx, common.slice(0, n - 1), key);
    if (feeds) return { valuesPath: feeds, root: common.slice(0, n) };
  }
  return undefined;
}

/** The values path of the template's `key:` line directly below the rendered node at `parent`, if it is fed. */
function fedKey(ctx: DocContext, parent: YamlPath, key: string): string[] | undefined {
  const loc = ctx.rendered.locate(0, parent);
  if (!loc || loc.depth !== parent.length) return undefined;
  const a = ctx.alignment[loc.line];
  if (!a?.matched) {
    // Inside a helper, a key the include writes at its top level (`securityContext:` in
    // `{{- with .Values.podSecurityContext }}`, skipped while it is empty) hangs under the template's node.
    if (!ctx.helper || loc.line >= ctx.helper.from) return undefined;
    return ctx.template.find((t) => t.key === key && t.keyColumn === ctx.helper!.shift && t.feeds)?.feeds;
  }
  const start = a.line;
  const item = /^(\s*)-\s+/.exec(start.text);
  const own = start.text.length - start.text.trimStart().length;
  let childColumn = item ? item[0].length : undefined;
  for (let k = start.index + 1; k < ctx.template.length; k++) {
    const t = ctx.template[k];
    if (t.kind === 'control' || t.kind === 'producer' || t.text.trim() === '' || t.text.trimStart().startsWith('#'))
      continue;
    const indent = t.text.length - t.text.trimStart().length;
    if (indent <= own) break;
    childColumn ??= indent;
    if (t.key === key && t.keyColumn === childColumn && t.feeds) return t.feeds;
  }
  return undefined;
}

/**
 * The `.Values` path that feeds the key at rendered `line` (rendered path `path`): the block below it written by
 * `toYaml .Values.x`, or a key the template fills inside `{{- with .Values.x }}`. Right-sizing writes there.
 */
export function valuesFeeding(ctx: DocContext, line: number, path: YamlPath): string[] | undefined {
  const key = path[path.length - 1];
  return (
    valueBlockSource(ctx, line, path) ?? (typeof key === 'string' ? fedKey(ctx, path.slice(0, -1), key) : undefined)
  );
}

/** Whether the value of the key at `line` is one block written by a producer that reads `.Values`. */
function valueBlockSource(ctx: DocContext, line: number, path: YamlPath): string[] | undefined {
  if (path.length === 0) return undefined;
  const next = ctx.alignment[line + 1];
  if (!next || next.matched || !next.line.valuesPath) return undefined;
  const below = ctx.rendered.pathAt(line + 1, indentOf(ctx.renderedLines[line + 1] ?? ''));
  if (!below || !startsWith(below.path, path)) return undefined;
  const own = indentOf(ctx.renderedLines[line] ?? '');
  // Every following line until the block ends is written by that same producer.
  for (let l = line + 1; l < ctx.renderedLines.length; l++) {
    const text = ctx.renderedLines[l];
    if (text.trim() === '') continue;
    if (indentOf(text) <= own) break;
    if (ctx.alignment[l]?.line !== next.line) return undefined;
  }
  return next.line.valuesPath;
}

/** The longest prefix of `path` whose key the template writes literally (where a producer's block hangs). */
function anchorOf(ctx: DocContext, path: YamlPath): YamlPath | undefined {
  for (let n = path.length - 1; n >= 0; n--) {
    const prefix = path.slice(0, n);
    const loc = ctx.rendered.locate(0, prefix);
    if (!loc || loc.depth !== n) continue;
    if (ctx.alignment[loc.line]?.matched) return prefix;
  }
  return undefined;
}

function placeInValues(
  d: LintDiagnostic,
  ctx: DocContext,
  valuesPath: string[],
  rel: YamlPath,
  renderedRoot: YamlPath,
): MappedDiagnostic | undefined {
  let best: { v: ValuesSource; line: number; character: number; depth: number } | undefined;
  for (const v of ctx.values) {
    const want = [...v.prefix, ...valuesPath];
    const loc = v.source.locate(0, [...want, ...rel]);
    if (!loc || loc.depth < want.length) continue;
    if (!best || loc.depth >= best.depth) best = { v, line: loc.line, character: loc.character, depth: loc.depth };
  }
  if (!best) return undefined;
  const lines = best.v.source.lines;
  const lineText = lines.lineText(best.line);
  const end = withoutTrailingComment(lineText).trimEnd().length;
  const diagnostic: LintDiagnostic = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: `${d.message} (rendered by ${ctx.display})`,
    ...messageIdOf(d),
    range: {
      start: { line: best.line, character: best.character },
      end: { line: best.line, character: Math.max(end, best.character) },
    },
  };
  // The fix is kept only when it changes nothing but the values-fed block (rooted at `renderedRoot`, where
  // `valuesPath` is written), and can be written into the values file.
  if (d.fix) {
    const fix = valuesFix(d.fix, ctx, renderedRoot, best.v, [...best.v.prefix, ...valuesPath]);
    if (fix) diagnostic.fix = fix;
  }
  return { file: best.v.file, diagnostic };
}

/** The rendered document with a fix applied, parsed once per fix (the mapping steps share it). */
const fixedCache = new WeakMap<Fix, YamlSource | null>();
function fixedRendered(ctx: DocContext, fix: Fix): YamlSource | undefined {
  let cached = fixedCache.get(fix);
  if (cached === undefined) {
    try {
      cached = new YamlSource(applyEdits(ctx.rendered.text, fix.edits));
    } catch {
      cached = null;
    }
    fixedCache.set(fix, cached);
  }
  return cached ?? undefined;
}

function valuesFix(fix: Fix, ctx: DocContext, root: YamlPath, v: ValuesSource, valuesPath: string[]): Fix | undefined {
  const next = fixedRendered(ctx, fix);
  if (!next) return undefined;
  const before = ctx.rendered.valueAt(0, root);
  const changed = next.valueAt(0, root);
  // Outside the block, nothing may change.
  if (
    JSON.stringify(withAt(ctx.rendered.docs[0]?.value, root, null)) !==
    JSON.stringify(withAt(next.docs[0]?.value, root, null))
  )
    return undefined;
  let added = addedLeaves(before, changed);
  // A scalar fed from values (`replicas: {{ .Values.replicaCount }}`): set the values key itself.
  if (added.length === 1 && added[0].path.length === 0 && valuesPath.length > 0) {
    added = [{ path: [valuesPath[valuesPath.length - 1]], value: added[0].value }];
    valuesPath = valuesPath.slice(0, -1);
  }
  if (added.length === 0 || added.some((a) => a.path.length === 0)) return undefined;
  const todo = fix.edits.some((e) => e.newText.includes('TODO'));
  const edits = v.source.setLeaves(0, valuesPath, added, todo);
  if (!edits) return undefined;
  const lines = v.source.lines;
  return {
    title: `${fix.title} (in ${v.file.slice(v.file.lastIndexOf('/') + 1)})`,
    // A mapped fix changes what runs exactly as the rendered one would: it keeps the rule's kind (safe or unsafe).
    safety: fix.safety,
    changes: fix.changes,
    edits: edits.map((e) => ({
      range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) },
      newText: e.text,
    })),
  };
}

function withAt(value: unknown, path: YamlPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  let cur = copy as Record<string | number, unknown> | null;
  for (let i = 0; i < path.length - 1; i++) {
    if (!cur || typeof cur !== 'object') return copy;
    cur = cur[path[i]] as Record<string | number, unknown> | null;
  }
  if (cur && typeof cur === 'object') cur[path[path.length - 1]] = replacement;
  return copy;
}

function onTemplateLine(d: LintDiagnostic, ctx: DocContext, t: TemplateLine, suffix = ''): LintDiagnostic {
  const rendered = ctx.renderedLines[d.range.start.line] ?? '';
  const sameText = t.kind === 'literal' && rendered.trimEnd() === t.text.trimEnd();
  const content = t.text.trimEnd();
  const first = content.length - content.trimStart().length;
  const range =
    sameText && d.range.end.line === d.range.start.line
      ? {
          start: { line: t.index, character: d.range.start.character },
          end: { line: t.index, character: d.range.end.character },
        }
      : { start: { line: t.index, character: first }, end: { line: t.index, character: content.length } };
  const out: LintDiagnostic = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message + suffix,
    ...messageIdOf(d),
    range,
  };
  const map = (f: Fix): Fix | undefined => mapTemplateFix(f, ctx);
  if (d.fix) {
    const f = map(d.fix);
    if (f) out.fix = f;
  }
  if (d.suggestions) {
    const s = d.suggestions.map(map).filter((f): f is Fix => !!f);
    if (s.length) out.suggestions = s;
  }
  if (d.objectLine !== undefined) {
    const o = ctx.alignment[d.objectLine];
    if (o?.matched) out.objectLine = o.line.index;
  }
  return out;
}

/** Rewrites a fix's edits from rendered positions to template positions, when every edit sits on literal lines. */
function mapTemplateFix(fix: Fix, ctx: DocContext): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const e of fix.edits) {
    const insertion =
      e.range.start.line === e.range.end.line &&
      e.range.start.character === e.range.end.character &&
      e.range.start.character === 0;
    const start = insertion
      ? insertionPoint(e.range.start.line, ctx, indentOf(e.newText.replace(/^(?:\r?\n)+/, '')))
      : mapPosition(e.range.start, ctx);
    const end = insertion ? start : mapPosition(e.range.end, ctx);
    if (!start || !end) return undefined;
    edits.push({ range: { start, end }, newText: e.newText });
  }
  // New objects and copied selectors carry rendered names (`release-name-…`) that the template computes: writing
  // them into the template would pin one release's names, so such fixes are not offered there.
  if (edits.some((e) => /^---/m.test(e.newText) || e.newText.includes(RELEASE_NAME))) return undefined;
  return { title: fix.title, safety: fix.safety, changes: fix.changes, edits };
}

/**
 * Where a line inserted before rendered line `line` goes in the template: after the template line that wrote the
 * rendered line above it (a literal line, or a producer such as `{{ toYaml … }}` / `{{ include … }}`, then past the
 * `{{- end }}` lines that close its block, so the new line does not depend on that block's condition).
 */
function insertionPoint(
  line: number,
  ctx: DocContext,
  indent: number,
): { line: number; character: number } | undefined {
  for (let l = Math.min(line, ctx.renderedLines.length) - 1; l >= 0; l--) {
    const text = ctx.renderedLines[l];
    if (text.trim() === '') continue;
    if (text.startsWith('# Source:')) return undefined;
    const a = ctx.alignment[l];
    if (!a) return undefined;
    if (a.matched && a.line.kind !== 'literal' && a.line.kind !== 'pattern') return undefined;
    // The line above is part of what a producer (an include, a toYaml) writes: a new key nested inside that output
    // would be correct only as long as the producer writes the same block, whatever the values. Not offered.
    if (!a.matched && indent > (a.line.outputIndent ?? 0)) return undefined;
    let k = a.line.index + 1;
    // A producer sits in its own `{{- with … }}` block: the new line goes after the block's end.
    if (!a.matched)
      while (
        k < ctx.template.length &&
        ctx.template[k].kind === 'control' &&
        /^\s*\{\{-?\s*end\b/.test(ctx.template[k].text)
      )
        k++;
    return { line: pastDeeperLines(ctx, k, indent), character: 0 };
  }
  return undefined;
}

/**
 * From template line `from`, moves past the lines that would nest deeper than `indent` (the rest of the block
 * the new line follows, including blocks helm skipped this time, such as an empty `{{- with .Values.resources }}`),
 * with the `{{- end }}` lines that close them, but never out of a block opened before `from`.
 */
function pastDeeperLines(ctx: DocContext, from: number, indent: number): number {
  let at = from;
  let depth = 0;
  let deep = false;
  for (let k = from; k < ctx.template.length; k++) {
    const t = ctx.template[k];
    if (t.kind === 'control') {
      for (const m of t.text.matchAll(/\{\{-?\s*(if|with|range|define|block|end)\b/g)) {
        if (m[1] !== 'end') depth++;
        else if (depth === 0) {
          // The end of a block opened before `from`. A block whose lines all nest deeper than the new line (an
          // optional container in a list, a `range` over items) is part of the structure above it: the new line
          // goes after its end, so that it does not depend on the block's condition nor repeat per item.
          if (!blockIsDeeper(ctx, k, indent)) return at;
          at = k + 1;
        } else if (--depth === 0 && deep) {
          at = k + 1;
          deep = false;
        }
      }
      continue;
    }
    if (t.text.trim() === '' || t.text.trimStart().startsWith('#')) continue;
    const own = ownIndent(t);
    if (own <= indent) return at;
    if (depth === 0) at = k + 1;
    else deep = true;
  }
  return at;
}

/**
 * Whether every line of the block that template line `end` closes nests deeper than `indent`. `define` blocks are
 * never left (their lines are a helper's, not this template's).
 */
function blockIsDeeper(ctx: DocContext, end: number, indent: number): boolean {
  let depth = 0;
  for (let k = end - 1; k >= 0; k--) {
    const t = ctx.template[k];
    if (t.kind === 'control') {
      const marks = [...t.text.matchAll(/\{\{-?\s*(if|with|range|define|block|end)\b/g)].reverse();
      for (const m of marks) {
        if (m[1] === 'end') depth++;
        else if (depth > 0) depth--;
        else return m[1] !== 'define' && m[1] !== 'block';
      }
      continue;
    }
    if (t.text.trim() === '' || t.text.trimStart().startsWith('#')) continue;
    const own = ownIndent(t);
    if (own <= indent) return false;
  }
  return false;
}

/**
 * The column a template line's content nests at. A list item (`- name: x`) at a key's own column belongs to the key
 * above it (`volumes:` then `- name: x`, as helpers often write lists): it counts as one column deeper, so a new key
 * is never put between a list and its items.
 */
function ownIndent(t: TemplateLine): number {
  if (t.kind === 'producer') return t.outputIndent ?? indentOf(t.text);
  return indentOf(t.text) + (/^\s*-(\s|$)/.test(t.text) ? 1 : 0);
}

function mapPosition(
  p: { line: number; character: number },
  ctx: DocContext,
): { line: number; character: number } | undefined {
  const m = ctx.renderedLines.length;
  const lastRendered = ctx.renderedLines[m - 1] === '' ? m - 1 : m;
  if (p.line >= lastRendered && p.character === 0) {
    // The end of the document: after the template line that wrote the last rendered line.
    for (let l = lastRendered - 1; l >= 0; l--) {
      const a = ctx.alignment[l];
      if (ctx.renderedLines[l].trim() === '') continue;
      return a?.matched && a.line.kind === 'literal' ? { line: a.line.index + 1, character: 0 } : undefined;
    }
    return undefined;
  }
  const a = ctx.alignment[p.line];
  if (!a?.matched) return undefined;
  const r = ctx.renderedLines[p.line];
  const t = a.line.text;
  if (p.character === 0) return { line: a.line.index, character: 0 };
  if (p.character >= r.length) return { line: a.line.index, character: t.length };
  if (r.slice(0, p.character) === t.slice(0, p.character)) return { line: a.line.index, character: p.character };
  return undefined;
}

function startsWith(path: YamlPath, prefix: YamlPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}
