import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lintIds as lint } from '../../../support/rule-tester';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

describe('image-tag-mutable', () => {
  const RULE = ['image-tag-mutable'];

  test("the anchor tools' ignore annotations are honoured", () => {
    const pod = (annotation: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ${annotation}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`;
    assert.equal(lint(pod('team: x'), RULE).length, 1);
    assert.deepEqual(lint(pod('ignore-check.kube-linter.io/latest-tag: "dev only"'), RULE), []);
    assert.deepEqual(lint(pod('polaris.fairwinds.com/tagNotSpecified-exempt: "true"'), RULE), []);
    assert.deepEqual(lint(pod('kube-score/ignore: container-image-tag'), RULE), []);
  });
});

// The fixtures as a table: test/fixtures/rules/image-tag-mutable/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('image-tag-mutable', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'imageTaggedLatest',
          data: { container: 'Container "web"', refRaw: 'nginx:latest' },
          line: 14,
          column: 18,
          endLine: 14,
          endColumn: 30,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'imageWithoutTag',
          data: {
            container: 'Container "cache"',
            refRaw: 'localhost:5000/cache',
          },
          line: 16,
          column: 18,
          endLine: 16,
          endColumn: 40,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'imageWithoutTag',
          data: {
            container: 'Container "sidecar"',
            refRaw: 'docker.io/library/envoy',
          },
          line: 17,
          column: 34,
          endLine: 17,
          endColumn: 57,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'imageWithoutTag',
          data: { container: 'Init container "migrate"', refRaw: 'busybox' },
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 25,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
