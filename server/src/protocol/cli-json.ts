/**
 * The CLI's `--format json` output: `{files: [{path, diagnostics: [{ruleId, severity, message, range, fixable}]}],
 * summary}`. Lines and characters are 0-based, as in LSP. "Lint Workspace" in the client reads it.
 */
export interface JsonPosition {
  line: number;
  character: number;
}

export interface JsonDiagnostic {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: { start: JsonPosition; end: JsonPosition };
  fixable: boolean;
}

export interface JsonOutput {
  files: Array<{ path: string; diagnostics: JsonDiagnostic[] }>;
  summary: { files: number; errors: number; warnings: number; infos: number; fixable: number };
}
