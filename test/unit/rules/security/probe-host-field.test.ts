import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'probe-host-field';

describe(R, () => {
  test('host in probes and lifecycle hooks', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['14:15-14:36', 'warning', 'Delete host'],
      ['18:25-18:42', 'warning', 'Delete host'],
      ['24:17-24:32', 'warning', 'Delete host'],
    ]);
    assert.equal(
      ds[2].message,
      'Container "web" lifecycle.preStop.httpGet connects to host localhost instead of the pod.',
    );
  });

  test('the fix deletes host', () => {
    const text = fixture(R, 'fire.yaml');
    const [liveness, readiness, hook] = lintSorted(text, [R]);
    assert.equal(applyFix(text, liveness), text.replace('host: 169.254.169.254 # cloud metadata', '# cloud metadata'));
    assert.equal(applyFix(text, readiness), text.replace('{host: db.internal, port: 5432}', '{port: 5432}'));
    assert.equal(applyFix(text, hook), text.replace('                host: localhost\n', ''));
  });

  test('no host, an empty host, or a Host header passes', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});
