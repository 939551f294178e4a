/**
 * Charts and overlays in the editor. A file inside a chart (a folder with Chart.yaml, subcharts belong to their
 * parent) or used by a kustomization is linted through its render: helm template / kubectl kustomize run in the
 * background when such a file is first opened and again when one is saved (never per keystroke), with progress for
 * the first render, and results cached by the content of the chart's or overlay's files. A render error is one
 * diagnostic on Chart.yaml, kustomization.yaml or the template helm names, with the next step; without helm, the
 * chart's files are linted as before (templates skipped), and one information message says why.
 */
import { createHash } from 'node:crypto';
import type { LintDiagnostic, RuleSet } from '../engine';
import type { RenderHost, RenderOptions } from '../render/host';
import { RENDER_FAILED } from '../render/host';
import type { RenderLintResult, RenderedSource } from '../render/helm/lint-chart';
import { lintChart } from '../render/helm/lint-chart';
import type { BuildContext } from '../render/kustomize/lint-overlay';
import { buildFolders, findKustomizeRoots, lintOverlay, seesBuild } from '../render/kustomize/lint-overlay';
import { KUSTOMIZATION_NAMES } from '../render/kustomize/kustomization';
import { mergeOverlayFindings } from '../render/kustomize/merge';
import { chartOf, kustomizationOf } from '../render/roots';
import { fileUriToPath } from './paths';
import { probeEdit } from './render-probe';
import type { Progress } from './workspace-files';

/** Pause after a save before rendering, so that "save all" renders once. */
export const RENDER_DELAY_MS = 200;

export interface RenderManagerHost {
  render: RenderHost;
  /** The rule set and render options for a file (its folder's settings). */
  optionsFor(path: string): Promise<{ ruleSet: RuleSet; options: RenderOptions; enabled: boolean }>;
  progress(title: string): Promise<Progress>;
  /** One information message per missing tool and session. */
  inform(message: string): void;
  /** Results changed: re-publish open documents. */
  changed(): void;
  /** Kustomization folders known in the workspace (to find the overlays that use a base). */
  kustomizationDirs(): string[];

  /** Errors (the output channel's error level). */
  log(message: string): void;
  /** What the renders do (the output channel). */
  info(message: string): void;
}

interface Root {
  kind: 'chart' | 'overlay';
  dir: string;
}

interface RootState {
  key?: string;
  result?: Map<string, LintDiagnostic[]>;
  rendered?: RenderedSource[];
  running?: Promise<void>;
  again?: boolean;
  timer?: NodeJS.Timeout;
}

export class RenderManager {
  private readonly states = new Map<string, RootState>();
  private readonly informed = new Set<string>();
  private readonly rootsCache = new Map<string, Root[]>();

  constructor(private readonly host: RenderManagerHost) {}

  /** The roots a file belongs to: its outermost chart, or the top overlays that use its kustomization. */
  rootsOf(path: string): Root[] {
    let roots = this.rootsCache.get(path);
    if (!roots) this.rootsCache.set(path, (roots = this.findRoots(path)));
    return roots;
  }

  private findRoots(path: string): Root[] {
    const chart = this.chartOf(path);
    if (chart) return [{ kind: 'chart', dir: chart }];
    const dirs = this.host.kustomizationDirs();
    const own = this.kustomizationOf(path);
    if (!own) return [];
    const found = findKustomizeRoots(this.host.render, [...new Set([...dirs, own])]);
    if (!found.files.has(path) && !isKustomizationFile(path)) return [];
    const roots = found.roots.filter((r) => {
      const one = findKustomizeRoots(this.host.render, [r]);
      return one.files.has(path);
    });
    return roots.map((dir) => ({ kind: 'overlay' as const, dir }));
  }

