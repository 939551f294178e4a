import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'quantity-suspicious';
const run = (text: string) => lint(text, [ID]);

test('fires on unit mistakes, with a fix where the intent is clear', () => {
  assert.deepEqual(
    run(readFixture(ID, 'fire')).map((d) => [where(d), d.message, d.fix?.title ?? null]),
    [
      [
        '14:20-14:23',
        'Container "web" requests.cpu: 500 is 500 cores; did you mean 500m (millicores)?',
        'Change to 500m',
      ],
      [
        '15:23-15:27',
        'Container "web" requests.memory: 512m is 0.512 bytes ("m" means milli); did you mean 512Mi?',
        'Change to 512Mi',
      ],
      [
        '17:20-17:25',
        'Container "web" limits.cpu: 1000M is 1000 million cores ("M" means mega); did you mean 1000m (millicores)?',
        'Change to 1000m',
      ],
      [
        '18:23-18:27',
        'Container "web" limits.memory: 1024 is 1024 bytes, less than 1 MiB; did you mean 1024Mi?',
        'Change to 1024Mi',
      ],
      [
        '19:69-19:73',
        'Container "flow" requests.memory: 256m is 0.256 bytes ("m" means milli); did you mean 256Mi?',
        'Change to 256Mi',
      ],
      ['24:23-24:26', 'Container "odd" requests.memory: 0.5 is less than 1 MiB; check the unit (Mi, Gi).', null],
      [
        '25:20-25:26',
        'Container "odd" requests.cpu: 100000 is 100 cores or more; check the unit (`m` for millicores).',
        null,
      ],
      [
        '29:24-29:27',
        'Volume "cache" emptyDir.sizeLimit: 100 is 100 bytes, less than 1 MiB; did you mean 100Mi?',
        'Change to 100Mi',
      ],
      [
        '39:17-39:20',
        'LimitRange Container default.memory: 512 is 512 bytes, less than 1 MiB; did you mean 512Mi?',
        'Change to 512Mi',
      ],
      [
        '48:16-48:18',
        'PersistentVolumeClaim requests.storage: 10 is 10 bytes, less than 1 MiB; did you mean 10Mi?',
        'Change to 10Mi',
      ],
    ],
  );
});

test('does not fire on plausible values, quota totals, ratios or zero', () => {
  assert.deepEqual(run(readFixture(ID, 'pass')), []);
});

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
