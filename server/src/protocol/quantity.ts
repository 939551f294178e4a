/**
 * Kubernetes resource quantities (`500m`, `0.5`, `1.5Gi`, `1e3`, `128974848`, `250M`), the one implementation that
 * the rules, the language server, the extension's Cluster Metrics view and its page share. It imports nothing, so
 * the client bundle, the webview bundle (esbuild) and Node all load it as is.
 *
 * Parsing is exact: a quantity is a rational number of base units held as two BigInts, so `0.1 + 0.2` is `3/10` and
 * `1Gi` compares exactly with `1073741824`. The grammar is the one of k8s.io/apimachinery/pkg/api/resource. The
 * metrics view works with plain numbers (cores, bytes): `quantityValue` gives them, and `formatCpu`/`formatMemory`
 * write them the way people do; figures shown, never stored back exactly (manifest values are rounded up first).
 */

export type SuffixKind = 'binary' | 'decimal' | 'exponent' | 'none';

export interface Quantity {
  /** value = num / den, den > 0, in lowest terms */
  readonly num: bigint;
  readonly den: bigint;
  readonly suffix: string;
  readonly suffixKind: SuffixKind;
  readonly text: string;
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
/** Decimal SI suffixes as powers of ten. */
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/;

/** Parsed quantities by their text: the same few (`100m`, `128Mi`) recur across containers, rules and files. */
const PARSED = new Map<string, Quantity | undefined>();
const MAX_PARSED = 4096;

/** A quantity, or undefined when the text is not one. Results are shared (they are read-only). */
export function parseQuantity(input: string): Quantity | undefined {
  let q = PARSED.get(input);
  if (q === undefined && !PARSED.has(input)) {
    q = parse(input);
    if (PARSED.size >= MAX_PARSED) PARSED.clear();
    PARSED.set(input, q);
  }
  return q;
}

function parse(input: string): Quantity | undefined {
  const text = input.trim();
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const [intPart, fracPart = ''] = digits.split('.');
  let num = BigInt((intPart || '0') + fracPart);
  let den = 10n ** BigInt(fracPart.length);
  let suffixKind: SuffixKind = 'none';
  if (suffix in BINARY) {
    num *= BINARY[suffix];
    suffixKind = 'binary';
  } else if (/^[eE][+-]?\d/.test(suffix)) {
    // an exponent (`1e3`); a lone `E` is the exa suffix
    const exp = Number(suffix.slice(1));
    if (Math.abs(exp) > 1000) return undefined;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
    suffixKind = 'exponent';
  } else if (suffix !== '') {
    const exp = DECIMAL[suffix];
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
    suffixKind = 'decimal';
  }
  if (sign === '-') num = -num;
  return normalise({ num, den, suffix, suffixKind, text });
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

function normalise(q: Quantity): Quantity {
  const g = gcd(q.num, q.den) || 1n;
  return { ...q, num: q.num / g, den: q.den / g };
}

function make(num: bigint, den: bigint): Quantity {
  const q = normalise({ num, den, suffix: '', suffixKind: 'none', text: '' });
  return { ...q, text: formatQuantity(q) };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return make(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return make(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function multiplyQuantity(a: Quantity, factorNum: bigint, factorDen = 1n): Quantity {
  return make(a.num * factorNum, a.den * factorDen);
}

export function quantityFromNumber(value: number): Quantity {
  const q = parseQuantity(String(value).includes('e') ? value.toFixed(9) : String(value));
  if (!q) throw new RangeError(`not a finite quantity: ${value}`);
  return q;
}

/** The value as a JavaScript number (for display and ratios; comparisons use the exact form). */
export function quantityToNumber(q: Quantity): number {
  return Number(q.num) / Number(q.den);
}

/** Whether the value is a whole number of base units (bytes, cores). */
export function isWhole(q: Quantity): boolean {
  return q.den === 1n;
}

/**
 * Canonical text, choosing the suffix as Kubernetes does: binary when the value is an exact multiple of a binary
 * unit (and `preferBinary`), otherwise the largest decimal suffix that keeps the value whole, down to nano.
 */
export function formatQuantity(q: Pick<Quantity, 'num' | 'den'>, preferBinary = false): string {
  const { num, den } = q;
  if (num === 0n) return '0';
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const sign = neg ? '-' : '';
  if (preferBinary && den === 1n) {
    for (const s of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      if (abs % BINARY[s] === 0n) return `${sign}${abs / BINARY[s]}${s}`;
    }
  }
  for (const [s, exp] of [
    ['E', 18],
    ['P', 15],
    ['T', 12],
    ['G', 9],
    ['M', 6],
    ['k', 3],
    ['', 0],
    ['m', -3],
    ['u', -6],
    ['n', -9],
  ] as const) {
    const scaledNum = exp >= 0 ? abs : abs * 10n ** BigInt(-exp);
    const scaledDen = exp >= 0 ? den * 10n ** BigInt(exp) : den;
    if (scaledNum % scaledDen === 0n) return `${sign}${scaledNum / scaledDen}${s}`;
  }
  // Finer than a nano-unit: Kubernetes rounds up to the next nano-unit.
  const nanos = (abs * 10n ** 9n + den - 1n) / den;
  return `${sign}${nanos}n`;
}

/** Up to 15 digits and a common suffix: the digits and the scale are exact doubles. */
const SIMPLE = /^(\d{1,15})(n|u|m|k|M|G|Ki|Mi|Gi)?$/;
const SCALE: Readonly<Record<string, readonly [multiply: number, divide: number]>> = {
  n: [1, 1e9],
  u: [1, 1e6],
  m: [1, 1e3],
  k: [1e3, 1],
  M: [1e6, 1],
  G: [1e9, 1],
  Ki: [2 ** 10, 1],
  Mi: [2 ** 20, 1],
  Gi: [2 ** 30, 1],
};

/**
 * The value of the quantities metrics-server and most specs write (`12345678n`, `104857Ki`, `250m`, `2`) without
 * the exact rational arithmetic: the digits and the scale are exact doubles, and one IEEE multiplication or division
 * rounds the exact value once, as converting the exact fraction does, so the result is the same number. The panel
 * reads two of these per container per refresh. Undefined for anything else (the exact path handles it).
 */
function simpleQuantityValue(text: string): number | undefined {
  const m = SIMPLE.exec(text);
  if (!m) return undefined;
  const digits = Number(m[1]);
  if (m[2] === undefined) return digits;
  const [mul, div] = SCALE[m[2]]!;
  return div === 1 ? digits * mul : digits / div;
}

/** The value of a quantity in base units (cores, bytes) as a number, or undefined when it is not a quantity. */
export function quantityValue(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const fast = simpleQuantityValue(input);
  if (fast !== undefined) return fast;
  const q = parseQuantity(input);
  const v = q && quantityToNumber(q);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
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
