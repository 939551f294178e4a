/** Shared by the scaling rule tests: fixtures, and the diagnostics of one rule as compact tuples. */
import type { LintDiagnostic } from '../../../../server/src/engine';
import { where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

export const fx = (rule: string, name: 'fire.yaml' | 'pass.yaml' | string): string => readFixture('rules', rule, name);

/** `[range, severity, has fix]` of each diagnostic. */
export function brief(ds: readonly LintDiagnostic[]): Array<[string, string, boolean]> {
  return ds.map((d) => [where(d), d.severity, !!d.fix]);
}

/** `[file, range, severity, has fix]` of a workspace lint. */
export function briefWorkspace(out: Map<string, LintDiagnostic[]>): Array<[string, string, string, boolean]> {
  return [...out].flatMap(([file, ds]) =>
    ds.map((d): [string, string, string, boolean] => [file, where(d), d.severity, !!d.fix]),
  );
}
