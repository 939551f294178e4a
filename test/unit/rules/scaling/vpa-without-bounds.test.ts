import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['vpa-without-bounds'];

const BOUNDS = (indent: string): string =>
  `${indent}minAllowed:\n${indent}  cpu: 25m\n${indent}  memory: 64Mi\n${indent}maxAllowed: # TODO: at most what one node can give a pod\n${indent}  cpu: 2\n${indent}  memory: 4Gi\n`;

describe('vpa-without-bounds', () => {
  test('flags a VPA with no bounds and inserts a "*" policy with minAllowed and maxAllowed', () => {
    const text = fx('vpa-without-bounds', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['7:1-7:5', 'info', true],
      ['26:3-26:17', 'info', true],
    ]);
    assert.equal(
      applyFix(text, ds[0]),
      text.replace(
        '    name: web\n---',
        `    name: web\n  resourcePolicy:\n    containerPolicies:\n      - containerName: "*"\n${BOUNDS('        ')}---`,
      ),
    );
  });

  test('an existing policy gets the bounds; a policy with mode: "Off" is left alone', () => {
    const text = fx('vpa-without-bounds', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.equal(
      applyFix(text, ds[1]),
      text.replace(
        '        controlledResources: ["memory"]\n',
        `        controlledResources: ["memory"]\n${BOUNDS('        ')}`,
      ),
    );
    assert.deepEqual(lint(applyFix(text, ds[1]), RULE).length, 1);
  });
});

// The fixtures as a table: test/fixtures/rules/vpa-without-bounds/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('vpa-without-bounds', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'noAllowedBounds',
          line: 7,
          column: 1,
          endLine: 7,
          endColumn: 5,
          severity: 'info',
          fix: 'Add minAllowed and maxAllowed container bounds',
        },
        {
          messageId: 'noAllowedBounds',
          line: 'verticalpodautoscaler-worker+14',
          column: 3,
          endLine: 'verticalpodautoscaler-worker+14',
          endColumn: 17,
          severity: 'info',
          fix: 'Add minAllowed and maxAllowed container bounds',
        },
      ],
    },
  ],
});
