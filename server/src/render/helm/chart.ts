/**
 * Rendering a chart with `helm template`, and splitting helm's output into documents by their `# Source:` headers.
 */
import type { Placement, ProcessResult, RenderHost, RenderOptions } from '../host';

export const CHART_FILE = 'Chart.yaml';
/** helm's own default when `helm template` gets no release name. */
export const RELEASE_NAME = 'release-name';

export interface RenderedDoc {
  /** The header's path, `<chart>/templates/x.yaml` or `<chart>/charts/<sub>/templates/x.yaml`. */
  source: string;
  /** The document's text (the `# Source:` line included), lines as helm wrote them. */
  text: string;
}

export type ChartRender = { ok: true; docs: RenderedDoc[]; command: string[] } | { ok: false; error: RenderError };

/** Why a chart could not be rendered, placed on Chart.yaml or the template helm names, with the next step. */
export interface RenderError {
  placement: Placement;
  message: string;
  /** True when helm itself is missing (not a problem of the chart). */
  toolMissing: boolean;
}

export function isChart(host: RenderHost, dir: string): boolean {
  return host.readFile(`${dir}/${CHART_FILE}`) !== undefined;
}

export function helmArgs(chartDir: string, options: RenderOptions): string[] {
  const args = ['template', RELEASE_NAME, chartDir];
  if (options.namespace) args.push('--namespace', options.namespace);
  if (options.kubernetesVersion) args.push('--kube-version', options.kubernetesVersion);
  for (const f of options.valuesFiles ?? []) args.push('--values', f);
  for (const s of options.set ?? []) args.push('--set', s);
  return args;
}

export async function renderChart(host: RenderHost, chartDir: string, options: RenderOptions): Promise<ChartRender> {
  const helm = options.helmPath || 'helm';
  const args = helmArgs(chartDir, options);
  let result: ProcessResult;
  try {
    result = await host.run(helm, args, { cwd: chartDir });
  } catch (e) {
    result = { code: null, stdout: '', stderr: (e as Error).message };
  }
  if (result.notFound) {
    const flags = options.toolNames === 'flags';
    return {
      ok: false,
      error: {
        placement: firstLine(`${chartDir}/${CHART_FILE}`),
        message: options.helmPath
          ? `helm was not found at '${options.helmPath}' (${flags ? '--helm' : 'kubewise.helm.path'}): fix the path, or install helm (https://helm.sh/docs/intro/install/). Templates are not linted until then.`
          : `helm was not found on PATH: install helm (https://helm.sh/docs/intro/install/) or ${flags ? 'name it with --helm <path>' : 'set kubewise.helm.path'}. Templates are not linted until then.`,
        toolMissing: true,
      },
    };
  }
  if (result.code !== 0) return { ok: false, error: helmError(chartDir, result.stderr || result.stdout) };
  return { ok: true, docs: splitRendered(result.stdout), command: [helm, ...args] };
}

/** Places helm's error on the template and line it names (`template: web/templates/x.yaml:12:3: …`), else Chart.yaml. */
export function helmError(chartDir: string, stderr: string): RenderError {
  const text = stderr.trim().replace(/^Error:\s*/, '');
  const m =
    // the chart name starts where a word starts: tried inside a long word, `[\w.-]+\/` is quadratic
    /(?<![\w.-])([\w.-]+)\/((?:charts\/[\w.-]+\/)*templates\/[^:\s]+):(\d+)(?::(\d+))?/.exec(text);
  // helm 4 spreads one error over several lines (where, executing what, why); the hint to --debug is not ours.
  const firstSentence = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^Use --debug flag/.test(l))
    .join(' ')
    .slice(0, 400);
  if (m) {
    const line = Math.max(0, Number(m[3]) - 1);
    const file = `${chartDir}/${m[2]}`;
    return {
      placement: { file, line, character: 0, endLine: line, endCharacter: 200 },
      message: `helm template failed: ${firstSentence}`,
      toolMissing: false,
    };
  }
  // A values file helm cannot parse: `cannot load values.yaml: … yaml: line 4: …` (the chart's own) or
  // `failed to parse /abs/values-prod.yaml: … yaml: line 4: …` (a --values file). Its line, not Chart.yaml's first.
  const values = /(?:cannot load (values\.ya?ml)|failed to parse (\/[^:\n]+?)):[^\n]*?\byaml: line (\d+)/.exec(text);
  if (values) {
    const line = Math.max(0, Number(values[3]) - 1);
    const file = values[1] ? `${chartDir}/${values[1]}` : values[2];
    return {
      placement: { file, line, character: 0, endLine: line, endCharacter: 200 },
      message: `helm template failed: ${firstSentence}`,
      toolMissing: false,
    };
  }
  const missing = /missing in charts\/ directory/.test(text);
  return {
    placement: firstLine(`${chartDir}/${CHART_FILE}`),
    message: `helm template failed: ${firstSentence}${missing && !/helm dependency build/.test(text) ? ' (run helm dependency build in the chart folder)' : ''}`,
    toolMissing: false,
  };
}

export function firstLine(file: string): Placement {
  return { file, line: 0, character: 0, endLine: 0, endCharacter: 200 };
}

const SOURCE = /^# Source: (.+?)\s*$/;

export function splitRendered(stdout: string): RenderedDoc[] {
  const docs: RenderedDoc[] = [];
  const lines = stdout.split(/\r?\n/);
  let current: string[] | undefined;
  let source = '';
  const flush = (): void => {
    if (current && current.some((l) => l.trim() !== '' && !l.startsWith('#'))) {
      while (current.length && current[current.length - 1] === '') current.pop();
      docs.push({ source, text: current.join('\n') + '\n' });
    }
    current = undefined;
  };
  for (const line of lines) {
    if (/^---\s*$/.test(line)) {
      flush();
      current = [];
      continue;
    }
    const m = SOURCE.exec(line);
    if (m && current && current.length === 0) source = m[1];
    (current ??= []).push(line);
  }
  flush();
  return docs;
}
