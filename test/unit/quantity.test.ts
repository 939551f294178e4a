import { build } from 'esbuild';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { createContext, runInContext } from 'node:vm';
import type { Quantity } from '../../server/src/protocol/quantity';
import { repoRoot } from '../support/paths';
import {
  addQuantities,
  compareQuantities,
  formatCpu,
  formatMemory,
  formatQuantity,
  isWhole,
  multiplyQuantity,
  parseQuantity,
  quantityFromNumber,
  quantityToNumber,
  quantityValue,
  subtractQuantities,
} from '../../server/src/protocol/quantity';

function q(text: string): Quantity {
  const parsed = parseQuantity(text);
  assert.ok(parsed, `${JSON.stringify(text)} should parse`);
  return parsed;
}

/** The exact value as `num/den`. */
function exact(text: string): string {
  const p = q(text);
  return `${p.num}/${p.den}`;
}

test('parses the forms of the quantity grammar exactly', () => {
  const cases: Array<[string, string, string]> = [
    ['500m', '1/2', 'decimal'],
    ['0.5', '1/2', 'none'],
    ['.5', '1/2', 'none'],
    ['1.5Gi', '1610612736/1', 'binary'],
    ['1e3', '1000/1', 'exponent'],
    ['1E3', '1000/1', 'exponent'],
    ['1e-3', '1/1000', 'exponent'],
    ['1.5e3', '1500/1', 'exponent'],
    ['128974848', '128974848/1', 'none'],
    ['129e6', '129000000/1', 'exponent'],
    ['123Mi', '128974848/1', 'binary'],
    ['250M', '250000000/1', 'decimal'],
    ['+1', '1/1', 'none'],
    ['-1', '-1/1', 'none'],
    ['1E', '1000000000000000000/1', 'decimal'], // exa, not an exponent without digits
    ['2Ei', `${2n << 60n}/1`, 'binary'],
    ['1n', '1/1000000000', 'decimal'],
    ['1u', '1/1000000', 'decimal'],
    ['5Ki', '5120/1', 'binary'],
    ['1k', '1000/1', 'decimal'],
    [' 1Gi ', '1073741824/1', 'binary'], // the API server trims what it decodes
  ];
  for (const [text, value, kind] of cases) {
    assert.equal(exact(text), value, text);
    assert.equal(q(text).suffixKind, kind, text);
  }
  assert.equal(q('1.5Gi').suffix, 'Gi');
  assert.equal(q(' 250M ').text, '250M');
});

test('rejects what is not a quantity', () => {
  for (const text of [
    '1.5.0Gi',
    'abc',
    '1Gb',
    '',
    ' ',
    '1 Gi',
    'Gi',
    '.',
    '1e',
    '0x10',
    '1K',
    '1ei',
    'Infinity',
    '1_000',
    '--1',
    '10GiB',
    '1,5',
    'm',
  ]) {
    assert.equal(parseQuantity(text), undefined, JSON.stringify(text));
  }
});

test('compares exactly, across suffixes', () => {
  assert.equal(compareQuantities(q('1Gi'), q('1073741824')), 0);
  assert.equal(compareQuantities(q('1G'), q('1Gi')), -1);
  assert.equal(compareQuantities(q('1Gi'), q('1G')), 1);
  assert.equal(compareQuantities(q('500m'), q('0.5')), 0);
  assert.equal(compareQuantities(q('1e3'), q('1k')), 0);
  assert.equal(compareQuantities(q('999m'), q('1')), -1);
  assert.equal(compareQuantities(q('1n'), q('0')), 1);
  assert.equal(compareQuantities(q('-1'), q('0')), -1);
  // beyond float precision: 2^60 + 1 vs 2^60
  assert.equal(compareQuantities(q(String((1n << 60n) + 1n)), q('1Ei')), 1);
});

