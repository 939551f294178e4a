/**
 * `kubewise lint <overlay>` and the editor's overlay linting: build with `kubectl kustomize` (or `kustomize build`),
 * lint the built objects as one workspace, and place each finding on the patch or base line that causes it.
 */
import type { RuleSet } from '../../engine';
import { Workspace } from '../../engine';
import { isSuppressedByComment, scanIgnoreComments } from '../../engine/suppressions';
import type { LintDiagnostic, RuleFailure } from '../../engine/types';
import { LineIndex } from '../../yaml/lines';
import { YamlSource } from '../../yaml/paths';
import type { ProcessResult, RenderHost, RenderOptions } from '../host';
import type { RenderError } from '../helm/chart';
import { firstLine } from '../helm/chart';
import type { RenderLintResult, RenderedSource } from '../helm/lint-chart';
import { placeBy } from '../helm/lint-chart';
import type { Kustomization } from './kustomization';
import { kustomizationFile, loadKustomization } from './kustomization';
import { mapOverlayDiagnostic } from './map';
import type { Origin } from './origins';
import { originsOf } from './origins';
import { withoutTrailingComment } from '../../yaml/lines';

/**
 * The kustomizations no other one among them uses (each is built once), and every file they read. A Component is
 * never a root: kustomize builds it only through a kustomization that lists it under `components:`. One that none of
 * them lists is not built; its patches (fragments, not objects) are kept from plain linting, its resources are not.
 */
export function findKustomizeRoots(
  host: RenderHost,
  dirs: readonly string[],
): { roots: string[]; folders: string[]; files: Set<string> } {
  const used = new Set<string>();
  const files = new Set<string>();
  const components: Kustomization[] = [];
  for (const dir of dirs) {
    const k = loadKustomization(host, dir);
    if (!k) continue;
    if (k.component) {
      components.push(k);
      continue;
    }
    for (const f of k.files) files.add(f);
    const walk = (x: Kustomization): void => {
      for (const r of x.resources) {
        if ('kustomization' in r) {
          used.add(r.kustomization.dir);
          walk(r.kustomization);
        }
      }
    };
    walk(k);
  }
  for (const c of components) {
    if (used.has(c.dir)) continue;
    files.add(c.file);
    for (const p of c.patches) files.add(p.file);
  }
  const roots = dirs.filter((d) => !used.has(d) && !components.some((c) => c.dir === d));
  return { roots, folders: [], files };
}

/**
 * The folders an overlay builds from: its own and those of every kustomization it uses, each with what lies below
 * it. Plain manifests there (a HorizontalPodAutoscaler beside a base, applied on its own) belong with its objects.
 */
export function buildFolders(host: RenderHost, dir: string): string[] {
  return kustomizationsUsed(host, dir).map((k) => k.dir);
}

/**
 * The kustomization files of an overlay and of every kustomization it uses, and the resource files they list: the
 * files whose objects it builds, as written (patches and components left out: a patch is no whole object).
 */
export function buildSources(host: RenderHost, dir: string): string[] {
  const out = new Set<string>();
  for (const k of kustomizationsUsed(host, dir)) {
    out.add(k.file);
    for (const r of k.resources) if ('file' in r) out.add(r.file.file);
  }
  return [...out];
}

/** An overlay's kustomization and every kustomization it uses, each once. */
function kustomizationsUsed(host: RenderHost, dir: string): Kustomization[] {
  const out = new Map<string, Kustomization>();
  const walk = (k: Kustomization): void => {
    if (out.has(k.dir)) return;
    out.set(k.dir, k);
    for (const r of k.resources) if ('kustomization' in r) walk(r.kustomization);
  };
  const k = loadKustomization(host, dir);
  if (k) walk(k);
  return [...out.values()];
}

/**
 * Whether a plain file at `path` (absolute, forward slashes) is seen by the objects an overlay builds from `folders`
 * (`buildFolders`): it lies in one of them or below, or directly in a folder above one (as a file in a collection
 * folder is seen by every unit below it: docs/cli.md, "How the workspace is scoped").
 */
export function seesBuild(folders: readonly string[], path: string): boolean {
  const dir = path.slice(0, path.lastIndexOf('/'));
  return folders.some((d) => path.startsWith(d + '/') || d.startsWith(dir + '/'));
}

