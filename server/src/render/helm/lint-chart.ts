/**
 * `kubewise lint <chart>` and the editor's chart linting: render with helm, lint every rendered object as one
 * workspace (so an HPA and its Deployment, or a Service and its pods, see each other), and place each finding on
 * the chart's own files.
 */
import type { BuildContext } from '../kustomize/lint-overlay';
import type { RuleSet } from '../../engine';
import { Workspace } from '../../engine';
import { byPosition } from '../../engine/ranges';
import { isSuppressedByComment, scanIgnoreComments } from '../../engine/suppressions';
import type { LintDiagnostic, RuleFailure } from '../../engine/types';
import { messageIdOf } from '../../engine/types';
import { YamlSource } from '../../yaml/paths';
import type { RenderHost, RenderOptions } from '../host';
import type { RenderError, RenderedDoc } from './chart';
import { CHART_FILE, renderChart } from './chart';
import type { DocContext, ValuesSource } from './map';
import { mapDiagnostic } from './map';
import type { HelperDefinition } from './helpers';
import { findDefinitions } from './helpers';
import type { TemplateLine } from './template-lines';
import { alignRendered, analyseTemplate } from './template-lines';

export interface RenderLintResult {
  /** Findings by absolute file path (only files of the chart, or the values files given). */
  files: Map<string, LintDiagnostic[]>;
  failures: RuleFailure[];
  /** Set when the chart could not be rendered: one diagnostic's worth, with the next step. */
  error?: RenderError;
  /** Each rendered document, with where a place in it comes from (live drift compares rendered objects). */
  rendered?: RenderedSource[];
  /**
   * A chart's rendered documents as it lints them: keyed by their template's absolute path (`#2`, `#3` … for more
   * from one template). Plain files beside the chart index them (cli/render.ts).
   */
  documents?: Array<{ uri: string; text: string }>;
}

/** A rendered document and the mapping of findings, for anything else that is placed on the source files. */
export interface RenderedSource {
  text: string;
  /** The namespace objects without one are installed in (helm's `--namespace`). */
  namespace?: string;
  /**
   * Where a rendered position comes from, mapped as a finding there would be; for a chart, when that is a values
   * file, then also the template line that writes the key.
   */
  place(line: number, character: number): Placed[];
}

export interface Placed {
  file: string;
  line: number;
  character: number;
}

/** A rendered position as a finding with no message or fix, placed by a finding's mapping. */
export function placeBy(
  map: (d: LintDiagnostic) => { file: string; diagnostic: LintDiagnostic },
): RenderedSource['place'] {
  return (line, character) => {
    const at = { line, character };
    const { file, diagnostic } = map({ ruleId: '', severity: 'info', message: '', range: { start: at, end: at } });
    return [{ file, ...diagnostic.range.start }];
  };
}

/** The chart's mapping, then the template line the rendered line was aligned with (a key fed from values). */
function placeInChart(ctx: DocContext): RenderedSource['place'] {
  const mapped = placeBy((d) => mapDiagnostic(d, ctx));
  return (line, character) => {
    const out = mapped(line, character);
    const t = ctx.alignment[line]?.line;
    if (t && out[0].file !== ctx.templateFile) {
      const text = t.text.trimEnd();
      out.push({ file: ctx.templateFile, line: t.index, character: text.length - text.trimStart().length });
    }
    return out;
  };
}

export async function lintChart(
  host: RenderHost,
  chartDir: string,
  ruleSet: RuleSet,
  options: RenderOptions,
  context: readonly BuildContext[] = [],
): Promise<RenderLintResult> {
  const rendered = await renderChart(host, chartDir, options);
  if (!rendered.ok) return { files: new Map(), failures: [], error: rendered.error };
  return lintRenderedChart(host, chartDir, rendered.docs, ruleSet, options, context);
}

