import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('image-registry-deprecated', () => {
  const RULE = ['image-registry-deprecated'];
  const text = fixture('image-registry-deprecated', 'fire.yaml');

  test('k8s.gcr.io images fire, quoted or not', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['11:18-11:38', '13:18-13:134']);
    assert.equal(said(ds[0]), 'frozenRegistry {container=Container "pause", refRaw=k8s.gcr.io/pause:3.9}');
  });

  test('the fix rewrites only the registry, keeping quotes, tag, digest and comments', () => {
    const [plain, quoted] = lint(text, RULE);
    assert.equal(
      applyFix(text, plain),
      text.replace('image: k8s.gcr.io/pause:3.9 #', 'image: registry.k8s.io/pause:3.9 #'),
    );
    assert.equal(applyFix(text, quoted), text.replace('"k8s.gcr.io/ingress-nginx', '"registry.k8s.io/ingress-nginx'));
    assert.equal(fixAllText(text, RULE), text.replace(/(image: "?)k8s\.gcr\.io/g, '$1registry.k8s.io'));
  });
});

// The fixtures as a table: test/fixtures/rules/image-registry-deprecated/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('image-registry-deprecated', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'frozenRegistry',
          data: { container: 'Container "pause"', refRaw: 'k8s.gcr.io/pause:3.9' },
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 38,
          severity: 'warning',
          fix: 'Pull from registry.k8s.io',
        },
        {
          messageId: 'frozenRegistry',
          data: {
            container: 'Container "controller"',
            refRaw:
              'k8s.gcr.io/ingress-nginx/controller:v1.2.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          },
          line: 13,
          column: 18,
          endLine: 13,
          endColumn: 134,
          severity: 'warning',
          fix: 'Pull from registry.k8s.io',
        },
      ],
    },
  ],
});
