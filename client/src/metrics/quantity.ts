/**
 * Kubernetes quantities as the panel needs them: parsed to plain numbers (CPU in cores, memory in bytes) and
 * written back the way people write them (`250m`, `1.2Gi`). Floating point is enough here: these figures are shown
 * and compared, never stored back into the cluster; the values written into manifests are rounded first.
 *
 * (The server has an exact rational parser in server/src/model/quantity.ts; the client may not import it.)
 */

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/;

/** The value of a quantity in base units (cores, bytes), or undefined when it is not a quantity. */
export function parseQuantity(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const m = QUANTITY.exec(input.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * SUFFIX[m[3] ?? '']!;
}

/** CPU as people write it: `38m`, `250m`, `1` and `2` for whole cores, `12.5` from 10 cores up, `0` for nothing. */
export function formatCpu(cores: number | undefined): string {
  if (cores === undefined || !Number.isFinite(cores)) return '';
  const milli = cores * 1000;
  if (milli === 0) return '0';
  if (Math.abs(milli) < 1) return `${trim(milli, 2)}m`;
  if (Math.round(milli) % 1000 === 0 && Math.abs(milli - Math.round(milli)) < 1e-6)
    return String(Math.round(milli) / 1000);
  if (Math.abs(milli) < 10_000) return `${Math.round(milli)}m`;
  return trim(cores, 1);
}

/** Memory as people write it: `512Ki`, `120Mi`, `1.2Gi` (one decimal from Gi up, and below 10 of a unit). */
export function formatMemory(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '';
  if (bytes === 0) return '0';
  const units = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = bytes;
  let unit = '';
  for (const u of units) {
    if (Math.abs(v) < 1024) break;
    v /= 1024;
    unit = u;
  }
  if (unit === '') return String(Math.round(v));
  return Math.abs(v) < 10 ? `${trim(v, 1)}${unit}` : `${Math.round(v)}${unit}`;
}

function trim(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

/** A CPU value for a manifest: whole millicores, rounded up (a request must not end below the measured need). */
export function manifestCpu(cores: number): string {
  const milli = Math.max(1, Math.ceil(cores * 1000 - 1e-9));
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** A memory value for a manifest: whole mebibytes, rounded up (or gibibytes when that is exact). */
export function manifestMemory(bytes: number): string {
  const mi = Math.max(1, Math.ceil(bytes / 2 ** 20 - 1e-9));
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

/** `usage` as a whole percentage of `of` (k9s floors it), or undefined when there is nothing to compare with. */
export function percentOf(usage: number | undefined, of: number | undefined): number | undefined {
  if (usage === undefined || of === undefined || !(of > 0)) return undefined;
  return Math.floor((usage / of) * 100);
}
