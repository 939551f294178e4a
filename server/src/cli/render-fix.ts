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
import { RENDER_FAILED } from '../render/host';
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

/** What a render of one chart or overlay says, for comparing before and after a fix. */
interface Health {
  error?: string;
  /** Error findings by file, rule and message (positions move when a fix adds lines). */
  errors: Map<string, number>;
  /** One readable line per error key. */
  where: Map<string, string>;
}

export async function fixRenderRoots(
  roots: RenderRoots,
  host: RenderHost,
  ruleSet: RuleSet,
  options: RenderOptions,
  write: (file: string, text: string) => void,
  /** Apply unsafe fixes too (`--unsafe-fixes`); safe ones only by default, as for plain files. */
  unsafe = false,
): Promise<RenderFixResult> {
  const fixed = new Map<string, number>();
  const notFixed: NotFixed[] = [];
  const refused = new Set<string>();
  const all = [
    ...roots.charts.map((dir) => ({ dir, chart: true })),
    ...roots.overlays.map((dir) => ({ dir, chart: false })),
  ];
  const health = new Map<string, Health>();
  const check = async (dirs: ReadonlyArray<{ dir: string; chart: boolean }>): Promise<Map<string, Health>> => {
    const out = new Map<string, Health>();
    for (const r of dirs) out.set(r.dir, await healthOf(host, r.dir, r.chart, ruleSet, options));
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
    const reason = affected.map((r) => worse(health.get(r.dir)!, after.get(r.dir)!)).find((x) => x !== undefined);
    if (reason !== undefined || !keep) write(file, text);
    else for (const [dir, h] of after) health.set(dir, h);
    return reason;
  };

  // Passes that apply fixes are limited; a pass that only found fixes to refuse does not count (it always refuses
  // at least one, so this ends).
  for (let pass = 0; pass < MAX_RENDER_FIX_PASSES; ) {
    const outcome = await lintRenderRoots(roots, host, ruleSet, options);
    let applied = 0;
    let refusedNow = 0;
    for (const [file, list] of outcome.files) {
      const candidates = list.filter((d) => isBulkFix(d.fix, unsafe) && !refused.has(keyOf(file, d)));
      const text = host.readFile(file);
      if (candidates.length === 0 || text === undefined) continue;
      const lines = new LineIndex(text);
      const { edits, count, chosen } = pick(lines, candidates);
      if (count === 0) continue;
      const next = applyOffsetEdits(text, edits);
      if (next === text) continue;
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

async function healthOf(
  host: RenderHost,
  dir: string,
  chart: boolean,
  ruleSet: RuleSet,
  options: RenderOptions,
): Promise<Health> {
  const r = chart ? await lintChart(host, dir, ruleSet, options) : await lintOverlay(host, dir, ruleSet, options);
  const errors = new Map<string, number>();
  const where = new Map<string, string>();
  for (const [file, list] of r.files) {
    for (const d of list) {
      if (d.severity !== 'error' || d.ruleId === RENDER_FAILED) continue;
      const key = `${file}\0${d.ruleId}\0${d.message}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
      where.set(key, `${d.ruleId} at ${file}:${d.range.start.line + 1}: ${d.message}`);
    }
  }
  return { error: r.error?.message, errors, where };
}

/** Why `after` is worse than `before`: a render that fails now, or an error finding it did not have. */
function worse(before: Health, after: Health): string | undefined {
  if (after.error !== undefined && after.error !== before.error) return `the render fails: ${after.error}`;
  for (const [key, n] of after.errors)
    if (n > (before.errors.get(key) ?? 0)) return `the render gains an error: ${after.where.get(key)}`;
  return undefined;
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
