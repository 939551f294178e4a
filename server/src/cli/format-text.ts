/**
 * Compiler-style text: `path:line:col severity message [rule-id]` with 1-based line and column, so terminals and
 * editors' problem matchers can jump to the place. Files are written as they are linted.
 */
import type { Severity } from '../engine/types';
import type { Paint } from './color';
import type { FileReport, Reporter, Summary } from './report';
import { plural } from './report';

export interface TextOptions {
  paint: Paint;
  verbose: boolean;
  /** `--fix` ran: say what was fixed instead of "fixable with --fix". */
  fixMode: boolean;
  /** `--unsafe-fixes` ran too. */
  unsafeMode?: boolean;
}

export function textReporter(out: (s: string) => void, options: TextOptions): Reporter {
  const p = options.paint;
  const colour: Record<Severity, (s: string) => string> = { error: p.red, warning: p.yellow, info: p.cyan };
  let printedAny = false;
  return {
    file(report: FileReport): void {
      if (report.diagnostics.length === 0) return;
      let text = '';
      for (const d of report.diagnostics) {
        const where = `${report.display}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
        text += `${p.bold(where)} ${colour[d.severity](d.severity)} ${d.message} ${p.dim(`[${d.ruleId}]`)}\n`;
      }
      out(text);
      printedAny = true;
    },
    skipped(display: string, reason: string): void {
      if (!options.verbose) return;
      out(p.dim(`${display}: skipped (${reason})`) + '\n');
      printedAny = true;
    },
    end(s: Summary): void {
      const lines: string[] = [];
      if (s.fixed > 0) lines.push(p.green(`Fixed ${plural(s.fixed, 'problem')} in ${plural(s.fixedFiles, 'file')}.`));
      if (s.rolledBack > 0)
        lines.push(
          p.yellow(`Rolled back ${plural(s.rolledBack, 'fix', 'fixes')} that broke the render (listed on stderr).`),
        );
      const total = s.errors + s.warnings + s.infos;
      let line =
        `${plural(total, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.infos} info)` +
        ` in ${plural(s.files, 'file')}`;
      // After --fix, what is left fixable could not be applied (its edits clash, or the chart or overlay would no
      // longer render): another run would not apply it either, so never suggest one.
      if (s.fixable > 0)
        line += options.fixMode
          ? `, ${plural(s.fixable, 'fix', 'fixes')} not applied (they clash with other edits or break the render)`
          : `, ${s.fixable} fixable with --fix`;
      // Unsafe fixes change what runs: say how many were left and which flag applies them, never apply them here.
      if (s.unsafeFixable > 0)
        line += options.unsafeMode
          ? `, ${plural(s.unsafeFixable, 'unsafe fix', 'unsafe fixes')} not applied (they clash with other edits or break the render)`
          : options.fixMode
            ? `, ${plural(s.unsafeFixable, 'unsafe fix', 'unsafe fixes')} left (they change what runs: --fix --unsafe-fixes applies them)`
            : `, ${s.unsafeFixable} more with --fix --unsafe-fixes (they change what runs)`;
      const tint = s.errors > 0 ? p.red : s.warnings > 0 ? p.yellow : total > 0 ? p.cyan : p.green;
      lines.push(p.bold(tint(line)));
      const skippedCount = [...s.skipped.values()].reduce((a, b) => a + b, 0);
      const notes: string[] = [];
      if (skippedCount > 0) {
        const reasons = [...s.skipped]
          .map(([reason, n]) => (skippedCount === 1 ? reason : `${reason}: ${n}`))
          .join(', ');
        notes.push(`${plural(skippedCount, 'file')} skipped (${reasons})`);
      }
      if (s.ignored > 0) notes.push(`${plural(s.ignored, 'path')} ignored`);
      if (notes.length) lines.push(p.dim(notes.join('; ') + (options.verbose ? '' : '; --verbose lists them')));
      out((printedAny ? '\n' : '') + lines.join('\n') + '\n');
    },
  };
}
