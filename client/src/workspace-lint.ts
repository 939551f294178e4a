/**
 * "Kubewise: Lint Workspace": lints every manifest of the workspace, open or not, with the bundled CLI
 * (`server/out/cli.js lint --format json`), so that cross-file rules see the whole workspace and the editor's
 * language server is not loaded with hundreds of documents. Results for files that are not open go into their own
 * diagnostic collection; an open file's diagnostics come from the language server, with quick fixes.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JsonDiagnostic, JsonOutput } from '../../server/src/protocol';
import { DIAGNOSTIC_SOURCE, ruleDocsUrl, SETTINGS_SECTION } from '../../server/src/protocol';

export interface WorkspaceLintResult {
  files: number;
  problems: number;
}

export class WorkspaceLinter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kubewise-workspace');
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly cliPath: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Once a file is open, the language server reports on it (and keeps it current).
    this.disposables.push(vscode.workspace.onDidOpenTextDocument((d) => this.collection.delete(d.uri)));
  }

  async lintWorkspace(): Promise<WorkspaceLintResult> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    let files = 0;
    let problems = 0;
    this.collection.clear();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Kubewise: linting the workspace', cancellable: true },
      async (progress, token) => {
        for (const folder of folders) {
          if (token.isCancellationRequested) break;
          progress.report({ message: folder.name });
          const uris = await this.findFiles(folder, token);
          if (uris.length === 0) continue;
          const out = await this.runCli(folder, uris, token);
          if (!out) continue;
          files += out.summary.files;
          const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
          for (const f of out.files) {
            const uri = vscode.Uri.file(path.resolve(folder.uri.fsPath, f.path));
            problems += f.diagnostics.length;
            if (open.has(uri.toString()) || f.diagnostics.length === 0) continue;
            this.collection.set(uri, f.diagnostics.map(toDiagnostic));
          }
        }
      },
    );
    this.log.info(`Lint Workspace: ${problems} problem(s) in ${files} file(s)`);
    return { files, problems };
  }

  private async findFiles(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri);
    const include = config.get<string[]>('files.include', ['**/*.yaml', '**/*.yml']);
    const ignore = [
      '**/node_modules/**',
      '**/.git/**',
      ...config.get<string[]>('files.exclude', []),
      ...config.get<string[]>('ignorePaths', []),
    ];
    const exclude = `{${ignore.join(',')}}`;
    const found = new Map<string, vscode.Uri>();
    for (const glob of include) {
      for (const uri of await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, glob),
        exclude,
        undefined,
        token,
      )) {
        found.set(uri.toString(), uri);
      }
    }
    return [...found.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  }

  private runCli(
    folder: vscode.WorkspaceFolder,
    uris: vscode.Uri[],
    token: vscode.CancellationToken,
  ): Promise<JsonOutput | undefined> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder.uri);
    const args = [this.cliPath, 'lint', '--format', 'json', '--max-severity', 'error'];
    args.push('--profile', config.get<string>('profile', 'recommended'));
    args.push('--kubernetes-version', config.get<string>('kubernetesVersion', '1.33'));
    args.push(...uris.map((u) => path.relative(folder.uri.fsPath, u.fsPath)));
    return new Promise((resolve) => {
      // In VS Code desktop the extension host runs in Electron: ELECTRON_RUN_AS_NODE makes it a plain Node.
      const child = spawn(process.execPath, args, {
        cwd: folder.uri.fsPath,
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stop = token.onCancellationRequested(() => child.kill());
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.on('error', (e) => {
        stop.dispose();
        this.log.error(`Lint Workspace could not start the CLI: ${e.message}`);
        resolve(undefined);
      });
      child.on('close', (code) => {
        stop.dispose();
        if (stderr.trim()) this.log.warn(stderr.trim());
        // Exit 1 only means "problems found"; 2 is a usage or I/O error.
        if (code !== 0 && code !== 1) {
          this.log.error(`Lint Workspace: the CLI exited with ${code}`);
          void vscode.window.showErrorMessage(`Kubewise: linting ${folder.name} failed (see the Kubewise output).`);
          resolve(undefined);
          return;
        }
        try {
          resolve(JSON.parse(stdout) as JsonOutput);
        } catch {
          this.log.error(`Lint Workspace: the CLI printed no JSON:\n${stdout.slice(0, 2000)}`);
          resolve(undefined);
        }
      });
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function toDiagnostic(d: JsonDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const severity =
    d.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : d.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const out = new vscode.Diagnostic(range, d.message, severity);
  out.source = DIAGNOSTIC_SOURCE;
  out.code = { value: d.ruleId, target: vscode.Uri.parse(ruleDocsUrl(d.ruleId)) };
  return out;
}
