import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['storageclass-not-found'];
const fixture = (name: string): string => readFixture('rules', 'storageclass-not-found', name);

describe('storageclass-not-found', () => {
  test('flags a class the workspace does not define, on the name, offering the close ones', () => {
    const text = fixture('fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [['15:21-15:29', 'info', false]],
    );
    assert.equal(
      said(ds[0]),
      'storageClassNotFound {clsName=fast-sdd, label=PersistentVolumeClaim "data", list="fast-ssd", searchedFiles=searched 1 file: untitled:manifest.yaml}',
    );
    assert.deepEqual(
      ds[0].suggestions?.map((s) => s.title),
      ['Use StorageClass "fast-ssd"'],
    );
    const fixed = applyEdits(text, ds[0].suggestions![0].edits);
    assert.equal(fixed, text.replace('storageClassName: fast-sdd # typo', 'storageClassName: fast-ssd # typo'));
    assert.deepEqual(lint(fixed, RULE), []);
  });

  test('without any StorageClass in the workspace nothing is reported', () => {
    const text = fixture('fire.yaml').replace(/^[\s\S]*?---\n/, '');
    assert.match(text, /^apiVersion: v1\nkind: PersistentVolumeClaim/);
    assert.deepEqual(lint(text, RULE), []);
  });

  test('across a workspace: PVCs and volumeClaimTemplates (beta annotation included) against the classes of another folder', () => {
    const out = lintWorkspace('storageclass-not-found', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity, d.suggestions?.map((s) => s.title)])]),
      [
        ['app/claims.yaml', [['7:21-7:25', 'info', ['Use StorageClass "fast-ssd"']]]],
        [
          'app/statefulset.yaml',
          [['27:52-27:55', 'info', ['Use StorageClass "fast-ssd"', 'Use StorageClass "shared"']]],
        ],
      ],
    );
    assert.equal(
      said(out.get('app/statefulset.yaml')![0]),
      'storageClassNotFound {clsName=gp2, label=volumeClaimTemplate "wal", list="fast-ssd", "shared", searchedFiles=searched 3 files: app/claims.yaml, app/statefulset.yaml, cluster/storageclasses.yaml}',
    );
  });
});

// The fixtures as a table: test/fixtures/rules/storageclass-not-found/.
ruleTester.run('storageclass-not-found', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'storageClassNotFound',
          data: {
            label: 'PersistentVolumeClaim "data"',
            clsName: 'fast-sdd',
            list: '"fast-ssd"',
            searchedFiles: 'searched 1 file: untitled:manifest.yaml',
          },
          line: 15,
          column: 21,
          endLine: 15,
          endColumn: 29,
          severity: 'info',
          fix: null,
          suggestions: [{ title: 'Use StorageClass "fast-ssd"' }],
        },
      ],
    },
  ],
});
