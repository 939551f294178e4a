/**
 * Where the figures the lens and hover show come from and how old they are, and whether they are live: a snapshot
 * is live only while the panel polls and the last refresh worked. Hidden panel (polling paused), polling held after
 * a credential command was cancelled or stopped at its time limit, or a refresh that failed since: the figures are
 * the last ones read, and the text says so and why, never presenting them as current.
 */
import { formatDuration } from './recommend';

export interface FreshnessInput {
  /** The last snapshot's context and time (undefined: nothing read yet). */
  readonly snap: { readonly context: string; readonly time: number } | undefined;
  /** The panel is visible and its timer runs. */
  readonly polling: boolean;
  /** Timer ticks are held (a credential command was cancelled or timed out) until Refresh or another context. */
  readonly held: boolean;
  /** The last refresh's failure, when the last refresh failed (the snapshot is older than it). */
  readonly problem: string | undefined;
}

export interface Freshness {
  readonly text: string;
  /** The figures are not being kept current (the lens marks them and re-renders their age). */
  readonly paused: boolean;
}

export function freshnessOf(f: FreshnessInput, now: number): Freshness {
  const snap = f.snap;
  if (!snap) return { text: '', paused: true };
  const from = `context ${snap.context} · `;
  const age = formatDuration(Math.max(0, now - snap.time));
  if (!f.polling) return { text: `${from}paused, from ${age} ago (the panel is hidden)`, paused: true };
  if (f.held)
    return {
      text: `${from}paused, from ${age} ago (the credential command was stopped; Refresh in the panel to resume)`,
      paused: true,
    };
  if (f.problem) return { text: `${from}from ${age} ago (the last refresh failed: ${f.problem})`, paused: true };
  return { text: `${from}${age} ago`, paused: false };
}