/** Lints documents helm already rendered (the editor caches renders; tests and the bench time the parts). */
export function lintRenderedChart(
  host: RenderHost,
  chartDir: string,
  docs: readonly RenderedDoc[],
  ruleSet: RuleSet,
  options: RenderOptions,
  /** Plain manifests beside the chart: in the index its documents are linted with, not linted here. */
  context: readonly BuildContext[] = [],
): RenderLintResult {
  const namespace = options.namespace || 'default';
  const workspace = new Workspace(() => namespace);
  const uris: Array<{ uri: string; doc: RenderedDoc }> = [];
  const perSource = new Map<string, number>();
  for (const doc of docs) {
    const n = perSource.get(doc.source) ?? 0;
    perSource.set(doc.source, n + 1);
    // The template's own path as the key: cross-resource messages name the file that defines an object.
    const uri = `${chartDir}/${stripChartName(doc.source)}${n ? `#${n + 1}` : ''}`;
    workspace.setFile(uri, doc.text);
    uris.push({ uri, doc });
  }
  for (const c of context) workspace.setFile(c.uri, c.text);

  const templates = new Map<string, { text: string; lines: TemplateLine[] } | undefined>();
  const helpers = new Map<string, Map<string, HelperDefinition>>();
  const valuesCache = new Map<string, YamlSource | undefined>();
  const readValues = (file: string): YamlSource | undefined => {
    if (!valuesCache.has(file)) {
      const text = host.readFile(file);
      valuesCache.set(file, text === undefined ? undefined : new YamlSource(text));
    }
    return valuesCache.get(file);
  };

  const files = new Map<string, LintDiagnostic[]>();
  const failures: RuleFailure[] = [];
  const seen = new Set<string>();
  const suppressions = new Map<string, ReturnType<typeof scanIgnoreComments>>();
  const rendered: RenderedSource[] = [];

  for (const { uri, doc } of uris) {
    const result = workspace.lint(uri, ruleSet);
    failures.push(...result.failures);
    const rel = stripChartName(doc.source);
    const templateFile = `${chartDir}/${rel}`;
    if (!templates.has(templateFile)) {
      const text = host.readFile(templateFile);
      templates.set(templateFile, text === undefined ? undefined : { text, lines: analyseTemplate(text) });
    }
    const template = templates.get(templateFile);
    const renderedLines = doc.text.split('\n');
    if (renderedLines[renderedLines.length - 1] === '') renderedLines.pop();
    // The named templates of the template's own chart (a subchart's for its templates), read once per chart.
    const own = `${chartDir}/${rel.slice(0, rel.lastIndexOf('templates/'))}templates`;
    if (!helpers.has(own)) helpers.set(own, findDefinitions(host, own));
    // Parsed and aligned once per document, for all its findings.
    const ctx: DocContext | undefined = template && {
      templateFile,
      template: template.lines,
      alignment: alignRendered(template.lines, renderedLines),
      rendered: new YamlSource(doc.text),
      renderedLines,
      values: valuesChain(chartDir, rel, options, readValues),
      display: rel,
      helpers: helpers.get(own),
    };
    const chartFile = `${chartDir}/${CHART_FILE}`;
    rendered.push({
      text: doc.text,
      ...(options.namespace ? { namespace: options.namespace } : {}),
      place: ctx ? placeInChart(ctx) : () => [{ file: chartFile, ...dependencyLine(host, chartFile, rel) }],
    });
    for (const d of result.diagnostics) {
      let file: string;
      let diagnostic: LintDiagnostic;
      if (!ctx) {
        // A template we cannot read (a packaged .tgz subchart): its `dependencies:` entry in Chart.yaml (else the
        // first line), with where it was rendered.
        file = `${chartDir}/${CHART_FILE}`;
        const at = dependencyLine(host, file, rel);
        diagnostic = {
          ruleId: d.ruleId,
          severity: d.severity,
          message: `${d.message} (in ${doc.source}, line ${d.range.start.line + 1} of the rendered output)`,
          ...messageIdOf(d),
          range: { start: at, end: at },
        };
      } else {
        ({ file, diagnostic } = mapDiagnostic(d, ctx));
      }
      const key = `${file}\0${diagnostic.range.start.line}\0${diagnostic.range.start.character}\0${diagnostic.ruleId}\0${diagnostic.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // `# kubewise-ignore <rule>` on (or above) the line the finding lands on: template, values file.
      if (!suppressions.has(file)) suppressions.set(file, scanIgnoreComments(host.readFile(file) ?? ''));
      if (isSuppressedByComment(diagnostic.ruleId, diagnostic.range.start.line, suppressions.get(file)!)) continue;
      // … or on the include line of a helper it was placed in (a comment above `{{ include "x" . }}` still counts).
      if (
        diagnostic.related?.some((r) => {
          if (!suppressions.has(r.file)) suppressions.set(r.file, scanIgnoreComments(host.readFile(r.file) ?? ''));
          return isSuppressedByComment(diagnostic.ruleId, r.range.start.line, suppressions.get(r.file)!);
        })
      )
        continue;
      let list = files.get(file);
      if (!list) files.set(file, (list = []));
      list.push(diagnostic);
    }
  }
  for (const list of files.values()) list.sort(byPosition);
  return { files, failures, rendered, documents: uris.map(({ uri, doc }) => ({ uri, text: doc.text })) };
}

/** The `- name: <sub>` entry of Chart.yaml's dependencies for a template path `charts/<sub>/…`. */
function dependencyLine(host: RenderHost, chartFile: string, rel: string): { line: number; character: number } {
  const sub = /^charts\/([^/]+)\//.exec(rel)?.[1];
  const text = host.readFile(chartFile);
  if (!sub || text === undefined) return { line: 0, character: 0 };
  const src = new YamlSource(text);
  const deps = src.valueAt(0, ['dependencies']);
  const i = Array.isArray(deps)
    ? deps.findIndex(
        (d) =>
          d && typeof d === 'object' && ((d as { alias?: unknown }).alias ?? (d as { name?: unknown }).name) === sub,
      )
    : -1;
  const loc = i >= 0 ? src.locate(0, ['dependencies', i, 'name']) : undefined;
  return loc ? { line: loc.line, character: loc.character } : { line: 0, character: 0 };
}

/** `webapp/templates/x.yaml` → `templates/x.yaml`; `webapp/charts/cache/templates/x.yaml` → `charts/cache/…`. */
export function stripChartName(source: string): string {
  const i = source.indexOf('/');
  return i < 0 ? source : source.slice(i + 1);
}

/**
 * The values files a template's `.Values` come from, lowest priority first: for a subchart, its own values.yaml,
 * then each parent's values.yaml under the subchart's name, then the user's files (also under that name).
 */
export function valuesChain(
  chartDir: string,
  rel: string,
  options: RenderOptions,
  read: (file: string) => YamlSource | undefined,
): ValuesSource[] {
  const subcharts: string[] = [];
  const parts = rel.split('/');
  for (let i = 0; i + 1 < parts.length && parts[i] === 'charts'; i += 2) subcharts.push(parts[i + 1]);
  const out: ValuesSource[] = [];
  for (let level = subcharts.length; level >= 0; level--) {
    const dir =
      chartDir +
      subcharts
        .slice(0, level)
        .map((s) => `/charts/${s}`)
        .join('');
    const file = `${dir}/values.yaml`;
    const source = read(file);
    if (source) out.push({ file, source, prefix: subcharts.slice(level) });
  }
  for (const file of options.valuesFiles ?? []) {
    const source = read(file);
    if (source) out.push({ file, source, prefix: subcharts });
  }
  return out;
}
