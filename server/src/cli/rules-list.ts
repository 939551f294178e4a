/** `kubewise rules`: the catalogue with each rule's severity in the chosen profile. */
import type { AnyRule } from '../engine/rule';
import { effectiveSeverity } from '../engine/severity';
import type { Settings, SeverityOrOff } from '../engine/types';
import { ruleDocsUrl } from '../protocol';

export interface RuleRow {
  id: string;
  category: string;
  severity: SeverityOrOff;
  fixable: boolean;
  description: string;
  docs: string;
}

export function ruleRows(rules: readonly AnyRule[], settings: Settings): RuleRow[] {
  return rules
    .map((r) => ({
      id: r.meta.id,
      category: r.meta.category,
      severity: effectiveSeverity(r.meta, settings),
      fixable: r.meta.fixable,
      description: r.meta.docs.description,
      docs: ruleDocsUrl(r.meta.id),
    }))
    .sort((a, b) => (a.category === b.category ? (a.id < b.id ? -1 : 1) : a.category < b.category ? -1 : 1));
}

export function formatRuleTable(rows: readonly RuleRow[], profile: string): string {
  const header = { id: 'RULE', category: 'CATEGORY', severity: 'SEVERITY', fixable: 'FIXABLE' };
  const cells = rows.map((r) => ({
    id: r.id,
    category: r.category,
    severity: r.severity,
    fixable: r.fixable ? 'yes' : 'no',
  }));
  const width = (k: keyof typeof header): number => Math.max(header[k].length, ...cells.map((c) => c[k].length));
  const w = { id: width('id'), category: width('category'), severity: width('severity') };
  const line = (c: typeof header): string =>
    `${c.id.padEnd(w.id)}  ${c.category.padEnd(w.category)}  ${c.severity.padEnd(w.severity)}  ${c.fixable}`;
  const on = rows.filter((r) => r.severity !== 'off').length;
  return (
    [line(header), ...cells.map(line), '', `${rows.length} rules, ${on} on in the ${profile} profile.`].join('\n') +
    '\n'
  );
}