  /**
   * The render findings for a document (a `file:` URI) that belongs to a chart or an overlay: what lsp/linting.ts
   * publishes instead of linting it as a file; 'pending' while its first render runs; undefined when it belongs to none.
   */
  findingsFor(uri: string): LintDiagnostic[] | 'pending' | undefined {
    const path = fileUriToPath(uri);
    if (path === undefined) return undefined;
    const p = slashPath(path);
    return this.diagnosticsFor(p) ?? this.toolMissingFor(p);
  }

  /** Diagnostics for a file from the renders it belongs to; undefined when it belongs to none (lint it as a file). */
  diagnosticsFor(path: string): LintDiagnostic[] | 'pending' | undefined {
    let roots = this.rootsOf(path);
    // A values file outside the chart (kubewise.helm.valuesFiles): the renders that placed findings on it.
    if (roots.length === 0)
      roots = [...this.states]
        .filter(([, state]) => state.result?.has(path))
        .map(([dir]) => ({ kind: 'chart' as const, dir }));
    if (roots.length === 0) return undefined;
    const lists: LintDiagnostic[][] = [];
    for (const root of roots) {
      const state = this.states.get(root.dir);
      if (state?.result) lists.push(state.result.get(path) ?? []);
    }
    // Overlays sharing a base: one finding per cause, its fix only when they all propose the same edit.
    if (lists.length) return lists.length === 1 ? lists[0] : mergeOverlayFindings(lists);
    // Without the tool, the files are linted on their own as before; while the first render runs, a patch or a
    // base is not judged as a whole object (which it is not): nothing is published until the findings arrive.
    return roots.every((r) => this.missing.has(r.dir)) ? undefined : 'pending';
  }

  /**
   * The rendered documents of the charts or overlays a file belongs to, once the renders started so far are done
   * (live drift compares them); undefined when it belongs to none. Empty when none could be rendered: a template or
   * a patch is not something to compare as it is written.
   */
  async renderedFor(path: string): Promise<RenderedSource[] | undefined> {
    const roots = this.rootsOf(path);
    if (roots.length === 0) return undefined;
    this.opened(path);
    await this.idle();
    return roots.flatMap((r) => this.states.get(r.dir)?.rendered ?? []);
  }

  /**
   * Why `text` in place of the file at `path` would break a chart or overlay it belongs to (the render fails, or
   * gains an error finding), tried on a copy; undefined when it holds, or when there is no render to compare with.
   */
  async probe(path: string, text: string): Promise<string | undefined> {
    for (const root of this.rootsOf(path)) {
      const last = this.states.get(root.dir)?.result;
      if (!last) continue;
      const { ruleSet, options } = await this.host.optionsFor(`${root.dir}/x`);
      const reason = await probeEdit(this.host.render, root, path, text, ruleSet, options, last);
      if (reason) return reason;
    }
    return undefined;
  }

  /** A file was opened: render its chart or overlays unless a result is there already. */
  opened(path: string): void {
    for (const root of this.rootsOf(path)) if (!this.states.get(root.dir)?.result) this.schedule(root, 0);
  }

  /** A file was saved: render again (the cache skips it when no file of the root changed). */
  saved(path: string): void {
    // a saved kustomization may add or drop resources: where files belong is read again
    if (isKustomizationFile(path) || path.endsWith('/Chart.yaml')) this.rootsCache.clear();
    const roots = this.rootsOf(path);
    for (const root of roots) this.schedule(root, RENDER_DELAY_MS);
    if (roots.length > 0 || this.chartOf(path)) return;
    // a plain file a build sees (an HPA beside a base, or above a chart): that build is linted again with it
    for (const dir of this.states.keys()) {
      const root: Root = { kind: this.chartOf(dir + '/x') === dir ? 'chart' : 'overlay', dir };
      if (seesBuild(this.folders(root), path)) this.schedule(root, RENDER_DELAY_MS);
    }
  }

  /** Settings changed: every render may differ. */
  invalidate(): void {
    this.rootsCache.clear();
    for (const [dir, state] of this.states) {
      state.key = undefined;
      this.schedule({ kind: this.chartOf(dir + '/x') === dir ? 'chart' : 'overlay', dir }, 0);
    }
  }

