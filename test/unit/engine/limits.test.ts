/**
 * Limits, not crashes: nesting deeper than the documented limit gives one yaml-syntax diagnostic at the place it
 * starts (never a stack overflow reported as a YAML problem), and long values cost time linear in their length.
 *
 * The long-value cases each fed a regular expression that backtracked quadratically or worse: 100,000 characters
 * took minutes. They carry a generous timeout (a hang guard, not a measurement; the figures are in `npm run bench`).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRuleSet } from '../../../server/src/composition';
import { DocumentLinter } from '../../../server/src/engine';
import { urlPassword, containsPrivateKey } from '../../../server/src/rulekit/security/secret-like';
import { looksLikeKubernetes } from '../../../server/src/protocol/sniff';
import { MAX_NESTING_DEPTH, scanTooDeep, tooDeep } from '../../../server/src/yaml/depth';
import { withoutTrailingComment, trimEndChars } from '../../../server/src/yaml/lines';
import { settings } from '../../support/lint';

const strict = createRuleSet(settings({ profile: 'strict' }));
const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:';

function blockNesting(levels: number): string {
  return HEAD + '\n' + Array.from({ length: levels }, (_, i) => ' '.repeat(2 * (i + 1)) + `k${i}:`).join('\n') + ' 1\n';
}

describe('nesting depth limit', () => {
  for (const [name, text, line] of [
    ['10,000-deep flow', HEAD + ' ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n', 4],
    ['2,000-deep block', blockNesting(2000), 4 + MAX_NESTING_DEPTH],
    [
      '2,000-deep sequence of sequences',
      HEAD + '\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(2 * i + 2) + '- ').join('\n') + 'x\n',
      4 + MAX_NESTING_DEPTH - 1,
    ],
  ] as const) {
    test(`${name}: one yaml-syntax diagnostic where the limit is passed, nothing else`, () => {
      const res = new DocumentLinter().lintText(text, strict);
      assert.deepEqual(res.failures, []);
      assert.deepEqual(
        res.diagnostics.map((d) => [d.ruleId, d.range.start.line]),
        [['yaml-syntax', line]],
      );
      assert.doesNotMatch(res.diagnostics[0].message, /call stack/);
    });
  }

  test('the other documents of the file are still checked', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n';
    const res = new DocumentLinter().lintText(blockNesting(2000) + '---\n' + pod, strict);
    const ids = new Set(res.diagnostics.map((d) => d.ruleId));
    assert.ok(ids.has('yaml-syntax'));
    assert.ok(ids.size > 3, `the pod was checked: ${[...ids].join(', ')}`);
  });

  test('nesting up to the limit is parsed and checked as usual', () => {
    assert.equal(tooDeep(blockNesting(MAX_NESTING_DEPTH - 10)), undefined);
    const res = new DocumentLinter().lintText(blockNesting(MAX_NESTING_DEPTH - 10), strict);
    assert.ok(!res.diagnostics.some((d) => d.ruleId === 'yaml-syntax'));
  });

  test('block scalars, quotes and comments do not count as nesting', () => {
    const deepScript = Array.from({ length: 400 }, (_, i) => ' '.repeat(4 + i) + 'x').join('\n');
    assert.equal(tooDeep(HEAD + '\n  script: |\n' + deepScript + '\n'), undefined);
    assert.equal(tooDeep(HEAD + '\n  s: "' + '['.repeat(400) + '"\n  t: \'' + '{'.repeat(400) + "'\n"), undefined);
    assert.equal(tooDeep(HEAD + '\n  # ' + '['.repeat(400) + '\n' + '\n'.repeat(300)), undefined);
    assert.ok(tooDeep(HEAD + ' ' + '['.repeat(400)));
  });
});

describe('shortcuts of the depth scan', () => {
  /** Texts near the limit, in every way the scan counts levels: indentation, `- ` indicators, brackets, mixes. */
  function nearLimit(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const levels of [MAX_NESTING_DEPTH - 2, MAX_NESTING_DEPTH - 1, MAX_NESTING_DEPTH, MAX_NESTING_DEPTH + 1]) {
      for (const step of [1, 2, 3]) {
        // one level per line, `step` columns deeper each time (a 10,000-line file passes the line-count shortcut)
        const lines = Array.from({ length: levels }, (_, i) => ' '.repeat(step * (i + 1)) + `k${i}:`);
        out.push([`${levels} levels, step ${step}`, `${HEAD}\n${lines.join('\n')} 1\n${'x: 1\n'.repeat(300)}`]);
        // the same with tabs and carriage returns in the indentation
        out.push([`${levels} levels, CRLF`, `${HEAD}\r\n${lines.join('\r\n')} 1\r\n${'x: 1\r\n'.repeat(300)}`]);
      }
      // sequence indicators: several on a line, and one per line
      out.push([`${levels} dashes on a line`, `${HEAD}\n  k: ${'- '.repeat(levels)}x\n${'y: 1\n'.repeat(300)}`]);
      out.push([
        `${levels} dashed lines`,
        `${HEAD}\n${Array.from({ length: levels }, (_, i) => ' '.repeat(2 * i + 2) + '- ').join('\n')}x\n${'y: 1\n'.repeat(300)}`,
      ]);
      // block levels and brackets together: half and half, and a few brackets (in quotes too) over deep blocks
      for (const flow of [Math.floor(levels / 2), 5]) {
        const block = levels - flow;
        const lines = Array.from({ length: block }, (_, i) => ' '.repeat(i + 1) + `k${i}:`);
        out.push([
          `${block} block levels and ${flow} brackets`,
          `${HEAD}\n${lines.join('\n')} ${'['.repeat(flow)}1${']'.repeat(flow)}\n${'x: 1\n'.repeat(300)}`,
        ]);
        out.push([
          `${block} block levels, ${flow} quoted brackets`,
          `${HEAD}\n${lines.join('\n')} "${'['.repeat(flow)}"\n${'x: 1\n'.repeat(300)}`,
        ]);
      }
    }
    return out;
  }

  test('tooDeep answers as the full scan does near the limit, shortcuts taken or not', () => {
    const cases = nearLimit();
    let deep = 0;
    for (const [name, text] of cases) {
      const full = scanTooDeep(text);
      assert.deepEqual(tooDeep(text), full, name);
      if (full) deep++;
    }
    // both answers occur: the cases straddle the limit
    assert.ok(deep > 5 && deep < cases.length - 5, `${deep} of ${cases.length} too deep`);
  });

  test('a long file of shallow manifests is answered without the scan', () => {
    const shallow = Array.from({ length: 3000 }, (_, i) => `- name: c${i}\n  image: "a[b]{c}"\n  args: [x, y]`).join(
      '\n',
    );
    assert.equal(tooDeep(`${HEAD}\n${shallow}\n`), undefined);
    assert.equal(scanTooDeep(`${HEAD}\n${shallow}\n`), undefined);
  });
});

