/**
 * Engine diagnostics as LSP diagnostics, and back. Everything a code action needs (the fix, the suggestions, the
 * object's line) travels in `diagnostic.data`, stamped with the document version it was computed for: the client
 * hands it back with the code action request, so actions need no server-side bookkeeping and never apply edits
 * computed for an older text.
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Fix, LintDiagnostic, Severity } from '../engine';
import { DIAGNOSTIC_SOURCE, ruleDocsUrl } from '../protocol';

export interface DiagnosticData {
  ruleId: string;
  /** Version of the document the ranges and edits below belong to. */
  version: number;
  fix?: Fix;
  suggestions?: Fix[];
  objectLine?: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(d: LintDiagnostic, version: number): Diagnostic {
  const data: DiagnosticData = { ruleId: d.ruleId, version };
  if (d.fix) data.fix = d.fix;
  if (d.suggestions?.length) data.suggestions = d.suggestions;
  if (d.objectLine !== undefined) data.objectLine = d.objectLine;
  return {
    range: d.range,
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    message: d.message,
    data,
  };
}

/** The data of one of our diagnostics, or undefined for anyone else's (or data a client mangled). */
export function kubewiseData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object' || typeof data.ruleId !== 'string' || typeof data.version !== 'number')
    return undefined;
  if (data.fix !== undefined && !isFix(data.fix)) return undefined;
  if (data.suggestions !== undefined && !(Array.isArray(data.suggestions) && data.suggestions.every(isFix)))
    return undefined;
  return data as DiagnosticData;
}

/** The engine's view of a diagnostic the client sent back (for the "ignore" fixes, which start from it). */
export function toLintDiagnostic(d: Diagnostic, data: DiagnosticData): LintDiagnostic {
  const out: LintDiagnostic = { ruleId: data.ruleId, severity: 'warning', message: d.message, range: d.range };
  if (typeof data.objectLine === 'number') out.objectLine = data.objectLine;
  return out;
}

function isFix(f: unknown): f is Fix {
  const fix = f as Partial<Fix> | null;
  return (
    !!fix &&
    typeof fix.title === 'string' &&
    Array.isArray(fix.edits) &&
    fix.edits.every((e) => !!e && typeof e.newText === 'string' && isRange(e.range))
  );
}

function isRange(r: unknown): boolean {
  const range = r as {
    start?: { line?: unknown; character?: unknown };
    end?: { line?: unknown; character?: unknown };
  } | null;
  return (
    !!range &&
    typeof range.start?.line === 'number' &&
    typeof range.start.character === 'number' &&
    typeof range.end?.line === 'number' &&
    typeof range.end.character === 'number'
  );
}
