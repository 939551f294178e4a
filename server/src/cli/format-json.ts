/**
 * JSON for scripts: `{files: [{path, diagnostics: [{ruleId, severity, message, range, fixable}]}], summary}`.
 * Lines and characters are 0-based, as in LSP and in the engine.
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
          range: { start: { ...d.range.start }, end: { ...d.range.end } },
          fixable: d.fix !== undefined,
        })),
      });
    },
    skipped(): void {
      /* not part of the JSON shape */
    },
    end(s: Summary): void {
      const output: JsonOutput = {
        files,
        summary: { files: s.files, errors: s.errors, warnings: s.warnings, infos: s.infos, fixable: s.fixable },
      };
      out(JSON.stringify(output, null, 2) + '\n');
    },
  };
}
