import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture, ruleTester } from '../../../support/rule-tester';

const fx = (rule: string, file: string): string => readFixture('rules', rule, file);

describe('label-values-invalid', () => {
  const RULE = ['label-values-invalid'];
  test('flags bad keys, bad values and non-string values', () => {
    const text = fx('label-values-invalid', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), !!d.fix]),
      [
        ['6:14-6:17', true],
        ['7:5-7:10', false],
        ['8:23-8:34', false],
        ['13:17-13:21', true],
      ],
    );
    assert.equal(said(ds[0]), 'nonStringLabelValue {key=version, text=1.0, value=number, where=object}');
    const fixed = fixAllText(text, RULE);
    assert.match(fixed, /version: "1.0" # a number to YAML/);
    assert.match(fixed, /canary: "true"/);
    assert.equal(lint(fixed, RULE).length, 2);
  });
});

// The fixtures as a table: test/fixtures/rules/label-values-invalid/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('label-values-invalid', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'nonStringLabelValue',
          data: { where: 'object', key: 'version', value: 'number', text: '1.0' },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 17,
          severity: 'error',
          fix: 'Quote the value: "1.0"',
        },
        {
          messageId: 'invalidLabelKey',
          data: {
            where: 'object',
            key: '-bad-',
            keyProblem:
              'the name part must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."',
          },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 10,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'invalidLabelValue',
          data: {
            where: 'object',
            v: 'front end',
            valueProblem:
              'a label value must be empty or start and end with a letter or digit, with only letters, digits, "-", "_" and "." between',
          },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 34,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'nonStringLabelValue',
          data: { where: 'pod template', key: 'canary', value: 'boolean', text: 'true' },
          line: 13,
          column: 17,
          endLine: 13,
          endColumn: 21,
          severity: 'error',
          fix: 'Quote the value: "true"',
        },
      ],
    },
  ],
});
