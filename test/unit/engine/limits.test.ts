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
import { MAX_NESTING_DEPTH, tooDeep } from '../../../server/src/yaml/depth';
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
