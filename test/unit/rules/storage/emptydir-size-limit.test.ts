import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['emptydir-size-limit'];
const fixture = (name: string): string => readFixture('rules', 'emptydir-size-limit', name);

describe('emptydir-size-limit', () => {
  test('the fix writes sizeLimit: 1Gi in the style of the map, with a TODO in block and flow style', () => {
    const text = fixture('fire.yaml');
    const [tmp, shm, cache] = lint(text, RULE);
    assert.equal(
      applyFix(text, tmp),
      text.replace(
        /( *)emptyDir: \{\} # scratch space/,
        '$1# TODO: the most this volume may hold\n$1emptyDir: {sizeLimit: 1Gi} # scratch space',
      ),
    );
    assert.equal(
      applyFix(text, shm),
      text.replace(
        '            medium: Memory\n',
        '            medium: Memory\n            sizeLimit: 1Gi # TODO: the most this volume may hold\n',
      ),
    );
    assert.equal(
      applyFix(text, cache),
      text.replace(/emptyDir:\n$/, 'emptyDir:\n            sizeLimit: 1Gi # TODO: the most this volume may hold\n'),
    );
    assert.deepEqual(lint(fixAllText(text, RULE), RULE), []);
  });
});

// The fixtures as a table: test/fixtures/rules/emptydir-size-limit/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('emptydir-size-limit', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noSizeLimit',
          data: { volume: 'emptyDir volume "tmp"' },
          line: 17,
          column: 11,
          endLine: 17,
          endColumn: 19,
          severity: 'info',
          fix: 'Add sizeLimit: 1Gi',
        },
        {
          messageId: 'memoryBackedWithoutSizeLimit',
          data: { volume: 'emptyDir volume "shm"' },
          line: 19,
          column: 11,
          endLine: 19,
          endColumn: 19,
          severity: 'info',
          fix: 'Add sizeLimit: 1Gi',
        },
        {
          messageId: 'noSizeLimit',
          data: { volume: 'emptyDir volume "cache"' },
          line: 22,
          column: 11,
          endLine: 22,
          endColumn: 19,
          severity: 'info',
          fix: 'Add sizeLimit: 1Gi',
        },
      ],
    },
  ],
});
