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
  /** The message's id in the rule's `meta.messages` and its placeholders' values: what scripts match, not prose. */
  messageId?: string;
  data?: Readonly<Record<string, string | number | boolean>>;
  range: { start: JsonPosition; end: JsonPosition };
  fixable: boolean;
  /** The kind of the fix: 'safe' (applied by `--fix`), 'unsafe' (only with `--unsafe-fixes`), null when none. */
  fix: 'safe' | 'unsafe' | null;
}

export interface JsonOutput {
  files: Array<{ path: string; diagnostics: JsonDiagnostic[] }>;
  summary: {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
    /** Findings with a safe fix (`--fix` applies them). */
    fixable: number;
    /** Findings with an unsafe fix (`--fix --unsafe-fixes` applies them). */
    unsafeFixable: number;
  };
}
