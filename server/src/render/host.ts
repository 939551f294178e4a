/**
 * What the render layer needs from the outside world, injected by the CLI and the language server: running helm or
 * kubectl, and reading the chart's or overlay's files. The render layer itself never touches a disk or a process,
 * so it stays testable and keeps the engine's layering (render sits above rules, below lsp/cli).
 */
import { trimEndChars } from '../yaml/lines';

export interface ProcessResult {
  /** Exit code; null when the process could not start or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all (ENOENT: not installed, or a wrong path). */
  notFound?: boolean;
}

export interface RenderHost {
  run(command: string, args: readonly string[], options: { cwd: string }): Promise<ProcessResult>;
  /** A file's text, or undefined when it cannot be read. Paths are absolute, with forward slashes. */
  readFile(path: string): string | undefined;
  /** Entries of a folder, or undefined when it is not one. */
  listDir(path: string): Array<{ name: string; dir: boolean }> | undefined;
}

/** Where helm and kubectl/kustomize are and how a chart is rendered: settings, CLI flags. */
export interface RenderOptions {
  /** `kubewise.helm.path`; else `helm` on PATH. */
  helmPath?: string;
  /** `kubewise.helm.valuesFiles` and `--values`: extra values files, absolute, later ones win. */
  valuesFiles?: string[];
  /** `--set key=value`. */
  set?: string[];
  /** `--namespace` for helm, and the namespace objects without one land in. */
  namespace?: string;
  /** `kubewise.kubernetesVersion` (`1.N`), passed to helm as `--kube-version`. */
  kubernetesVersion?: string;
  /** `kubewise.kustomize.path` (a standalone kustomize) or `kubewise.kubectl.path`; else kubectl, then kustomize. */
  kustomizePath?: string;
  kubectlPath?: string;
  /** How the user names the programs, for messages: the editor's settings (default) or the CLI's flags. */
  toolNames?: 'settings' | 'flags';
}

/** The rule id of a chart or overlay that could not be rendered (not a rule of the catalogue). */
export const RENDER_FAILED = 'render-failed';

/** A finding's place in a source file, after mapping back from rendered output. */
export interface Placement {
  /** Absolute path, forward slashes. */
  file: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function joinPath(dir: string, rel: string): string {
  const parts = (trimEndChars(dir, '/') + '/' + rel).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '.' || (p === '' && out.length > 0)) continue;
    if (p === '..' && out.length > 1) out.pop();
    else out.push(p);
  }
  return out.join('/') || '/';
}
