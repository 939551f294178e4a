/**
 * Right-sizing on Helm chart templates, through the render mapping of server/src/render/helm: the chart is
 * rendered with helm, each object rendered from the template is read as any manifest's (workloads.ts), and its
 * lines are mapped back to the template (the CodeLens goes on the template's `resources:` line). A container whose
 * resources come from values (`resources:` + `{{ toYaml .Values.resources | nindent 12 }}`, or a key inside
 * `{{- with .Values.resources }}`) names that values key, and the edit writes there, in the values file that sets
 * it (comments and indentation kept), never into the template.
 */
import { createHash } from 'node:crypto';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { parseObjects } from '../navigation/files';
import type { ProtocolRange, ResourcesEditParams, ResourcesEditResult, Workload } from '../protocol/metrics';
import type { RenderHost, RenderOptions } from '../render/host';
import { RELEASE_NAME, renderChart, type ChartRender } from '../render/helm/chart';
import { stripChartName, valuesChain } from '../render/helm/lint-chart';
import { valuesFeeding, type DocContext } from '../render/helm/map';
import { alignRendered, analyseTemplate } from '../render/helm/template-lines';
import { chartOf } from '../render/roots';
import { YamlSource } from '../yaml/paths';
import { LineIndex } from '../yaml/lines';
import { movedBlock, savedLinesIn } from './saved-lines';
import { workloadOf } from './workloads';

export interface ChartRenderer {
  readonly host: RenderHost;
  options(path: string): Promise<RenderOptions>;
}

/** Renders kept by the content of the chart's files (a lens refresh does not run helm again). */
const renders = new Map<string, { key: string; render: Promise<ChartRender> }>();

function contentKey(host: RenderHost, dir: string, options: RenderOptions): string {
  const hash = createHash('sha1');
  hash.update(JSON.stringify(options));
  const walk = (d: string, depth: number): void => {
    if (depth > 8) return;
    for (const e of (host.listDir(d) ?? []).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const p = `${d}/${e.name}`;
      if (e.dir) walk(p, depth + 1);
      else hash.update(`${p}\0${host.readFile(p) ?? ''}\0`);
    }
  };
  walk(dir, 0);
  for (const f of options.valuesFiles ?? []) hash.update(`${f}\0${host.readFile(f) ?? ''}\0`);
  return hash.digest('hex');
}

/** The chart a template belongs to (a file under `<chart>/templates/`), or undefined. */
export function chartOfTemplate(host: RenderHost, path: string): string | undefined {
  if (!/\/templates\/[^/]+\.ya?ml$/.test(path)) return undefined;
  return chartOf(host, path);
}

const fileUri = (path: string) => pathToFileURL(path).href;

function wholeLine(lines: string[], line: number): ProtocolRange {
  const text = lines[line] ?? '';
  const first = text.length - text.trimStart().length;
  return { start: { line, character: first }, end: { line, character: text.trimEnd().length } };
}

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

interface ChartDocs {
  readonly chartDir: string;
  readonly ctxs: Array<{ ctx: DocContext; text: string }>;
  readonly error?: string;
}

async function renderedFor(r: ChartRenderer, path: string): Promise<ChartDocs | undefined> {
  const chartDir = chartOfTemplate(r.host, path);
  if (!chartDir) return undefined;
  const options = await r.options(path);
  const key = contentKey(r.host, chartDir, options);
  let hit = renders.get(chartDir);
  if (!hit || hit.key !== key) renders.set(chartDir, (hit = { key, render: renderChart(r.host, chartDir, options) }));
  const rendered = await hit.render;
  if (!rendered.ok) return { chartDir, ctxs: [], error: rendered.error.message };
  const templateText = r.host.readFile(path);
  if (templateText === undefined) return { chartDir, ctxs: [] };
  const template = analyseTemplate(templateText);
  const values = new Map<string, YamlSource | undefined>();
  const read = (f: string) => {
    if (!values.has(f)) {
      const t = r.host.readFile(f);
      values.set(f, t === undefined ? undefined : new YamlSource(t));
    }
    return values.get(f);
  };
  const ctxs: ChartDocs['ctxs'] = [];
  for (const doc of rendered.docs) {
    const rel = stripChartName(doc.source);
    if (`${chartDir}/${rel}` !== path) continue;
    const renderedLines = doc.text.split('\n');
    if (renderedLines[renderedLines.length - 1] === '') renderedLines.pop();
    ctxs.push({
      text: doc.text,
      ctx: {
        templateFile: path,
        template,
        alignment: alignRendered(template, renderedLines),
        rendered: new YamlSource(doc.text),
        renderedLines,
        values: valuesChain(chartDir, rel, options, read),
        display: rel,
      },
    });
  }
  return { chartDir, ctxs };
}

/**
 * The workloads a chart template renders, placed on the template's lines. Helm renders the files on disk, so while
 * the template has unsaved changes its saved lines are aligned with the editor's (./saved-lines): a container is
 * kept only when every line of its block is unchanged and still in one piece (then what helm rendered from it, and
 * the values key that feeds it, still hold), moved to where those lines are now.
 */