  dispose(): void {
    for (const s of this.states.values()) if (s.timer) clearTimeout(s.timer);
  }

  /** Resolves when every render started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.states.values()].map((s) => s.running).filter((p): p is Promise<void> => !!p);
      const timers = [...this.states.values()].some((s) => s.timer);
      if (running.length === 0 && !timers) return;
      await Promise.all(running);
      if (timers) await new Promise((r) => setTimeout(r, RENDER_DELAY_MS));
    }
  }

  private schedule(root: Root, delay: number): void {
    let state = this.states.get(root.dir);
    if (!state) this.states.set(root.dir, (state = {}));
    if (state.timer) clearTimeout(state.timer);
    const s = state;
    s.timer = setTimeout(() => {
      s.timer = undefined;
      if (s.running) {
        s.again = true;
        return;
      }
      s.running = this.render(root, s).finally(() => {
        s.running = undefined;
        if (s.again) {
          s.again = false;
          this.schedule(root, 0);
        }
      });
    }, delay);
  }

  private async render(root: Root, state: RootState): Promise<void> {
    try {
      const { ruleSet, options, enabled } = await this.host.optionsFor(`${root.dir}/x`);
      // kubewise.enable: false, or the folder in ignorePaths: no helm or kubectl runs for it.
      if (!enabled) return;
      const context = this.beside(root);
      const key = this.contentKey(root.dir, options, ruleSet, context);
      const name = root.dir.slice(root.dir.lastIndexOf('/') + 1);
      if (key === state.key && state.result) {
        this.host.info(`${name}: no file changed since the last render; results kept.`);
        return;
      }
      const started = Date.now();
      const first = !state.result;
      const title = `Kubewise: ${root.kind === 'chart' ? 'rendering chart' : 'building overlay'} ${root.dir.slice(root.dir.lastIndexOf('/') + 1)}`;
      const progress = first ? await this.host.progress(title) : undefined;
      let r: RenderLintResult;
      try {
        r =
          root.kind === 'chart'
            ? await lintChart(this.host.render, root.dir, ruleSet, options, context)
            : await lintOverlay(this.host.render, root.dir, ruleSet, options, context);
      } finally {
        progress?.done();
      }
      const files = new Map(r.files);
      if (r.error) {
        const p = r.error.placement;
        const d: LintDiagnostic = {
          ruleId: RENDER_FAILED,
          severity: r.error.toolMissing ? 'info' : 'error',
          message: r.error.message,
          range: {
            start: { line: p.line, character: p.character },
            end: { line: p.endLine, character: p.endCharacter },
          },
        };
        files.set(p.file, [d, ...(files.get(p.file) ?? [])]);
        if (r.error.toolMissing && !this.informed.has(r.error.message)) {
          this.informed.add(r.error.message);
          this.host.inform(r.error.message);
        }
      }
      // Without the tool, only the diagnostic on Chart.yaml / kustomization.yaml comes from here: every other
      // file is linted as before (templates skipped).
      state.result = r.error?.toolMissing ? undefined : files;
      state.rendered = r.rendered;
      if (r.error?.toolMissing) this.missing.set(root.dir, files);
      else this.missing.delete(root.dir);
      state.key = key;
      this.host.info(
        `${name}: ${root.kind === 'chart' ? 'rendered' : 'built'} and linted in ${Date.now() - started} ms.`,
      );
      this.host.changed();
    } catch (e) {
      this.host.log(`Rendering ${root.dir} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      // The files are linted on their own rather than waiting for a render that will not come.
      this.missing.set(root.dir, new Map());
      this.host.changed();
    }
  }

  /** Roots whose tool is missing: only their render-failed diagnostic, on Chart.yaml or kustomization.yaml. */
  private readonly missing = new Map<string, Map<string, LintDiagnostic[]>>();

