/**
 * JSON for scripts: `{files: [{path, diagnostics: [{ruleId, severity, message, messageId, data, range, fixable,
 * fix}]}], summary}`.
 * Lines and characters are 0-based, as in LSP and in the engine. `fix` is the kind of the fix ('safe' ones are
 * applied by `--fix`, 'unsafe' ones only with `--unsafe-fixes` too), null when there is none.
 */
import type { JsonDiagnostic, JsonOutput } from '../protocol';
import type { FileReport, Reporter, Summary } from './report';

export type { JsonDiagnostic, JsonOutput } from '../protocol';

/**
 * One diagnostic as the JSON shape has it, its properties in this order. Set one by one, not spread in: a big file
 * has thousands, converted by code V8 has mostly not optimized, where each spread is an allocation and a slow path.
 */
function jsonDiagnostic(d: FileReport['diagnostics'][number]): JsonDiagnostic {
  const out = { ruleId: d.ruleId, severity: d.severity, message: d.message } as JsonDiagnostic;
  if (d.messageId !== undefined) out.messageId = d.messageId;
  if (d.data !== undefined && hasKeys(d.data)) out.data = d.data;
  const { start, end } = d.range;
  out.range = {
    start: { line: start.line, character: start.character },
    end: { line: end.line, character: end.character },
  };
  out.fixable = d.fix !== undefined;
  out.fix = d.fix ? (d.fix.safety ?? 'unsafe') : null;
  return out;
}

function hasKeys(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

export function jsonReporter(out: (s: string) => void): Reporter {
  const files: JsonOutput['files'] = [];
  return {
    file(report: FileReport): void {
      files.push({
        path: report.display,
        diagnostics: report.diagnostics.map(jsonDiagnostic),
      });
    },
    skipped(): void {
      /* not part of the JSON shape */
    },
    end(s: Summary): void {
      const output: JsonOutput = {
        files,
        summary: {
          files: s.files,
          errors: s.errors,
          warnings: s.warnings,
          infos: s.infos,
          fixable: s.fixable,
          unsafeFixable: s.unsafeFixable,
        },
      };
      out(JSON.stringify(output, null, 2) + '\n');
    },
  };
}
