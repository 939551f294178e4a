/**
 * `kubewise lint --fix` on charts and overlays, guarded: a fix is only kept when the chart or overlay still renders
 * after it, the file it edited is still YAML (templates aside: helm reads those), and the render reports no error
 * finding it did not report before. Otherwise every file the fix touched is put back as it was, and the fix is
 * reported as not fixed, naming the finding, the file and why (the render error or the new error finding).
 */
import type { RuleSet } from '../engine';
import { applyOffsetEdits, pickCompatibleFixes } from '../engine/apply';
import { isBulkFix } from '../engine/fix-safety';
import type { Fix, LintDiagnostic } from '../engine/types';
import { lintChart } from '../render/helm/lint-chart';
import type { RenderHost, RenderOptions } from '../render/host';
import type { RenderHealth } from '../render/health';
import { healthOf, worseHealth } from '../render/health';
import { lintOverlay } from '../render/kustomize/lint-overlay';
import { loadKustomization } from '../render/kustomize/kustomization';
import { LineIndex } from '../yaml/lines';
import { YamlSource } from '../yaml/paths';
import type { RenderRoots } from './render';
import { lintRenderRoots } from './render';

/** Fix passes for charts and overlays: at most this many renders (each pass applies the fixes that do not clash). */
export const MAX_RENDER_FIX_PASSES = 8;

/** A fix that was applied, found to break its chart or overlay, and rolled back. */
export interface NotFixed {
  /** The file the fix edited (absolute, forward slashes), put back as it was. */
  file: string;
  /** The finding the fix was for, where it was reported (0-based). */
  ruleId: string;
  message: string;
  line: number;
  character: number;
  /** Why it was rolled back: the render error, the YAML error, or the error finding the fix brought. */
  reason: string;
}

export interface RenderFixResult {
  /** Fixes kept, per file. */
  fixed: Map<string, number>;
  notFixed: NotFixed[];
}

export async function fixRenderRoots(
  roots: RenderRoots,
  host: RenderHost,
  ruleSet: RuleSet,
  options: RenderOptions,
  write: (file: string, text: string) => void,
  /** Apply unsafe fixes too (`--unsafe-fixes`); safe ones only by default, as for plain files. */
  unsafe = false,
  /** The plain files of the run, whose objects the builds see as the report after it does (`lintRenderRoots`). */
  plainFiles: readonly string[] = [],
): Promise<RenderFixResult> {
  const fixed = new Map<string, number>();
  const notFixed: NotFixed[] = [];
  const refused = new Set<string>();
  const all = [
    ...roots.charts.map((dir) => ({ dir, chart: true })),
    ...roots.overlays.map((dir) => ({ dir, chart: false })),
  ];
  const health = new Map<string, RenderHealth>();
  const check = async (dirs: ReadonlyArray<{ dir: string; chart: boolean }>): Promise<Map<string, RenderHealth>> => {
    const out = new Map<string, RenderHealth>();
    for (const r of dirs) out.set(r.dir, await healthOfRoot(host, r.dir, r.chart, ruleSet, options));
    return out;
  };
  for (const [dir, h] of await check(all)) health.set(dir, h);
  // The roots a file is read by: its chart (or a values file given to every chart), the overlays that use it.
  const readers = (file: string): Array<{ dir: string; chart: boolean }> =>
    all.filter((r) =>
      r.chart
        ? file.startsWith(r.dir + '/') || (options.valuesFiles ?? []).includes(file)
        : (loadKustomization(host, r.dir)?.files.has(file) ?? false),
    );

  /**
   * Writes `next` over `text` and renders what reads the file again: the reason to roll back, or undefined when the
   * change holds. The file is put back unless the change holds and is to be kept.
   */
  const probe = async (file: string, text: string, next: string, keep: boolean): Promise<string | undefined> => {
    const yamlError = isTemplate(file) ? undefined : newYamlError(text, next);
    if (yamlError) return `the fixed file is not valid YAML (${yamlError})`;
    write(file, next);
    const affected = readers(file);
    const after = await check(affected);
    const reason = affected.map((r) => worseHealth(health.get(r.dir)!, after.get(r.dir)!)).find((x) => x !== undefined);
    if (reason !== undefined || !keep) write(file, text);
    else for (const [dir, h] of after) health.set(dir, h);
    return reason;
  };

  /** Every planned file written at once and rendered: undefined when all hold (then kept), else all put back. */
  const probeAll = async (planned: readonly Planned[]): Promise<string | undefined> => {
    if (planned.some((p) => !isTemplate(p.file) && newYamlError(p.text, p.next))) return 'not YAML';
    for (const p of planned) write(p.file, p.next);
    const affected = all.filter((r) => planned.some((p) => readers(p.file).includes(r)));
    const after = await check(affected);
    const reason = affected.map((r) => worseHealth(health.get(r.dir)!, after.get(r.dir)!)).find((x) => x !== undefined);
    if (reason !== undefined) for (const p of planned) write(p.file, p.text);
    else for (const [dir, h] of after) health.set(dir, h);
    return reason;
  };

  // Passes that apply fixes are limited; a pass that only found fixes to refuse does not count (it always refuses
  // at least one, so this ends).
  for (let pass = 0; pass < MAX_RENDER_FIX_PASSES; ) {
    const outcome = await lintRenderRoots(roots, host, ruleSet, options, plainFiles);
    let applied = 0;
    let refusedNow = 0;
    const planned: Planned[] = [];
    for (const [file, list] of outcome.files) {
      const candidates = list.filter((d) => isBulkFix(d.fix, unsafe) && !refused.has(keyOf(file, d)));
      const text = host.readFile(file);
      if (candidates.length === 0 || text === undefined) continue;
      const lines = new LineIndex(text);
      const { edits, count, chosen } = pick(lines, candidates);
      if (count === 0) continue;
      const next = applyOffsetEdits(text, edits);
      if (next !== text) planned.push({ file, text, next, lines, count, chosen });
    }
    // Every file of the pass at once first: one render of each chart or overlay when all the fixes hold (the usual
    // case); file by file only when something breaks.
    if (planned.length > 1 && (await probeAll(planned)) === undefined) {
      for (const p of planned) {
        fixed.set(p.file, (fixed.get(p.file) ?? 0) + p.count);
        applied += p.count;
      }
      planned.length = 0;
    }
    for (const { file, text, next, lines, count, chosen } of planned) {
      if ((await probe(file, text, next, true)) === undefined) {
        fixed.set(file, (fixed.get(file) ?? 0) + count);
        applied += count;
        continue;
      }
      // Something in the batch breaks the render: each fix alone on the file as it was (their positions are those
      // of that text). The ones that break it are reported and never tried again; the others come back in the
      // next pass from a fresh render.
      let firstHeld: string | undefined;
      for (const d of chosen) {
        const alone = applyOffsetEdits(text, pickCompatibleFixes(lines, [d.fix!]).edits);
        if (alone === text) continue;
        const reason = await probe(file, text, alone, false);
        if (reason === undefined) {
          firstHeld ??= alone;
          continue;
        }
        refused.add(keyOf(file, d));
        refusedNow++;
        notFixed.push({
          file,
          ruleId: d.ruleId,
          message: d.message,
          line: d.range.start.line,
          character: d.range.start.character,
          reason,
        });
      }
      // Each holds alone but not together: keep the first, the others are tried again on the new text.
      if (!chosen.some((d) => refused.has(keyOf(file, d))) && firstHeld !== undefined) {
        if ((await probe(file, text, firstHeld, true)) === undefined) {
          fixed.set(file, (fixed.get(file) ?? 0) + 1);
          applied++;
        }
      }
    }
    if (applied === 0 && refusedNow === 0) break;
    if (applied > 0) pass++;
  }
  return { fixed, notFixed };
}

