import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('image-digest-missing', () => {
  const RULE = ['image-digest-missing'];

  test('is off in the recommended profile and on in strict', () => {
    const text = fixture('image-digest-missing', 'fire.yaml');
    assert.deepEqual(lint(text, RULE), []);
    const ds = lint(text, RULE, { profile: 'strict' });
    assert.deepEqual(ds.map(where), ['9:14-9:26', '11:14-11:38']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['warning', 'warning'],
    );
  });

  test('a malformed digest pins nothing', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx@sha256:abc\n';
    const ds = lint(pod, RULE, { profile: 'strict' });
    assert.deepEqual(ds.map(where), ['8:14-8:30']);
    assert.equal(said(ds[0]), 'malformedDigest {digest=sha256:abc, label=Container "c", refRaw=nginx@sha256:abc}');
  });

  test('digests pass with or without a tag', () => {
    assert.deepEqual(lint(fixture('image-digest-missing', 'pass.yaml'), RULE, { profile: 'strict' }), []);
  });
});

// The fixtures as a table: test/fixtures/rules/image-digest-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('image-digest-missing', {
  valid: [{ code: ruleFixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: ruleFixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'noDigest',
          data: { label: 'Container "web"', refRaw: 'nginx:1.27.3' },
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 26,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'noDigest',
          data: { label: 'Container "proxy"', refRaw: 'localhost:5000/proxy:2' },
          line: 11,
          column: 14,
          endLine: 11,
          endColumn: 38,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
