import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';

const ID = 'requests-equal-limits';
const strict = (text: string) => lint(text, [ID], { profile: 'strict' });

test('off by default, a warning in strict', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: [],
    strict: ['warning'],
  });
});

test('fires when a CPU or memory request differs from its limit, or has none', () => {
  assert.deepEqual(
    strict(readFixture(ID, 'fire')).map((d) => `${where(d)} ${d.message}`),
    [
      '13:13-15:28 Container "web" is not Guaranteed QoS: CPU request 250m ≠ limit 1.',
      '22:13-22:48 Container "requests-only" is not Guaranteed QoS: CPU request 100m has no limit; memory request 64Mi has no limit.',
      '23:50-23:73 Container "flow" is not Guaranteed QoS: memory request 1Gi ≠ limit 2Gi.',
    ],
  );
  assert.deepEqual(strict(readFixture(ID, 'pass')), []);
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
