/**
 * The words of drift: CodeLens titles, diagnostic messages and hovers, from a comparison. The context's name is in
 * every one of them, so that a finding about staging is never read as one about prod.
 */
import type { ObjectDrift } from './compare';
import { formatPath } from './diff';
import { describeManager } from './managers';

/** `3 min ago`, `2 h ago`, `4 days ago`. */
export function age(sinceIso: string | undefined, now: number): string | undefined {
  if (!sinceIso) return undefined;
  const t = Date.parse(sinceIso);
  if (Number.isNaN(t)) return undefined;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} days ago`;
}

/** The value as YAML would show it on one line. */
export function showValue(v: unknown): string {
  if (v === undefined) return '(not set)';
  if (typeof v === 'string')
    return /^[\w./:@-]+$/.test(v) && !/^(true|false|null|~|[-+.\d].*)$/i.test(v) ? v : JSON.stringify(v);
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

export function lensTitle(r: ObjectDrift, context: string, now: number): string {
  const managed = r.managed.length ? ` · replicas managed by ${r.managed[0]!.by}` : '';
  switch (r.state.kind) {
    case 'in-sync':
      return `$(check) in sync with ${context}${managed}`;
    case 'drift': {
      const n = r.state.fields.length;
      const when = age(r.changedAt, now);
      return `$(diff) ${n} field${n === 1 ? '' : 's'} differ${n === 1 ? 's' : ''} (${context}${when ? `, changed ${when}` : ''})${managed}`;
    }
    case 'missing':
      return `$(circle-slash) not in the cluster (${context})`;
    case 'error':
      return `$(warning) ${r.state.problem.short} (${context})`;
  }
}

/** The diagnostic's message for one differing field. */
export function fieldMessage(
  f: {
    difference: { livePath: readonly (string | number)[]; live: unknown; applied: unknown };
    manager?: { manager: string; subresource?: string };
  },
  context: string,
): string {
  const d = f.difference;
  const who = f.manager ? `, set by ${describeManager(f.manager)}` : '';
  return `Live in ${context}: ${formatPath(d.livePath)} is ${showValue(d.live)}${who}; the manifest gives ${showValue(d.applied)}.`;
}
