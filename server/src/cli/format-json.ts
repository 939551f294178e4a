/**
 * JSON for scripts: `{files: [{path, diagnostics: [{ruleId, severity, message, messageId, data, range, fixable,
 * fix}]}], summary}`.
 * Lines and characters are 0-based, as in LSP and in the engine. `fix` is the kind of the fix ('safe' ones are
 * applied by `--fix`, 'unsafe' ones only with `--unsafe-fixes` too), null when there is none.
 */
import type { JsonOutput } from '../protocol';
import type { FileReport, Reporter, Summary } from './report';

export type { JsonDiagnostic, JsonOutput } from '../protocol';

export function jsonReporter(out: (s: string) => void): Reporter {
  const files: JsonOutput['files'] = [];
  return {
    file(report: FileReport): void {
      files.push({
        path: report.display,
        diagnostics: report.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          severity: d.severity,
          message: d.message,
          ...(d.messageId !== undefined && { messageId: d.messageId }),
          ...(d.data !== undefined && Object.keys(d.data).length > 0 && { data: d.data }),
          range: { start: { ...d.range.start }, end: { ...d.range.end } },
          fixable: d.fix !== undefined,
          fix: d.fix ? (d.fix.safety ?? 'unsafe') : null,
        })),
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
