import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { mergeSettings, parseConfig, withoutDefaults } from '../../../server/src/engine';

describe('.kubewise.yaml', () => {
  test('reads profile, rules, version and ignored paths', () => {
    const { settings, problems } = parseConfig(
      'profile: strict\nkubernetesVersion: 1.30\nrules:\n  cpu-limit-missing: error\nignorePaths: ["charts/**"]\n',
      new Set(['cpu-limit-missing']),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      profile: 'strict',
      kubernetesVersion: '1.30',
      rules: { 'cpu-limit-missing': 'error' },
      ignorePaths: ['charts/**'],
    });
  });

  test('explains every problem and keeps what is valid', () => {
    const { settings, problems } = parseConfig(
      'profile: loud\nrules:\n  nope: error\n  cpu-limit-missing: maybe\ncolour: red\n',
      new Set(['cpu-limit-missing']),
    );
    assert.deepEqual(settings, { rules: {} });
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /profile must be one of minimal, recommended, strict/);
    assert.match(problems.join('\n'), /unknown rule id "nope"/);
    assert.match(problems.join('\n'), /rules.cpu-limit-missing must be error, warning, info or off/);
    assert.match(problems.join('\n'), /unknown key "colour"/);
    assert.match(parseConfig('a: [').problems[0], /not valid YAML/);
    assert.deepEqual(parseConfig('').problems, []);
  });

  test('editor settings layer over the file; defaults in the editor do not hide the file', () => {
    const file = { profile: 'strict' as const, rules: { a: 'off' as const, b: 'info' as const } };
    const editor = withoutDefaults({
      profile: 'recommended',
      kubernetesVersion: '1.33',
      rules: { b: 'error' },
      ignorePaths: [],
    });
    const merged = mergeSettings(file, editor);
    assert.equal(merged.profile, 'strict');
    assert.deepEqual(merged.rules, { a: 'off', b: 'error' });
    assert.equal(mergeSettings(file, { profile: 'minimal' }).profile, 'minimal');
  });
});