describe('long values take linear time', { timeout: 120_000 }, () => {
  const N = 100_000;
  const configMap = (value: string): string =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  k: ${JSON.stringify(value)}\n`;
  const pod = (image: string): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: long\nspec:\n  containers:\n    - name: c\n      image: ${JSON.stringify(image)}\n      env:\n        - name: DATABASE_URL\n          value: ${JSON.stringify(image)}\n`;
  const shapes: Array<[string, string]> = [
    ['one long word', 'x'.repeat(N)],
    ['a URL scheme again and again', 'a://'.repeat(N / 4)],
    ['a URL with a long user name', 'postgres://' + 'u'.repeat(N) + ':'],
    ['dashes', '-'.repeat(N)],
    ['dots', '.'.repeat(N)],
    ['spaces then text', ' '.repeat(N) + 'x'],
    ['template braces', '{{'.repeat(N / 2)],
    ['digits', '1'.repeat(N)],
    ['word-dash runs', 'a-'.repeat(N / 2)],
  ];
  for (const [name, value] of shapes) {
    test(`${name} (${value.length} characters), in a ConfigMap and as an image and env value`, () => {
      for (const text of [configMap(value), pod(value)]) {
        const res = new DocumentLinter().lintText(text, strict);
        assert.deepEqual(res.failures, []);
      }
    });
  }

  test('a password in a URL is still found, and only there', () => {
    assert.equal(urlPassword('postgres://app:hunter2@db:5432/app'), 'hunter2');
    assert.equal(urlPassword('see https://example.com and redis://:s3cret@cache'), undefined);
    assert.equal(urlPassword('x https://a.b/c amqp+ssl://user:pw0rd@mq'), 'pw0rd');
    assert.equal(urlPassword('://user:pw@host'), undefined);
    assert.equal(urlPassword('x'.repeat(N) + '://user:pw1@host'), 'pw1');
    assert.equal(urlPassword('1://user:pw@host'), undefined);
    assert.equal(urlPassword('a'.repeat(N)), undefined);
  });

  test('private keys, comments, slashes and the Kubernetes sniff keep their meaning', () => {
    assert.ok(containsPrivateKey('-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----'));
    assert.ok(containsPrivateKey('- BEGIN OPENSSH PRIVATE KEY -'));
    assert.ok(!containsPrivateKey('-'.repeat(N) + 'BEGIN PUBLIC KEY-----'));
    assert.equal(withoutTrailingComment('  a: b   # note'), '  a: b');
    assert.equal(withoutTrailingComment('a: b#c'), 'a: b#c');
    assert.equal(withoutTrailingComment(' '.repeat(N) + 'x'), ' '.repeat(N) + 'x');
    assert.equal(trimEndChars('file:///a//', '/'), 'file:///a');
    assert.equal(trimEndChars('/'.repeat(N) + 'x', '/'), '/'.repeat(N) + 'x');
    assert.ok(looksLikeKubernetes('\n'.repeat(N) + 'apiVersion: v1\nkind: Pod\n'));
    assert.ok(!looksLikeKubernetes('\n'.repeat(N) + 'apiVersion: v1\n'));
  });
});
