/** The `kubewise.drift.*` settings, and whether the `live-drift` finding is on for a document's profile. */
import * as vscode from 'vscode';
import { LIVE_DRIFT } from '../../../server/src/protocol';

export const DRIFT_RULE_ID = LIVE_DRIFT.id;

export interface DriftSettings {
  readonly enabled: boolean;
  /** From this many objects of one kind in one namespace, they are listed at once instead of read one by one. */
  readonly listThreshold: number;
}

export function driftSettings(): DriftSettings {
  const c = vscode.workspace.getConfiguration('kubewise.drift');
  return {
    enabled: c.get<boolean>('enabled', true),
    listThreshold: Math.max(1, Math.floor(c.get<number>('listThreshold', 5))),
  };
}

/**
 * The severity of the per-line drift diagnostics: `information` by default, off in the `minimal` profile, or what
 * `kubewise.rules` says for `live-drift`.
 */
export function driftSeverity(uri: vscode.Uri): vscode.DiagnosticSeverity | undefined {
  const c = vscode.workspace.getConfiguration('kubewise', uri);
  const override = c.get<Record<string, unknown>>('rules', {})[DRIFT_RULE_ID];
  const level =
    typeof override === 'string'
      ? override
      : c.get<string>('profile', 'recommended') === 'minimal'
        ? LIVE_DRIFT.minimalSeverity
        : LIVE_DRIFT.severity;
  switch (level) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    default:
      return undefined;
  }
}