  /** The "install helm" diagnostic for Chart.yaml / kustomization.yaml when the tool is missing. */
  toolMissingFor(path: string): LintDiagnostic[] | undefined {
    for (const files of this.missing.values()) {
      const list = files.get(path);
      if (list) return list;
    }
    return undefined;
  }

  /** A hash of every file below the root (and of the options): unchanged content, no new render. */
  /**
   * The plain manifests a chart's or an overlay's build sees (`seesBuild`), read from disk: the files in its folders and below
   * them, and those directly in the folders above, up to the repository's top (the folder with `.git`). Read from
   * disk rather than from the workspace's index, which may still be filling when the first build runs.
   */
  private beside(root: Root): BuildContext[] {
    const folders = this.folders(root);
    const paths = new Set<string>();
    // YAML only: a JSON file there is far more often package.json or a lock file than a manifest
    const manifest = (name: string): boolean => /\.ya?ml$/i.test(name);
    const walk = (d: string, depth: number): void => {
      for (const e of this.host.render.listDir(d) ?? []) {
        if (e.name === '.git' || e.name === 'node_modules') continue;
        if (e.dir) {
          if (depth < 8) walk(`${d}/${e.name}`, depth + 1);
        } else if (manifest(e.name)) paths.add(`${d}/${e.name}`);
      }
    };
    for (const folder of folders) {
      walk(folder, 0);
      for (let d = folder, up = 0; up < 8 && d.lastIndexOf('/') > 0; up++) {
        const entries = this.host.render.listDir(d) ?? [];
        if (entries.some((e) => e.name === '.git')) break;
        d = d.slice(0, d.lastIndexOf('/'));
        for (const e of this.host.render.listDir(d) ?? []) if (!e.dir && manifest(e.name)) paths.add(`${d}/${e.name}`);
      }
    }
    const out: BuildContext[] = [];
    for (const path of [...paths].sort()) {
      if (isKustomizationFile(path) || this.chartOf(path) || this.rootsOf(path).length > 0) continue;
      const text = this.host.render.readFile(path);
      if (text !== undefined) out.push({ uri: path, text });
    }
    return out;
  }

  /** The folders a root's objects are built from: a chart's own, an overlay's and its bases' (`buildFolders`). */
  private folders(root: Root): string[] {
    return root.kind === 'chart' ? [root.dir] : buildFolders(this.host.render, root.dir);
  }

  private contentKey(dir: string, options: RenderOptions, ruleSet: RuleSet, context: readonly BuildContext[]): string {
    const hash = createHash('sha1');
    for (const c of context) hash.update(`${c.uri}\0${c.text}\0`);
    hash.update(JSON.stringify(options));
    hash.update(ruleSet.key ?? '');
    const files = new Set<string>();
    const walk = (d: string, depth: number): void => {
      if (depth > 12) return;
      for (const e of (this.host.render.listDir(d) ?? []).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.name === '.git' || e.name === 'node_modules') continue;
        if (e.dir) walk(`${d}/${e.name}`, depth + 1);
        else files.add(`${d}/${e.name}`);
      }
    };
    walk(dir, 0);
    // An overlay also reads its bases, wherever they are.
    for (const f of findKustomizeRoots(this.host.render, [dir]).files) files.add(f);
    for (const f of options.valuesFiles ?? []) files.add(f);
    for (const f of [...files].sort()) {
      hash.update(f);
      hash.update('\0');
      hash.update(this.host.render.readFile(f) ?? '');
      hash.update('\0');
    }
    return hash.digest('hex');
  }

  private chartOf(path: string): string | undefined {
    return chartOf(this.host.render, path);
  }

  private kustomizationOf(path: string): string | undefined {
    return kustomizationOf(this.host.render, path);
  }
}

function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_NAMES.some((n) => path.endsWith('/' + n));
}

/** A path with forward slashes, as the render layer keys files. */
export function slashPath(p: string): string {
  return p.replace(/\\/g, '/');
}
