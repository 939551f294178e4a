import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { applyFix, lint } from '../../../support/lint';
import { brief, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['selector-template-mismatch'];

describe('selector-template-mismatch', () => {
  test("the fix gives the template the selector's labels (the selector is immutable); the suggestion edits the selector", () => {
    const text = fx('selector-template-mismatch', 'fire.yaml');
    const [deploy, rc] = lint(text, RULE);
    assert.equal(deploy.fix!.title, 'Add app: web, tier: frontend to the pod template labels');
    assert.equal(
      applyFix(text, deploy),
      text.replace('        app: webapp # renamed\n', '        app: web # renamed\n        tier: frontend\n'),
    );
    assert.equal(applyFix(text, rc), text.replace('        app: old-legacy\n', '        app: legacy\n'));
    assert.equal(
      applyEdits(text, deploy.suggestions![0].edits),
      text.replace('      app: web\n      tier: frontend\n  template:', '      app: webapp\n  template:'),
    );
    assert.deepEqual(lint(applyFix(text, deploy), RULE).length, 2);
  });

  test('a template without labels gets them', () => {
    const text = fx('selector-template-mismatch', 'pass.yaml')
      .split('---\n')[0]
      .replace('    metadata:\n      labels:\n        app: web\n        track: stable\n', '');
    const [d] = lint(text, RULE);
    assert.equal(applyFix(text, d), `${text}    metadata:\n      labels:\n        app: web\n`);
  });

  test('a Job is checked only with manualSelector: true', () => {
    const text = fx('selector-template-mismatch', 'pass.yaml').replace(
      '  selector:\n    matchLabels:\n      app: something-else',
      '  manualSelector: true\n  selector:\n    matchLabels:\n      app: something-else',
    );
    assert.deepEqual(brief(lint(text, RULE)), [['33:3-33:11', 'error', true]]);
  });
});

// The fixtures as a table: test/fixtures/rules/selector-template-mismatch/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('selector-template-mismatch', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'selectorMismatchesTemplate',
          data: {
            parts: 'app: web but the template has app: webapp; tier: frontend is not on the template',
            kind: 'Deployment',
          },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 11,
          severity: 'error',
          fix: 'Add app: web, tier: frontend to the pod template labels',
          suggestions: [{ title: 'Make the selector match the pod template labels' }],
        },
        {
          messageId: 'selectorMismatchesTemplate',
          data: { parts: 'app: legacy but the template has app: old-legacy', kind: 'ReplicationController' },
          line: 'replicationcontroller-legacy+8',
          column: 3,
          endLine: 'replicationcontroller-legacy+8',
          endColumn: 11,
          severity: 'error',
          fix: 'Add app: legacy to the pod template labels',
          suggestions: [{ title: 'Make the selector match the pod template labels' }],
        },
        {
          messageId: 'selectorMismatchesTemplate',
          data: { parts: 'role NotIn (replica) does not hold for the template', kind: 'StatefulSet' },
          line: 'statefulset-db+9',
          column: 3,
          endLine: 'statefulset-db+9',
          endColumn: 11,
          severity: 'error',
          fix: null,
        },
      ],
    },
  ],
});
