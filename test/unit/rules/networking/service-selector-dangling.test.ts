import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { lintWorkspace, loadWorkspace, WS_ROOT } from '../../../support/workspace-lint';
import { fixture as ruleFixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['service-selector-dangling'];
const fixture = (name: string): string => readFixture('rules', 'service-selector-dangling', name);

describe('service-selector-dangling', () => {
  test('flags a selector that matches no pod template, on its key, with a suggestion from the like-named workload', () => {
    const text = fixture('fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [['6:3-6:11', 'warning', false]],
    );
    assert.equal(
      said(ds[0]),
      'selectorMatchesNothing {label=app=web-frontend, ns=default, searchedFiles=searched 1 file: untitled:manifest.yaml}',
    );
    assert.deepEqual(
      ds[0].suggestions?.map((s) => s.title),
      ['Select the pods of Deployment "web" (app=web)'],
    );
    const fixed = applyEdits(text, ds[0].suggestions![0].edits);
    assert.equal(fixed, text.replace('app: web-frontend # the pods', 'app: web # the pods'));
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('the suggestion renames surplus keys and removes the rest, in flow style too', () => {
    const text = fixture('fire.yaml').replace(
      '    app: web-frontend # the pods are labelled app=web\n',
      '    name: web # old label\n    tier: frontend\n    role: edge\n',
    );
    const [d] = lint(text, RULE);
    const fixed = applyEdits(text, d.suggestions![0].edits);
    assert.match(fixed, /selector:\n {4}app: web # old label\n {2}ports:/);
    assert.deepEqual(lint(fixed, RULE), []);
    const flow = fixture('fire.yaml').replace(
      '    app: web-frontend # the pods are labelled app=web\n',
      '    {app: web-frontend, tier: x}\n',
    );
    const [f] = lint(flow, RULE);
    assert.match(applyEdits(flow, f.suggestions![0].edits), /selector:\n {4}\{app: web\}\n/);
  });

  test('across a workspace: warning beside the workloads, information for a Service alone in its folder', () => {
    const out = lintWorkspace('service-selector-dangling', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity, d.suggestions?.map((s) => s.title)])]),
      [
        ['app/services.yaml', [['6:3-6:11', 'warning', ['Select the pods of Deployment "api" (app=api)']]]],
        ['external/legacy.yaml', [['7:3-7:11', 'info', undefined]]],
      ],
    );
    const { texts } = loadWorkspace('service-selector-dangling');
    const [d] = out.get('app/services.yaml')!;
    const fixed = applyEdits(texts.get('app/services.yaml')!, d.suggestions![0].edits);
    assert.match(fixed, /selector:\n {4}app: api\n {2}ports:/);
    assert.ok(WS_ROOT.startsWith('file:'));
  });
});

// The fixtures as a table: test/fixtures/rules/service-selector-dangling/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('service-selector-dangling', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'selectorMatchesNothing',
          data: { label: 'app=web-frontend', ns: 'default', searchedFiles: 'searched 1 file: untitled:manifest.yaml' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 11,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Select the pods of Deployment "web" (app=web)' }],
        },
      ],
    },
  ],
});