/** A file's fixes of one pass: its text, the text they make, and the findings they fix. */
interface Planned {
  file: string;
  text: string;
  next: string;
  lines: LineIndex;
  count: number;
  chosen: LintDiagnostic[];
}

/** The compatible fixes of a file's findings, and which findings they belong to. */
function pick(
  lines: LineIndex,
  found: readonly LintDiagnostic[],
): ReturnType<typeof pickCompatibleFixes> & { chosen: LintDiagnostic[] } {
  const chosen: LintDiagnostic[] = [];
  const fixes: Fix[] = [];
  for (const d of found) {
    // a fix is taken when it adds to the set without clashing (pickCompatibleFixes keeps the order it is given)
    const trial = pickCompatibleFixes(lines, [...fixes, d.fix!]);
    if (trial.count === fixes.length + 1) {
      fixes.push(d.fix!);
      chosen.push(d);
    }
  }
  return { ...pickCompatibleFixes(lines, fixes), chosen };
}

async function healthOfRoot(
  host: RenderHost,
  dir: string,
  chart: boolean,
  ruleSet: RuleSet,
  options: RenderOptions,
): Promise<RenderHealth> {
  return healthOf(
    chart ? await lintChart(host, dir, ruleSet, options) : await lintOverlay(host, dir, ruleSet, options),
  );
}

/** The first YAML error of `next` when `text` had none (a file already broken is not blamed on the fix). */
function newYamlError(text: string, next: string): string | undefined {
  const firstError = (t: string): string | undefined => {
    for (const d of new YamlSource(t).docs) if (d.doc.errors.length) return d.doc.errors[0].message.split('\n')[0];
    return undefined;
  };
  if (firstError(text) !== undefined) return undefined;
  return firstError(next);
}

/** A chart template or helper: not YAML until helm renders it. */
function isTemplate(file: string): boolean {
  return /\/templates\//.test(file) || file.endsWith('.tpl');
}

function keyOf(file: string, d: LintDiagnostic): string {
  return `${file}\0${d.ruleId}\0${d.message}`;
}