export async function chartWorkloads(r: ChartRenderer, path: string, doc: TextDocument): Promise<Workload[]> {
  const saved = r.host.readFile(path);
  if (saved === undefined) return [];
  const text = doc.getText();
  const moved = saved === text ? undefined : savedLinesIn(saved, text);
  if (saved !== text && !moved) return [];
  const docs = await renderedFor(r, path);
  if (!docs) return [];
  const templateLines = text.split(/\r?\n/);
  const chart = docs.chartDir.slice(docs.chartDir.lastIndexOf('/') + 1);
  const out: Workload[] = [];
  for (const { ctx, text } of docs.ctxs) {
    const toTemplate = (renderedLine: number): number | undefined => ctx.alignment[renderedLine]?.line.index;
    for (const p of parseObjects(text)) {
      const w = workloadOf(p, undefined, [], undefined);
      if (!w) continue;
      const containers = w.containers.flatMap((c) => {
        const savedAnchor = toTemplate(c.anchor.start.line);
        if (savedAnchor === undefined) return [];
        const savedStart = toTemplate(c.range.start.line) ?? savedAnchor;
        const savedEnd = toTemplate(c.range.end.line) ?? savedAnchor;
        // Unsaved edits: the container's lines, unchanged, where they are now (or no container).
        let shift = 0;
        if (moved) {
          const from = Math.min(savedStart, savedAnchor);
          const block = movedBlock(moved, from, Math.max(savedEnd, savedAnchor));
          if (!block) return [];
          shift = block.from - from;
        }
        const anchorLine = savedAnchor + shift;
        const startLine = savedStart + shift;
        const endLine = savedEnd + shift;
        let valuesTarget: Workload['containers'][number]['valuesTarget'];
        const at = ctx.rendered.pathAt(c.anchor.start.line, c.anchor.start.character);
        const path = at?.path ?? [];
        const resourcesPath = c.hasResources ? path : [...path.slice(0, -1), 'resources'];
        const feeding = valuesFeeding(ctx, c.anchor.start.line, resourcesPath);
        if (feeding) {
          // The values file that sets the key (the user's files win), else the chart's own values.yaml.
          let file: string | undefined;
          for (const v of ctx.values) {
            const loc = v.source.locate(0, [...v.prefix, ...feeding]);
            if (loc && loc.depth >= v.prefix.length + feeding.length) file = v.file;
          }
          const chosen = ctx.values.find((v) => v.file === file) ?? ctx.values.find((v) => v.prefix.length === 0);
          if (chosen) {
            const full = [...chosen.prefix, ...feeding];
            valuesTarget = {
              uri: fileUri(chosen.file),
              path: full,
              display: `${chosen.file.slice(chosen.file.lastIndexOf('/') + 1)} › ${full.join('.')}`,
            };
          }
        }
        return [
          {
            ...c,
            anchor: wholeLine(templateLines, anchorLine),
            range: {
              start: { line: Math.min(startLine, anchorLine), character: 0 },
              end: { line: Math.max(endLine, anchorLine), character: (templateLines[endLine] ?? '').length },
            },
            ...(valuesTarget ? { valuesTarget } : {}),
          },
        ];
      });
      if (containers.length === 0) continue;
      const released = w.name.includes(RELEASE_NAME);
      out.push({
        ...w,
        ...(released
          ? {
              clusterNamePattern: `^${w.name
                .split(RELEASE_NAME)
                .map(escapeRegex)
                .join('[a-z0-9](?:[-a-z0-9]*[a-z0-9])?')}$`,
            }
          : {}),
        chart,
        range: { start: { line: 0, character: 0 }, end: { line: templateLines.length, character: 0 } },
        containers,
      });
    }
  }
  return out;
}

/** Writes requests and limits under the values key that feeds a chart container's resources. */
export function valuesEdit(
  p: ResourcesEditParams & { values: NonNullable<ResourcesEditParams['values']> },
  open: TextDocument | undefined,
  readFile: (path: string) => string | undefined,
  path: string,
): ResourcesEditResult {
  const text = open?.getText() ?? readFile(path);
  const uri = p.values.uri;
  if (text === undefined) return { uri, version: null, edits: [], error: `cannot read ${path}` };
  const source = new YamlSource(text);
  const leaves: Array<{ path: string[]; value: unknown }> = [];
  for (const [k, v] of Object.entries(p.requests)) if (v) leaves.push({ path: ['requests', k], value: v });
  for (const [k, v] of Object.entries(p.limits)) if (v) leaves.push({ path: ['limits', k], value: v });
  const edits = source.setLeaves(0, [...p.values.path], leaves, false);
  if (!edits)
    return {
      uri,
      version: open?.version ?? null,
      edits: [],
      error: `cannot write under ${p.values.path.join('.')} in ${path} (it is not a map)`,
    };
  const lines = new LineIndex(text);
  return {
    uri,
    version: open?.version ?? null,
    edits: edits.map((e) => ({
      range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) },
      newText: e.text,
    })),
  };
}
