import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'requests-equal-limits';
const strict = (text: string) => lint(text, [ID], { profile: 'strict' });

test('off by default, a warning in strict', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: [],
    strict: ['warning'],
  });
});

test('the fix copies limits to requests (and requests to missing limits)', () => {
  const text = readFixture(ID, 'fire');
  const ds = strict(text);
  assert.match(applyFix(text, ds[0]), /requests:\n {14}cpu: 1 # below the limit\n/);
  assert.match(
    applyFix(text, ds[1]),
    /requests: \{cpu: 100m, memory: 64Mi\}\n {12}limits:\n {14}cpu: 100m\n {14}memory: 64Mi\n/,
  );
  assert.match(applyFix(text, ds[2]), /requests: \{memory: 2Gi\}, limits: \{memory: 2Gi, cpu: 1\}/);
  assert.deepEqual(strict(fixAllText(text, [ID], { profile: 'strict' })), []);
});

test('kube-score annotations map to it', () => {
  const text = readFixture(ID, 'fire').replace(
    '  name: web\n',
    '  name: web\n  annotations:\n    kube-score/ignore: container-cpu-requests-equal-limits\n',
  );
  assert.deepEqual(strict(text), []);
});

// The fixtures as a table: test/fixtures/rules/requests-equal-limits/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('requests-equal-limits', {
  valid: [{ code: fixture('pass'), settings: { profile: 'strict' } }],
  invalid: [
    {
      code: fixture('fire'),
      settings: { profile: 'strict' },
      errors: [
        {
          messageId: 'notGuaranteedQos',
          data: { container: 'Container "web"', differ: 'CPU request 250m ≠ limit 1' },
          line: 13,
          column: 13,
          endLine: 15,
          endColumn: 28,
          severity: 'warning',
          fix: 'Make requests equal to limits',
        },
        {
          messageId: 'notGuaranteedQos',
          data: {
            container: 'Container "requests-only"',
            differ: 'CPU request 100m has no limit; memory request 64Mi has no limit',
          },
          line: 22,
          column: 13,
          endLine: 22,
          endColumn: 48,
          severity: 'warning',
          fix: 'Make requests equal to limits',
        },
        {
          messageId: 'notGuaranteedQos',
          data: { container: 'Container "flow"', differ: 'memory request 1Gi ≠ limit 2Gi' },
          line: 23,
          column: 50,
          endLine: 23,
          endColumn: 73,
          severity: 'warning',
          fix: 'Make requests equal to limits',
        },
      ],
    },
  ],
});
