/** Helpers of the Pod Security Standards rule tests. */
import type { LintDiagnostic, Settings } from '../../../../server/src/engine';
import type { Found } from '../../../support/lint';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';

/** The Pod Security rules (and read-only-root-fs, which sits with them), as registered. */
export const PSS_RULES = [
  'privileged-container',
  'allow-privilege-escalation',
  'run-as-non-root',
  'run-as-user-root',
  'read-only-root-fs',
  'capabilities-dangerous',
  'capabilities-drop-all',
  'seccomp-profile',
  'host-namespaces',
  'host-port',
  'host-process',
  'proc-mount-unmasked',
  'unsafe-sysctls',
  'apparmor-override',
  'selinux-options',
  'probe-host-field',
  'restricted-volume-types',
];

export function fixture(rule: string, name: 'fire.yaml' | 'pass.yaml'): string {
  return readFixture('rules', rule, name);
}

/** Diagnostics in text order (rules visit containers before init containers; tests read top to bottom). */
export function lintSorted(text: string, ids: string[], over: Partial<Settings> = {}): Found[] {
  return lint(text, ids, over).sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** `[range, severity, fix title or null]` per diagnostic. */
export function summary(ds: readonly LintDiagnostic[]): Array<[string, string, string | null]> {
  return ds.map((d) => [where(d), d.severity, d.fix?.title ?? null]);
}
