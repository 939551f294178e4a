/** Profiles and per-rule overrides decide each rule's effective severity. */
import type { RuleMeta } from './rule';
import type { Settings, SeverityOrOff } from './types';

export function effectiveSeverity(meta: RuleMeta, settings: Settings): SeverityOrOff {
  const override = settings.rules[meta.id];
  if (override !== undefined) return override;
  switch (settings.profile) {
    case 'minimal':
      return meta.severity === 'error' ? 'error' : 'off';
    case 'strict':
      return meta.strictSeverity ?? (meta.severity === 'off' ? 'warning' : meta.severity);
    default:
      return meta.severity;
  }
}

const RANK: Record<SeverityOrOff, number> = { off: 0, info: 1, warning: 2, error: 3 };

export function severityAtLeast(s: SeverityOrOff, min: SeverityOrOff): boolean {
  return RANK[s] >= RANK[min];
}
