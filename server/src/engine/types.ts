/** Types shared by the engine, the language server and the CLI. Positions are 0-based, as in LSP. */
import type { LineRange, Position } from '../yaml/lines';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';
export type Profile = 'minimal' | 'recommended' | 'strict';
export type Category = 'resources' | 'scaling' | 'storage' | 'security' | 'images' | 'networking' | 'probes' | 'api';

// Positions and ranges are the yaml layer's (`toGlobalRange` builds them), in LSP's shape.
export type { Position };
export type Range = LineRange;

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * Whether applying a fix keeps what runs. Safe: behaviour kept, or what the API server would reject or silently
 * misread corrected; bulk fixing applies it. Unsafe: what runs changes (hardening, resources, replicas, probes, any
 * new object); it is applied only when chosen (one quick fix, or the CLI's `--unsafe-fixes`).
 */
export type FixSafety = 'safe' | 'unsafe';

/** A named set of edits that together make one change (a quick fix, a suggestion, an "ignore" action). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Set on every rule fix (see FixSafety); absent on editor-only actions such as "ignore". */
  safety?: FixSafety;
  /** For an unsafe fix: what it changes, said in its title in the editor ("allowed traffic"). */
  changes?: string;
}

export interface LintDiagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The id of the message in the rule's `meta.messages` (what tests and tools match instead of the prose). */
  messageId?: string;
  /** The values of the message's placeholders. */
  data?: Readonly<Record<string, string | number | boolean>>;
  range: Range;
  /** The preferred fix, when the rule can write one. */
  fix?: Fix;
  suggestions?: Fix[];
  /** Start line of the object the diagnostic belongs to (for "ignore for this object"). */
  objectLine?: number;
  /** Other places that explain it, in other files (a chart's include line, for a finding placed in the helper). */
  related?: RelatedPlace[];
}

export interface RelatedPlace {
  /** Absolute path, forward slashes. */
  file: string;
  range: Range;
  message: string;
}

/**
 * The message id and data of a diagnostic, for a diagnostic made from it (mapped to a template or an overlay, its
 * text extended): what it says stays matchable whatever the text becomes.
 */
export function messageIdOf(d: LintDiagnostic): Pick<LintDiagnostic, 'messageId' | 'data'> {
  return {
    ...(d.messageId !== undefined && { messageId: d.messageId }),
    ...(d.data !== undefined && { data: d.data }),
  };
}

export interface RuleFailure {
  ruleId: string;
  message: string;
}

export interface LintResult {
  diagnostics: LintDiagnostic[];
  /** Why the file was not linted at all (a Helm template, an ignored path). */
  skipped?: string;
  /** Rules that threw; the other rules still ran. */
  failures: RuleFailure[];
}

export interface Settings {
  profile: Profile;
  /** Per-rule severity overrides. */
  rules: Record<string, SeverityOrOff>;
  /** Target Kubernetes version, `1.<minor>`. */
  kubernetesVersion: string;
  /** Globs of paths not to lint (relative to the workspace root). */
  ignorePaths: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  profile: 'recommended',
  rules: {},
  kubernetesVersion: '1.33',
  ignorePaths: [],
});
