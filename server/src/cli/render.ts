/**
 * Charts and overlays among the files `kubewise lint` was given: a folder with a Chart.yaml is rendered with
 * `helm template`, a folder with a kustomization.yaml is built with kubectl/kustomize, and their findings come back
 * placed on the chart's templates and values, or the overlay's patches and bases. Their files are then not linted
 * one by one as well (a template is not YAML; a base would be blamed once per overlay and for what they fix).
 */
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import type { RuleSet } from '../engine';
import { byPosition } from '../engine/ranges';
import type { LintDiagnostic, RuleFailure } from '../engine/types';
import type { RenderHost, RenderOptions } from '../render/host';
import { RENDER_FAILED } from '../render/host';
import { lintChart } from '../render/helm/lint-chart';
import type { BuildContext } from '../render/kustomize/lint-overlay';
import {
  buildFolders,
  buildOverlay,
  buildSources,
  findKustomizeRoots,
  lintBuiltOverlay,
  seesBuild,
} from '../render/kustomize/lint-overlay';
import { mergeOverlayFindings } from '../render/kustomize/merge';
import { chartOf, kustomizationOf } from '../render/roots';
import type { DiscoveryEvent } from './files';

export interface RenderRoots {
  charts: string[];
  overlays: string[];
  /** Roots found through files named on their own: only those files are reported. */
  only?: Map<string, Set<string>>;
  /** Files (absolute, forward slashes) whose findings come through rendering. */
  covered(abs: string): boolean;
}

const CHART = /(^|\/)Chart\.ya?ml$/;
const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

export function slash(p: string): string {
  return sep === '\\' ? p.replace(/\\/g, '/') : p;
}

/** Finds the top charts (subcharts are rendered by their parent) and the overlays no other overlay uses. */
export function findRenderRoots(events: readonly DiscoveryEvent[], host: RenderHost): RenderRoots {
  const chartDirs: string[] = [];
  const kustomizeDirs: string[] = [];
  for (const ev of events) {
    if (ev.type !== 'file') continue;
    const abs = slash(ev.file.abs);
    if (CHART.test(abs)) chartDirs.push(abs.slice(0, abs.lastIndexOf('/')));
    else if (KUSTOMIZATION.test(abs)) kustomizeDirs.push(abs.slice(0, abs.lastIndexOf('/')));
  }
  const charts = chartDirs.filter((d) => !chartDirs.some((o) => o !== d && d.startsWith(o + '/')));
  const kustomize = findKustomizeRoots(host, kustomizeDirs);
  const coveredDirs = [...charts, ...kustomize.folders];
  const covered = (p: string): boolean => coveredDirs.some((d) => p.startsWith(d + '/')) || kustomize.files.has(p);
  // A file named on its own (a pre-commit hook passes changed files) that belongs to a chart or a kustomization:
  // render that, and report only the named files of it.
  const only = new Map<string, Set<string>>();
  const overlays = [...kustomize.roots];
  for (const ev of events) {
    if (ev.type !== 'file' || ev.file.discovered) continue;
    const abs = slash(ev.file.abs);
    const chart = chartOf(host, abs);
    const root = chart ?? kustomizationOf(host, abs);
    if (!root) continue;
    if (!only.has(root)) {
      // its folder was given too: rendered whole already
      if (covered(abs)) continue;
      only.set(root, new Set());
      (chart ? charts : overlays).push(root);
    }
    only.get(root)!.add(abs);
  }
  const named = new Set([...only.values()].flatMap((s) => [...s]));
  return {
    charts,
    overlays,
    only,
    covered: (abs) => {
      const p = slash(abs);
      return covered(p) || named.has(p);
    },
  };
}

export interface RenderedOutcome {
  files: Map<string, LintDiagnostic[]>;
  failures: RuleFailure[];
  /** Roots that could not be rendered because the tool is missing: their files are linted as plain files. */
  fallback: string[];
  /** Messages for stderr (one per missing tool). */
  notes: string[];
  /**
   * The rendered documents of the charts some plain file sees (`chartsSeen`), by chart folder: the plain files'
   * index holds their objects (a template is no manifest until helm renders it).
   */
  chartDocuments: Map<string, Array<{ uri: string; text: string }>>;
}

