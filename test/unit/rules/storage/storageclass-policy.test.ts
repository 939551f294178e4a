import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['storageclass-policy'];
const fixture = (name: string): string => readFixture('rules', 'storageclass-policy', name);

describe('storageclass-policy', () => {
  test('the fixes insert or rewrite the fields', () => {
    const text = fixture('fire.yaml');
    const [expansion, binding] = lint(text, RULE);
    assert.equal(applyFix(text, expansion), text + 'allowVolumeExpansion: true\n');
    assert.equal(
      applyFix(text, binding),
      text.replace('volumeBindingMode: Immediate', 'volumeBindingMode: WaitForFirstConsumer'),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });

  test('an unset volumeBindingMode is Immediate', () => {
    const text =
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: x\nprovisioner: pd.csi.storage.gke.io\nallowVolumeExpansion: true\n';
    const [d] = lint(text, RULE);
    assert.equal(where(d), '4:9-4:10');
    assert.equal(said(d), 'immediateBindingByDefault {label=StorageClass "x"}');
    assert.equal(applyFix(text, d), text + 'volumeBindingMode: WaitForFirstConsumer\n');
  });
});

// The fixtures as a table: test/fixtures/rules/storageclass-policy/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('storageclass-policy', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noVolumeExpansion',
          data: { label: 'StorageClass "fast"' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 13,
          severity: 'info',
          fix: 'Add allowVolumeExpansion: true',
        },
        {
          messageId: 'immediateBinding',
          data: { label: 'StorageClass "fast"' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 29,
          severity: 'info',
          fix: 'Set volumeBindingMode: WaitForFirstConsumer',
        },
      ],
    },
  ],
});
