import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, ruleTester } from '../../../support/rule-tester';

const ID = 'quantity-suspicious';
const run = (text: string) => lint(text, [ID]);

test('thresholds: 1 MiB of bytes, 100 cores', () => {
  const pod = (cpu: string, memory: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      resources: {requests: {cpu: ${cpu}, memory: ${memory}}}\n`;
  assert.deepEqual(run(pod('99', '1Mi')), []);
  assert.deepEqual(run(pod('99999m', '1048576')), []);
  assert.equal(run(pod('100', '1048575')).length, 2);
  assert.equal(run(pod('0.5', '1023Ki')).length, 1);
});

test('the fix rewrites the unit only, keeping comments', () => {
  const text = readFixture(ID, 'fire');
  const ds = run(text);
  assert.match(applyFix(text, ds[1]), /memory: 512Mi # milli-bytes\n/);
  const all = fixAllText(text, [ID]);
  assert.match(
    all,
    / {14}# TODO: check the unit\n {14}cpu: 500m # 500 cores\n {14}# TODO: check the unit\n {14}memory: 512Mi # milli-bytes\n {12}limits:\n {14}# TODO: check the unit\n {14}cpu: 1000m # mega-cores\n {14}# TODO: check the unit\n {14}memory: 1024Mi # bytes\n/,
  );
  assert.deepEqual(
    run(all).map((d) => d.fix),
    [undefined, undefined],
  );
});

test('a value written through an alias or anchored for reuse is reported but not rewritten', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      resources: {requests: {memory: &m 512m}}
    - name: b
      resources: {requests: {memory: *m}}
`;
  const ds = run(text);
  assert.deepEqual(
    ds.map((d) => [where(d), !!d.fix]),
    [['8:41-8:45', false]],
  );
});

test('severity per profile', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: ['warning'],
    strict: ['warning'],
  });
});

// The fixtures as a table: test/fixtures/rules/quantity-suspicious/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('quantity-suspicious', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'coresDidYouMeanMillicores',
          data: { label: 'Container "web" requests.cpu', text: '500' },
          line: 14,
          column: 20,
          endLine: 14,
          endColumn: 23,
          severity: 'warning',
          fix: 'Change to 500m',
        },
        {
          messageId: 'milliBytes',
          data: { label: 'Container "web" requests.memory', text: '512m', tiny: '0.512', n: 512 },
          line: 15,
          column: 23,
          endLine: 15,
          endColumn: 27,
          severity: 'warning',
          fix: 'Change to 512Mi',
        },
        {
          messageId: 'megaCores',
          data: { label: 'Container "web" limits.cpu', text: '1000M', n: 1000 },
          line: 17,
          column: 20,
          endLine: 17,
          endColumn: 25,
          severity: 'warning',
          fix: 'Change to 1000m',
        },
        {
          messageId: 'bytesDidYouMeanMebibytes',
          data: { label: 'Container "web" limits.memory', text: '1024' },
          line: 18,
          column: 23,
          endLine: 18,
          endColumn: 27,
          severity: 'warning',
          fix: 'Change to 1024Mi',
        },
        {
          messageId: 'milliBytes',
          data: { label: 'Container "flow" requests.memory', text: '256m', tiny: '0.256', n: 256 },
          line: 19,
          column: 69,
          endLine: 19,
          endColumn: 73,
          severity: 'warning',
          fix: 'Change to 256Mi',
        },
        {
          messageId: 'belowOneMebibyte',
          data: { label: 'Container "odd" requests.memory', text: '0.5' },
          line: 24,
          column: 23,
          endLine: 24,
          endColumn: 26,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'hundredCoresOrMore',
          data: { label: 'Container "odd" requests.cpu', text: '100000' },
          line: 25,
          column: 20,
          endLine: 25,
          endColumn: 26,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'bytesDidYouMeanMebibytes',
          data: { label: 'Volume "cache" emptyDir.sizeLimit', text: '100' },
          line: 29,
          column: 24,
          endLine: 29,
          endColumn: 27,
          severity: 'warning',
          fix: 'Change to 100Mi',
        },
        {
          messageId: 'bytesDidYouMeanMebibytes',
          data: { label: 'LimitRange Container default.memory', text: '512' },
          line: 'limitrange-limits+9',
          column: 17,
          endLine: 'limitrange-limits+9',
          endColumn: 20,
          severity: 'warning',
          fix: 'Change to 512Mi',
        },
        {
          messageId: 'bytesDidYouMeanMebibytes',
          data: { label: 'PersistentVolumeClaim requests.storage', text: '10' },
          line: 'persistentvolumeclaim-data+8',
          column: 16,
          endLine: 'persistentvolumeclaim-data+8',
          endColumn: 18,
          severity: 'warning',
          fix: 'Change to 10Mi',
        },
      ],
    },
  ],
});
