/**
 * Kubernetes resource quantities (`500m`, `0.5`, `1.5Gi`, `1e3`, `128974848`, `250M`) with exact arithmetic:
 * a quantity is a rational number of base units held as two BigInts, so `0.1 + 0.2` is `3/10` and `1Gi` compares
 * exactly with `1073741824`. The grammar is the one of k8s.io/apimachinery/pkg/api/resource.
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

export function parseQuantity(input: string): Quantity | undefined {
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
  while (b) [a, b] = [b, a % b];
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

/** CPU shown the way people write it: whole cores as a number, anything else in millicores (rounded up). */
export function formatCpu(q: Pick<Quantity, 'num' | 'den'>): string {
  if (q.den === 1n) return String(q.num);
  const milli = (q.num * 1000n + q.den - 1n) / q.den;
  return `${milli}m`;
}

/** Memory shown in the largest binary unit that keeps it whole, else in Mi rounded up. */
export function formatMemory(q: Pick<Quantity, 'num' | 'den'>): string {
  const bytes = (q.num + q.den - 1n) / q.den;
  for (const s of ['Ti', 'Gi', 'Mi', 'Ki']) {
    if (bytes % BINARY[s] === 0n) return `${bytes / BINARY[s]}${s}`;
  }
  if (bytes < BINARY.Mi) return String(bytes);
  return `${(bytes + BINARY.Mi - 1n) / BINARY.Mi}Mi`;
}