test('adds, subtracts and multiplies exactly: 0.1 + 0.2 is 300m', () => {
  const sum = addQuantities(q('0.1'), q('0.2'));
  assert.equal(compareQuantities(sum, q('300m')), 0);
  assert.equal(sum.text, '300m');
  assert.equal(subtractQuantities(q('1'), q('250m')).text, '750m');
  assert.equal(subtractQuantities(q('1Gi'), q('1Gi')).text, '0');
  assert.equal(multiplyQuantity(q('100m'), 3n).text, '300m');
  assert.equal(multiplyQuantity(q('1Gi'), 1n, 2n).text, '536870912');
  assert.equal(compareQuantities(quantityFromNumber(0.1), q('100m')), 0);
  assert.equal(compareQuantities(quantityFromNumber(1e-7), q('100n')), 0);
});

test('formats canonically', () => {
  assert.equal(formatQuantity(q('1073741824'), true), '1Gi');
  assert.equal(formatQuantity(q('1073741824')), '1073741824');
  assert.equal(formatQuantity(q('1.5Gi'), true), '1536Mi');
  assert.equal(formatQuantity(q('0.5')), '500m');
  assert.equal(formatQuantity(q('1e3')), '1k');
  assert.equal(formatQuantity(q('0')), '0');
  assert.equal(formatQuantity(q('-0.5')), '-500m');
  assert.equal(formatQuantity(q('100Ki')), '102400');
  // finer than a nano-unit rounds up, as Kubernetes does
  assert.equal(formatQuantity({ num: 1n, den: 3n }), '333333334n');
});

test('the number view of the metrics view: base units, or undefined for anything that is no finite quantity', () => {
  assert.equal(quantityValue('250m'), 0.25);
  assert.equal(quantityValue('1522429n'), 0.001522429);
  assert.equal(quantityValue('1.5Gi'), 1610612736);
  assert.equal(quantityValue(' 1e3 '), 1000);
  assert.equal(quantityValue(2), 2);
  assert.equal(quantityValue('1e999'), undefined); // parses exactly, but is no finite number
  assert.equal(quantityValue(Number.NaN), undefined);
  assert.equal(quantityValue('12abc'), undefined);
  assert.equal(quantityValue(null), undefined);
  assert.equal(formatCpu(quantityValue('1500m')), '1500m');
  assert.equal(formatMemory(quantityValue('1.5Gi')), '1.5Gi');
});

test('whole-number and float views', () => {
  assert.equal(isWhole(q('1.0')), true);
  assert.equal(isWhole(q('0.5')), false);
  assert.equal(quantityToNumber(q('1.5Gi')), 1610612736);
  assert.equal(quantityToNumber(q('250m')), 0.25);
});

test('the module bundles for a web page as it is: no Node built-ins, runs in a bare context', async () => {
  // The Cluster Metrics page (a webview, bundled by esbuild for the browser) formats with the same functions.
  const built = await build({
    entryPoints: [join(repoRoot, 'server', 'src', 'protocol', 'quantity.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'quantity',
    write: false,
    logLevel: 'silent',
  });
  const page = createContext({});
  runInContext(`${built.outputFiles[0]!.text}\nglobalThis.quantity = quantity;`, page);
  const q = (page as { quantity: { formatCpu(v: unknown): string; quantityValue(v: unknown): number } }).quantity;
  assert.equal(q.formatCpu(q.quantityValue('250m')), '250m');
});

test('quantityValue: the quick path for simple quantities gives the exact path’s number', () => {
  // metrics-server's nanocores and kibibytes, specs' millicores and mebibytes: every digit count and suffix.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (const suffix of ['', 'n', 'u', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi']) {
    for (let digits = 1; digits <= 16; digits++) {
      for (let k = 0; k < 40; k++) {
        let d = String(1 + (next() % 9));
        while (d.length < digits) d += String(next() % 10);
        const text = d + suffix;
        assert.equal(quantityValue(text), quantityToNumber(parseQuantity(text)!), text);
      }
    }
  }
  for (const text of ['0', '0m', '0n', '007', '1e3', '1.5Gi', '  250m ', '-5m', '1E', '12Ti']) {
    assert.equal(quantityValue(text), quantityToNumber(parseQuantity(text)!), text);
  }
});
