import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const fixture = (rule: string, name: string): string => readFixture('rules', rule, name);

describe('image-pull-policy', () => {
  const RULE = ['image-pull-policy'];
  const text = fixture('image-pull-policy', 'fire.yaml');

  test('a missing policy and IfNotPresent with a mutable image fire', () => {
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['11:11-11:30', '14:11-14:40', '15:24-15:47']);
    assert.deepEqual(
      ds.map((d) => d.severity),
      ['info', 'info', 'info'],
    );
    assert.equal(said(ds[1]), 'ifNotPresentForMutableImage {label=Container "cache", refRaw=redis}');
  });

  test('the fixes insert or set Always, in block and flow style', () => {
    const [missing, ifNotPresent, flow] = lint(text, RULE);
    assert.equal(
      applyFix(text, missing),
      text.replace(
        'image: nginx:latest # moves with every push\n',
        'image: nginx:latest # moves with every push\n          imagePullPolicy: Always\n',
      ),
    );
    assert.equal(
      applyFix(text, ifNotPresent),
      text.replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: Always'),
    );
    assert.equal(
      applyFix(text, flow),
      text.replace(
        '{name: flow, image: envoyproxy/envoy}',
        '{name: flow, image: envoyproxy/envoy, imagePullPolicy: Always}',
      ),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });
});

// The fixtures as a table: test/fixtures/rules/image-pull-policy/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('image-pull-policy', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noPullPolicyForMutableImage',
          data: { label: 'Container "web"', refRaw: 'nginx:latest' },
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 30,
          severity: 'info',
          fix: 'Add imagePullPolicy: Always',
        },
        {
          messageId: 'ifNotPresentForMutableImage',
          data: { label: 'Container "cache"', refRaw: 'redis' },
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 40,
          severity: 'info',
          fix: 'Set imagePullPolicy: Always',
        },
        {
          messageId: 'noPullPolicyForMutableImage',
          data: { label: 'Container "flow"', refRaw: 'envoyproxy/envoy' },
          line: 15,
          column: 24,
          endLine: 15,
          endColumn: 47,
          severity: 'info',
          fix: 'Add imagePullPolicy: Always',
        },
      ],
    },
  ],
});
