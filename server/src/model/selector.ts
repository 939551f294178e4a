/**
 * Kubernetes label selectors, evaluated exactly as the API machinery does:
 * - a set-based `LabelSelector` (`matchLabels` AND every `matchExpressions` requirement: In, NotIn, Exists,
 *   DoesNotExist); an empty selector `{}` matches everything, a missing (null) one matches nothing;
 * - an equality-based map selector (Service `spec.selector`, ReplicationController): every pair must match; an
 *   empty map matches nothing for a Service (it selects no pods; endpoints are managed by hand).
 */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelector {
  matchLabels: ReadonlyMap<string, string>;
  matchExpressions: readonly Requirement[];
}

export type SelectorProblem = string;

/** Reads a LabelSelector from plain data; returns problems (bad operator, values where none allowed) too. */
export function parseLabelSelector(raw: unknown): { selector: LabelSelector | undefined; problems: SelectorProblem[] } {
  const problems: SelectorProblem[] = [];
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw))
    return { selector: undefined, problems };
  const r = raw as { matchLabels?: unknown; matchExpressions?: unknown };
  const matchLabels = new Map<string, string>();
  if (r.matchLabels && typeof r.matchLabels === 'object' && !Array.isArray(r.matchLabels)) {
    for (const [k, v] of Object.entries(r.matchLabels as Record<string, unknown>))
      matchLabels.set(k, v === null || v === undefined ? '' : String(v));
  }
  const matchExpressions: Requirement[] = [];
  if (Array.isArray(r.matchExpressions)) {
    r.matchExpressions.forEach((e: unknown, i) => {
      const x = (e ?? {}) as { key?: unknown; operator?: unknown; values?: unknown };
      const op = x.operator;
      if (typeof x.key !== 'string' || (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist')) {
        problems.push(`matchExpressions[${i}]: needs a key and an operator In, NotIn, Exists or DoesNotExist`);
        return;
      }
      const values = Array.isArray(x.values) ? x.values.map((v) => String(v)) : [];
      if ((op === 'In' || op === 'NotIn') && values.length === 0)
        problems.push(`matchExpressions[${i}]: ${op} needs values`);
      if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0)
        problems.push(`matchExpressions[${i}]: ${op} takes no values`);
      matchExpressions.push({ key: x.key, operator: op, values });
    });
  }
  return { selector: { matchLabels, matchExpressions }, problems };
}

export function matchesSelector(selector: LabelSelector | undefined, labels: ReadonlyMap<string, string>): boolean {
  if (!selector) return false;
  for (const [k, v] of selector.matchLabels) if (labels.get(k) !== v) return false;
  for (const req of selector.matchExpressions) {
    const has = labels.has(req.key);
    const value = labels.get(req.key);
    switch (req.operator) {
      case 'In':
        if (!has || !req.values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && req.values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** An equality-based selector (Service): every pair must match, and an empty selector selects nothing. */
export function matchesMapSelector(
  selector: ReadonlyMap<string, string> | undefined,
  labels: ReadonlyMap<string, string>,
): boolean {
  if (!selector || selector.size === 0) return false;
  for (const [k, v] of selector) if (labels.get(k) !== v) return false;
  return true;
}

export function toLabelMap(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>))
      out.set(k, v === null || v === undefined ? '' : String(v));
  }
  return out;
}
