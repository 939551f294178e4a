import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, lint } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';

const R = 'privileged-container';

describe(R, () => {
  test('privileged: true (quoted or not) is an error in any container', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['10:25-10:43', 'error', 'Set privileged: false'],
      ['15:9-15:25', 'error', 'Set privileged: false'],
    ]);
    assert.match(ds[0].message, /^Init container "setup" runs privileged/);
    assert.match(ds[1].message, /^Container "app" runs privileged/);
  });

  test('the fix writes false in place, in flow and block style', () => {
    const text = fixture(R, 'fire.yaml');
    const [init, app] = lintSorted(text, [R]);
    assert.equal(applyFix(text, init), text.replace('{privileged: "true"}', '{privileged: false}'));
    assert.equal(applyFix(text, app), text.replace('privileged: true # needs', 'privileged: false # needs'));
  });

  test('false or unset passes', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });

  test('kube-linter, Polaris and kube-score annotations suppress it', () => {
    const text = fixture(R, 'fire.yaml');
    for (const annotation of [
      'ignore-check.kube-linter.io/privileged-container: "node agent"',
      'polaris.fairwinds.com/runAsPrivileged-exempt: "true"',
      'kube-score/ignore: container-security-context-privileged',
    ]) {
      const annotated = text.replace('  name: priv\n', `  name: priv\n  annotations:\n    ${annotation}\n`);
      assert.deepEqual(lint(annotated, [R]), [], annotation);
    }
  });
});
