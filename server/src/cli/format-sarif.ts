/**
 * SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps, GitLab). One run; the driver lists the rules in
 * force with their documentation; results point at 1-based regions and carry fixes as text replacements.
 */
import { ruleDocsUrl } from '../protocol';
import type { RuleMeta } from '../engine/rule';
import type { LintDiagnostic, Range, RuleFailure, Severity } from '../engine/types';
import type { FileReport, Reporter, Summary } from './report';
import { displayTitle } from '../engine/fix-safety';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/kubewise/kubewise';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface ActiveRuleInfo {
  meta: RuleMeta;
  severity: Severity;
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string; markdown: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: Level };
  properties: { category: string; fixable: boolean; tags: string[] };
}

/** SARIF regions are 1-based and their end column is the column just after the region. */
export function sarifRegion(range: Range): SarifRegion {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded (`<stdin>` included). */
export function sarifUri(display: string): string {
  return display
    .split(/[\\/]/)
    .map((seg, i) => (i === 0 && seg === '' ? '' : encodeURIComponent(seg)))
    .join('/');
}

function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, "'$1'");
}

/** The clause before the first colon or full stop: "A container without 'resources.requests.cpu'". */
function shortText(description: string): string {
  const text = plain(description);
  const m = /^(.*?)(?::\s|\.\s|\.$)/.exec(text);
  return (m ? m[1] : text).trim() || text;
}

export function sarifReporter(out: (s: string) => void, rules: readonly ActiveRuleInfo[], version: string): Reporter {
  const sarifRules: SarifRule[] = [];
  const index = new Map<string, number>();
  const addRule = (meta: RuleMeta, severity: Severity): number => {
    const known = index.get(meta.id);
    if (known !== undefined) return known;
    index.set(meta.id, sarifRules.length);
    sarifRules.push({
      id: meta.id,
      shortDescription: { text: shortText(meta.docs.description) },
      fullDescription: { text: plain(meta.docs.description), markdown: meta.docs.description },
      help: { text: plain(meta.docs.remediation), markdown: meta.docs.remediation },
      helpUri: ruleDocsUrl(meta.id),
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { category: meta.category, fixable: meta.fixable, tags: [meta.category] },
    });
    return sarifRules.length - 1;
  };
  for (const r of rules) addRule(r.meta, r.severity);

  const results: unknown[] = [];
  const notifications: unknown[] = [];
  const resultOf = (d: LintDiagnostic, uri: string): unknown => {
    let ruleIndex = index.get(d.ruleId);
    if (ruleIndex === undefined) {
      // Not expected (every diagnostic comes from a rule in force), but a result must still name a rule.
      const meta: RuleMeta = {
        id: d.ruleId,
        category: 'api',
        severity: d.severity,
        fixable: false,
        docs: { description: d.ruleId, remediation: '' },
      };
      ruleIndex = addRule(meta, d.severity);
    }
    const result: Record<string, unknown> = {
      ruleId: d.ruleId,
      ruleIndex,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation: { uri }, region: sarifRegion(d.range) } }],
    };
    if (d.fix) {
      result.fixes = [
        {
          description: { text: displayTitle(d.fix) },
          // 'unsafe' fixes change what runs; `kubewise lint --fix` applies only 'safe' ones
          properties: { safety: d.fix.safety ?? 'unsafe' },
          artifactChanges: [
            {
              artifactLocation: { uri },
              replacements: d.fix.edits.map((e) => ({
                deletedRegion: sarifRegion(e.range),
                insertedContent: { text: e.newText },
              })),
            },
          ],
        },
      ];
    }
    return result;
  };
  const failureOf = (f: RuleFailure, uri: string): unknown => ({
    level: 'warning',
    message: { text: `rule ${f.ruleId} failed: ${f.message.split('\n')[0]}` },
    locations: [{ physicalLocation: { artifactLocation: { uri } } }],
    associatedRule: { id: f.ruleId },
  });

  return {
    file(report: FileReport): void {
      const uri = sarifUri(report.display);
      for (const d of report.diagnostics) results.push(resultOf(d, uri));
      for (const f of report.failures) notifications.push(failureOf(f, uri));
    },
    skipped(): void {
      /* skipped files are not artifacts with results */
    },
    end(_s: Summary): void {
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'kubewise',
                version,
                semanticVersion: version,
                informationUri: INFORMATION_URI,
                rules: sarifRules,
              },
            },
            invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
            columnKind: 'utf16CodeUnits',
            results,
          },
        ],
      };
      out(JSON.stringify(log, null, 2) + '\n');
    },
  };
}
