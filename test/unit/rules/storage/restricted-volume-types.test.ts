import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { fixture as ruleFixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';
import { fixture, lintSorted, summary } from '../security/pss-support';

const R = 'restricted-volume-types';

describe(R, () => {
  test('off by default, a warning in strict on each disallowed volume source', () => {
    const text = fixture(R, 'fire.yaml');
    assert.deepEqual(lint(text, [R]), []);
    const ds = lintSorted(text, [R], { profile: 'strict' });
    assert.deepEqual(summary(ds), [
      ['14:11-14:14', 'warning', null],
      ['18:11-18:18', 'warning', null],
    ]);
    assert.equal(said(ds[0]), 'restrictedVolumeType {key=nfs, volume=Volume "shared"}');
  });

  test('hostPath is left to host-path-volume; allowed and source-less volumes pass', () => {
    const text = fixture(R, 'fire.yaml');
    assert.ok(!lint(text, [R], { profile: 'strict' }).some((d) => said(d).includes('hostPath')));
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R], { profile: 'strict' }), []);
  });

  test('a user can turn it on in the recommended profile', () => {
    assert.equal(lint(fixture(R, 'fire.yaml'), [R], { rules: { [R]: 'error' } }).length, 2);
  });
});

// The fixtures as a table: test/fixtures/rules/restricted-volume-types/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('restricted-volume-types', {
  valid: [{ code: ruleFixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: ruleFixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'restrictedVolumeType',
          data: { volume: 'Volume "shared"', key: 'nfs' },
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 14,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'restrictedVolumeType',
          data: { volume: 'Volume "site"', key: 'gitRepo' },
          line: 18,
          column: 11,
          endLine: 18,
          endColumn: 18,
          severity: 'warning',
          fix: null,
        },
      ],
    },
  ],
});
