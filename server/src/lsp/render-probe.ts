/**
 * A quick fix on a file of a chart or an overlay, tried before it is applied: the chart or overlay is copied to a
 * temporary folder with the fixed text in place of the file, rendered there with the real helm or kubectl, and
 * compared with its last render. The user's files are never written. Used when the editor resolves a fix
 * (`codeAction/resolve`): the time of one render, once, for the action the user chose.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LintDiagnostic, RuleSet } from '../engine';
import type { RenderHealth } from '../render/health';
import { healthOf, worseHealth } from '../render/health';
import { lintChart } from '../render/helm/lint-chart';
import type { RenderHost, RenderOptions } from '../render/host';
import { dirnameOf, RENDER_FAILED } from '../render/host';
import { findKustomizeRoots, lintOverlay } from '../render/kustomize/lint-overlay';

export interface ProbeRoot {
  kind: 'chart' | 'overlay';
  dir: string;
}

/**
 * Why `text` in place of `file` makes the root's render worse than `last` (it fails, or gains an error finding);
 * undefined when it does not.
 */
export async function probeEdit(
  render: RenderHost,
  root: ProbeRoot,
  file: string,
  text: string,
  ruleSet: RuleSet,
  options: RenderOptions,
  last: Map<string, LintDiagnostic[]>,
): Promise<string | undefined> {
  const valuesFiles = options.valuesFiles ?? [];
  const files = new Set([...filesOf(render, root), ...valuesFiles, file]);
  const top = commonFolder([...files]);
  const copy = mkdtempSync(join(tmpdir(), 'kubewise-fix-check-')).replace(/\\/g, '/');
  const moved = (f: string): string => copy + f.slice(top.length);
  try {
    for (const f of files) {
      mkdirSync(dirnameOf(moved(f)), { recursive: true });
      if (f === file) writeFileSync(moved(f), text);
      else if (render.readFile(f) !== undefined) copyFileSync(f, moved(f));
    }
    const opts = { ...options, valuesFiles: valuesFiles.map(moved) };
    const r =
      root.kind === 'chart'
        ? await lintChart(render, moved(root.dir), ruleSet, opts)
        : await lintOverlay(render, moved(root.dir), ruleSet, opts);
    // helm and kustomize name the copy's paths in their messages: name the user's
    if (r.error) r.error = { ...r.error, message: r.error.message.split(copy).join(top) };
    const after = healthOf(r, (f) => (f.startsWith(copy) ? top + f.slice(copy.length) : f));
    return worseHealth(lastHealth(last), after);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The health of a render as the editor keeps it: its findings by file, a render error among them. */
function lastHealth(files: Map<string, LintDiagnostic[]>): RenderHealth {
  const failed = [...files.values()].flat().find((d) => d.ruleId === RENDER_FAILED && d.severity === 'error');
  return healthOf({ files, error: failed && { message: failed.message } });
}

/** Every file the root's render reads: the chart's folder, or the files of the overlay and its bases. */
function filesOf(render: RenderHost, root: ProbeRoot): string[] {
  if (root.kind === 'overlay') return [...findKustomizeRoots(render, [root.dir]).files];
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 12) return;
    for (const e of render.listDir(d) ?? []) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      if (e.dir) walk(`${d}/${e.name}`, depth + 1);
      else out.push(`${d}/${e.name}`);
    }
  };
  walk(root.dir, 0);
  return out;
}

function commonFolder(files: readonly string[]): string {
  let common = dirnameOf(files[0]);
  for (const f of files) while (!f.startsWith(common + '/') && common.length > 1) common = dirnameOf(common);
  return common === '/' ? '' : common;
}