export async function lintRenderRoots(
  roots: RenderRoots,
  host: RenderHost,
  ruleSet: RuleSet,
  options: RenderOptions,
  /**
   * The plain files of the run (absolute, forward slashes): those in an overlay's folders are in the index its build
   * is linted with (`buildFolders`), as its objects are in theirs (./lint.ts `context`).
   */
  plainFiles: readonly string[] = [],
): Promise<RenderedOutcome> {
  const files = new Map<string, LintDiagnostic[]>();
  const failures: RuleFailure[] = [];
  const fallback: string[] = [];
  const notes = new Set<string>();
  const wanted = (root: string, file: string): boolean => !roots.only?.has(root) || roots.only.get(root)!.has(file);
  // Overlays sharing a base reach its lines with their own object names in the messages: one cause, one finding.
  const add = (file: string, list: readonly LintDiagnostic[], loose = false): void => {
    let out = files.get(file);
    if (!out) files.set(file, (out = []));
    const seen = new Set(out.map((d) => keyOf(d, loose)));
    for (const d of list) if (!seen.has(keyOf(d, loose))) out.push(d);
  };
  const chartDocuments = new Map<string, Array<{ uri: string; text: string }>>();
  for (const chart of roots.charts) {
    const context = besideFolders(host, [chart], plainFiles);
    const r = await lintChart(host, chart, ruleSet, options, context);
    if (context.length > 0 && r.documents) chartDocuments.set(chart, r.documents);
    failures.push(...r.failures);
    if (r.error?.toolMissing) {
      fallback.push(chart);
      notes.add(r.error.message);
      continue;
    }
    if (r.error) add(r.error.placement.file, [renderErrorDiagnostic(r.error.message, r.error.placement)]);
    for (const [file, list] of r.files) if (wanted(chart, file)) add(file, list);
  }
  const fromOverlays = new Map<string, LintDiagnostic[][]>();
  // kubectl builds the overlays side by side, one process per core; their outputs are linted here in order
  const builds = limited(roots.overlays, availableParallelism(), (overlay) => buildOverlay(host, overlay, options));
  for (const [i, overlay] of roots.overlays.entries()) {
    const built = await builds[i];
    const r = built.ok
      ? lintBuiltOverlay(host, overlay, built.text, ruleSet, options, beside(host, overlay, plainFiles))
      : { files: new Map<string, LintDiagnostic[]>(), failures: [], error: built.error };
    failures.push(...r.failures);
    if (r.error?.toolMissing) {
      fallback.push(overlay);
      notes.add(r.error.message);
      continue;
    }
    if (r.error) add(r.error.placement.file, [renderErrorDiagnostic(r.error.message, r.error.placement)]);
    for (const [file, list] of r.files) {
      if (!wanted(overlay, file)) continue;
      let lists = fromOverlays.get(file);
      if (!lists) fromOverlays.set(file, (lists = []));
      lists.push(list);
    }
  }
  // A base shared by overlays: one finding per cause, its fix only when they all propose the same edit.
  for (const [file, lists] of fromOverlays) add(file, mergeOverlayFindings(lists), true);
  for (const list of files.values()) list.sort(byPosition);
  return { files, failures, fallback, notes: [...notes], chartDocuments };
}

/**
 * The files the overlays that some of `plainFiles` see (`seesBuild`, the relation by which an overlay's build sees
 * them) build from (`buildSources`: kustomizations and their resources): the plain files' index holds their objects. Overlays no plain file sees are left out, so that their files
 * are not parsed twice for nothing.
 */
export function buildFilesSeen(roots: RenderRoots, host: RenderHost, plainFiles: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (plainFiles.length === 0) return out;
  for (const overlay of roots.overlays) {
    const folders = buildFolders(host, overlay);
    if (!plainFiles.some((p) => seesBuild(folders, p))) continue;
    for (const f of buildSources(host, overlay)) out.add(f);
  }
  return out;
}

/** The plain files an overlay's objects see (`seesBuild`), read. */
function beside(host: RenderHost, overlay: string, plainFiles: readonly string[]): BuildContext[] {
  if (plainFiles.length === 0) return [];
  return besideFolders(host, buildFolders(host, overlay), plainFiles);
}

/** The charts some of `plainFiles` see (`seesBuild`: those lying directly in a folder above the chart). */
export function chartsSeen(roots: RenderRoots, plainFiles: readonly string[]): string[] {
  return roots.charts.filter((chart) => plainFiles.some((p) => seesBuild([chart], p)));
}

/** The plain files that objects built from `folders` see (`seesBuild`), read. */
function besideFolders(host: RenderHost, folders: readonly string[], plainFiles: readonly string[]): BuildContext[] {
  const out: BuildContext[] = [];
  for (const uri of plainFiles) {
    if (!seesBuild(folders, uri)) continue;
    const text = host.readFile(uri);
    if (text !== undefined) out.push({ uri, text });
  }
  return out;
}

/**
 * `run` on every item, at most `limit` at once (a finished one hands its turn to the next), as promises in the items'
 * order. A promise that fails before its turn to be awaited is not an unhandled rejection: its awaiter still sees it.
 */
function limited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Array<Promise<R>> {
  let active = 0;
  const waiting: Array<() => void> = [];
  const turn = (): Promise<void> =>
    active < limit ? (active++, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve));
  const done = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return items.map((item) => {
    const p = turn().then(async () => {
      try {
        return await run(item);
      } finally {
        done();
      }
    });
    p.catch(() => undefined);
    return p;
  });
}

function renderErrorDiagnostic(
  message: string,
  p: { line: number; character: number; endLine: number; endCharacter: number },
): LintDiagnostic {
  return {
    ruleId: RENDER_FAILED,
    severity: 'error',
    message,
    range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } },
  };
}

function keyOf(d: LintDiagnostic, loose: boolean): string {
  return `${d.range.start.line}\0${d.range.start.character}\0${d.ruleId}${loose ? '' : '\0' + d.message}`;
}