export async function buildOverlay(
  host: RenderHost,
  dir: string,
  options: RenderOptions,
): Promise<{ ok: true; text: string } | { ok: false; error: RenderError }> {
  const attempts: Array<[string, string[]]> = [];
  if (options.kustomizePath) attempts.push([options.kustomizePath, ['build', dir]]);
  else if (options.kubectlPath) attempts.push([options.kubectlPath, ['kustomize', dir]]);
  else attempts.push(['kubectl', ['kustomize', dir]], ['kustomize', ['build', dir]]);
  const kfile = kustomizationFile(host, dir) ?? `${dir}/kustomization.yaml`;
  let last: ProcessResult | undefined;
  for (const [cmd, args] of attempts) {
    try {
      last = await host.run(cmd, args, { cwd: dir });
    } catch (e) {
      last = { code: null, stdout: '', stderr: (e as Error).message, notFound: true };
    }
    if (last.notFound) continue;
    if (last.code === 0) return { ok: true, text: last.stdout };
    // kustomize wraps its cause over several lines (which resource, which patch, why): keep them all. Its
    // deprecation warnings (`# Warning: 'bases' is deprecated`) come first on the same stream and are not the cause.
    const lines = (last.stderr || last.stdout)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const cause = lines.filter((l) => !/^# Warning:/.test(l));
    const reason = (cause.length > 0 ? cause : lines)
      .join(' ')
      .replace(/^error:\s*/i, '')
      .slice(0, 1000);
    return {
      ok: false,
      error: { placement: firstLine(kfile), message: `kustomize build failed: ${reason}`, toolMissing: false },
    };
  }
  const named = options.kustomizePath ?? options.kubectlPath;
  const flags = options.toolNames === 'flags';
  return {
    ok: false,
    error: {
      placement: firstLine(kfile),
      message: named
        ? `'${named}' was not found (${flags ? '--kustomize / --kubectl' : 'kubewise.kustomize.path / kubewise.kubectl.path'}): fix the path, or install kubectl (https://kubernetes.io/docs/tasks/tools/). The overlay's files are linted one by one until then.`
        : `Neither kubectl nor kustomize was found on PATH: install kubectl (https://kubernetes.io/docs/tasks/tools/) or ${flags ? 'name it with --kubectl <path> (or --kustomize <path>)' : 'set kubewise.kubectl.path / kubewise.kustomize.path'}. The overlay's files are linted one by one until then.`,
      toolMissing: true,
    },
  };
}

export async function lintOverlay(
  host: RenderHost,
  dir: string,
  ruleSet: RuleSet,
  options: RenderOptions,
  context: readonly BuildContext[] = [],
): Promise<RenderLintResult> {
  const built = await buildOverlay(host, dir, options);
  if (!built.ok) return { files: new Map(), failures: [], error: built.error };
  return lintBuiltOverlay(host, dir, built.text, ruleSet, options, context);
}

/** Plain manifests beside an overlay's build: their objects are in the index it is linted with, not linted here. */
export interface BuildContext {
  /** Absolute path, forward slashes. */
  uri: string;
  text: string;
}

export function lintBuiltOverlay(
  host: RenderHost,
  dir: string,
  text: string,
  ruleSet: RuleSet,
  options: RenderOptions,
  context: readonly BuildContext[] = [],
): RenderLintResult {
  const k = loadKustomization(host, dir);
  const kfile = k?.file ?? `${dir}/kustomization.yaml`;
  const origins = k ? originsOf(k) : [];
  const docs = text.split(/^---[ \t]*\r?\n/m).filter((t) => t.trim() !== '');
  const workspace = new Workspace(() => options.namespace || 'default');
  const entries: Array<{ uri: string; text: string; origin?: Origin }> = [];
  const used = new Map<string, number>();
  for (const doc of docs) {
    const v = new YamlSource(doc).docs[0]?.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
    const kind = typeof v?.kind === 'string' ? v.kind : '';
    const name = typeof v?.metadata?.name === 'string' ? v.metadata.name : '';
    const origin =
      origins.find((o) => o.kind === kind && o.name === name) ??
      origins.find((o) => o.kind === kind && name.includes(o.baseName));
    const base = origin?.file ?? kfile;
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    const uri = n ? `${base}#${n + 1}` : base;
    workspace.setFile(uri, doc);
    entries.push({ uri, text: doc, origin });
  }
  for (const c of context) workspace.setFile(c.uri, c.text);
  const files = new Map<string, LintDiagnostic[]>();
  const failures: RuleFailure[] = [];
  const seen = new Set<string>();
  const texts = new Map<string, string>();
  const readText = (f: string): string => {
    if (!texts.has(f)) texts.set(f, host.readFile(f) ?? '');
    return texts.get(f)!;
  };
  const sources: RenderedSource[] = [];
  for (const e of entries) {
    const result = workspace.lint(e.uri, ruleSet);
    failures.push(...result.failures);
    const rendered = new YamlSource(e.text);
    sources.push({ text: e.text, place: placeBy((d) => mapOverlayDiagnostic(d, rendered, e.origin, kfile)) });
    for (const d of result.diagnostics) {
      const { file, diagnostic } = mapOverlayDiagnostic(d, rendered, e.origin, kfile);
      // The end of the range: the end of the key's line (without a trailing comment).
      const t = readText(file);
      const lineText = new LineIndex(t).lineText(diagnostic.range.start.line);
      diagnostic.range.end = {
        line: diagnostic.range.start.line,
        character: Math.max(diagnostic.range.start.character, withoutTrailingComment(lineText).trimEnd().length),
      };
      // One cause, one finding: a base line reached through several objects or overlays is reported once.
      const key = `${file}\0${diagnostic.range.start.line}\0${diagnostic.range.start.character}\0${diagnostic.ruleId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (isSuppressedByComment(diagnostic.ruleId, diagnostic.range.start.line, scanIgnoreComments(t))) continue;
      let list = files.get(file);
      if (!list) files.set(file, (list = []));
      list.push(diagnostic);
    }
  }
  for (const list of files.values())
    list.sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
  return { files, failures, rendered: sources };
}
