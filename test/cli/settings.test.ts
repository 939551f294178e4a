import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DEPLOY, findingLines, kubewise, ONLY_CPU, summaryLine, workspace } from './helpers';

const rulesOf = (stdout: string): string[] => findingLines(stdout).map((l) => /\[([a-z0-9-]+)\]$/.exec(l)![1]);

const PDB_V1BETA1 =
  'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n';

describe('.kubewise.yaml discovery', () => {
  test('in the current folder', async () => {
    const ws = workspace({ '.kubewise.yaml': 'rules:\n  cpu-request-missing: error\n', 'deploy.yaml': DEPLOY });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, 'deploy.yaml'], { cwd: ws.dir });
      assert.equal(r.code, 1, 'the file raised the rule to error');
      assert.match(findingLines(r.stdout)[0], /^deploy\.yaml:15:11 error /);
    } finally {
      ws.cleanup();
    }
  });

  test('in the nearest parent folder, up to the git root', async () => {
    const ws = workspace({
      '.kubewise.yaml': 'rules:\n  cpu-request-missing: "off"\n',
      'apps/web/deploy.yaml': DEPLOY,
      'apps/web/.keep': '',
    });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, 'deploy.yaml'], { cwd: join(ws.dir, 'apps', 'web') });
      assert.deepEqual(findingLines(r.stdout), [], 'the parent file turned the rule off');
      assert.equal(r.code, 0);
      assert.equal(
        r.stderr,
        'kubewise: warning: --only cpu-request-missing: the settings file turns this rule off, so it does not run\n',
      );
    } finally {
      ws.cleanup();
    }
  });

  test('not above the git root', async () => {
    const ws = workspace(
      {
        '.kubewise.yaml': 'rules:\n  cpu-request-missing: "off"\n',
        'repo/.git/HEAD': 'ref: refs/heads/main\n',
        'repo/k8s/deploy.yaml': DEPLOY,
      },
      { git: false },
    );
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, 'deploy.yaml'], { cwd: join(ws.dir, 'repo', 'k8s') });
      assert.deepEqual(rulesOf(r.stdout), ['cpu-request-missing'], 'the file outside the repository is not used');
    } finally {
      ws.cleanup();
    }
  });

  test('--config names another file (and beats discovery)', async () => {
    const ws = workspace({
      '.kubewise.yaml': 'rules:\n  cpu-request-missing: error\n',
      'ci/kubewise-ci.yaml': 'profile: minimal\n',
      'deploy.yaml': DEPLOY,
    });
    try {
      const r = await kubewise(['lint', '--config', 'ci/kubewise-ci.yaml', 'deploy.yaml'], { cwd: ws.dir });
      assert.deepEqual(findingLines(r.stdout), [], 'minimal keeps only errors');
      assert.equal(r.code, 0);
      const c = await kubewise(
        ['lint', '-c', 'ci/kubewise-ci.yaml', '--profile', 'recommended', ...ONLY_CPU, 'deploy.yaml'],
        { cwd: ws.dir },
      );
      assert.deepEqual(rulesOf(c.stdout), ['cpu-request-missing'], '--profile beats the file');
      assert.match(findingLines(c.stdout)[0], / warning /, 'and the discovered file is not read');
    } finally {
      ws.cleanup();
    }
  });

  test('a missing --config file: exit 2 with the reason', async () => {
    const ws = workspace({ 'deploy.yaml': DEPLOY });
    try {
      const r = await kubewise(['lint', '--config', 'nope.yaml', 'deploy.yaml'], { cwd: ws.dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^kubewise: cannot read config 'nope\.yaml': no such file or directory\n/);
      assert.equal(r.stdout, '');
    } finally {
      ws.cleanup();
    }
  });

  test('problems in the file are warnings on stderr; its valid settings still apply', async () => {
    const ws = workspace({
      '.kubewise.yaml': 'profile: fancy\nrules:\n  no-such-rule: error\n  cpu-request-missing: error\ncolour: red\n',
      'deploy.yaml': DEPLOY,
    });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, 'deploy.yaml'], { cwd: ws.dir });
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /^kubewise: warning: \.kubewise\.yaml: profile must be one of minimal, recommended, strict \(got "fancy"\)\.$/m,
      );
      assert.match(r.stderr, /^kubewise: warning: \.kubewise\.yaml: unknown rule id "no-such-rule"/m);
      assert.match(r.stderr, /^kubewise: warning: \.kubewise\.yaml: unknown key "colour"/m);
      assert.match(findingLines(r.stdout)[0], / error /);
    } finally {
      ws.cleanup();
    }
  });

  test('ignorePaths are relative to the settings file; --ignore to the current folder', async () => {
    const ws = workspace({
      '.kubewise.yaml': 'ignorePaths:\n  - "generated/**"\n  - vendor\n',
      'generated/a.yaml': DEPLOY,
      'vendor/x/b.yaml': DEPLOY,
      'app/c.yaml': DEPLOY,
      'app/old/d.yaml': DEPLOY,
    });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU], { cwd: ws.dir });
      assert.deepEqual(
        findingLines(r.stdout).map((l) => l.split(':')[0]),
        ['app/c.yaml', 'app/old/d.yaml'],
      );
      assert.match(
        r.stdout,
        /in 2 files, 2 more with --fix --unsafe-fixes \(they change what runs\)\n2 paths ignored; --verbose lists them\n$/,
      );
      // From a subfolder the same file applies, with the same base.
      const sub = await kubewise(['lint', ...ONLY_CPU, '../generated', '.'], { cwd: join(ws.dir, 'app') });
      assert.deepEqual(
        findingLines(sub.stdout).map((l) => l.split(':')[0]),
        ['c.yaml', 'old/d.yaml'],
      );
      const flag = await kubewise(['lint', ...ONLY_CPU, '--ignore', 'app/old', '--verbose'], { cwd: ws.dir });
      assert.deepEqual(
        findingLines(flag.stdout).map((l) => l.split(':')[0]),
        ['app/c.yaml'],
      );
      assert.match(flag.stdout, /^app\/old\/: skipped \(ignored\)$/m);
      // A file named on the command line is ignored too (pre-commit hooks pass every changed file).
      const named = await kubewise(['lint', ...ONLY_CPU, 'generated/a.yaml'], { cwd: ws.dir });
      assert.equal(summaryLine(named.stdout), '0 problems (0 errors, 0 warnings, 0 info) in 0 files');
    } finally {
      ws.cleanup();
    }
  });
});

describe('rule selection flags', () => {
  const IMAGE = DEPLOY;

  test('--only runs just the named rules, and turns on a rule the profile has off', async () => {
    const ws = workspace({ 'deploy.yaml': IMAGE });
    try {
      const all = await kubewise(['lint', 'deploy.yaml'], { cwd: ws.dir });
      assert.ok(!rulesOf(all.stdout).includes('image-digest-missing'), 'off in the recommended profile');
      const only = await kubewise(['lint', '--only', 'image-digest-missing', 'deploy.yaml'], { cwd: ws.dir });
      assert.deepEqual(rulesOf(only.stdout), ['image-digest-missing']);
      const two = await kubewise(
        ['lint', '--only', 'cpu-request-missing', '--only', 'image-digest-missing', 'deploy.yaml'],
        {
          cwd: ws.dir,
        },
      );
      assert.deepEqual(rulesOf(two.stdout).sort(), ['cpu-request-missing', 'image-digest-missing']);
    } finally {
      ws.cleanup();
    }
  });

  test('--profile minimal keeps errors only; strict turns every rule on', async () => {
    const ws = workspace({ 'deploy.yaml': IMAGE });
    try {
      const minimal = await kubewise(['lint', '--profile', 'minimal', 'deploy.yaml'], { cwd: ws.dir });
      assert.deepEqual(rulesOf(minimal.stdout), []);
      const strict = await kubewise(['lint', '--profile', 'strict', 'deploy.yaml'], { cwd: ws.dir });
      assert.ok(rulesOf(strict.stdout).includes('image-digest-missing'));
      assert.ok(rulesOf(strict.stdout).includes('cpu-request-missing'));
    } finally {
      ws.cleanup();
    }
  });

  test('--kubernetes-version decides whether an apiVersion is removed, deprecated or fine', async () => {
    const ws = workspace({ 'pdb.yaml': PDB_V1BETA1 });
    try {
      const sev = async (v: string) =>
        findingLines(
          (
            await kubewise(['lint', '--only', 'deprecated-api-version', '--kubernetes-version', v, 'pdb.yaml'], {
              cwd: ws.dir,
            })
          ).stdout,
        ).map((l) => l.split(' ')[1]);
      assert.deepEqual(await sev('1.20'), []);
      assert.deepEqual(await sev('1.22'), ['warning']);
      assert.deepEqual(await sev('v1.33.2'), ['error']);
      // The flag beats the settings file.
      const ws2 = workspace({ '.kubewise.yaml': 'kubernetesVersion: "1.33"\n', 'pdb.yaml': PDB_V1BETA1 });
      try {
        const r = await kubewise(
          ['lint', '--only', 'deprecated-api-version', '--kubernetes-version', '1.20', 'pdb.yaml'],
          {
            cwd: ws2.dir,
          },
        );
        assert.deepEqual(findingLines(r.stdout), []);
      } finally {
        ws2.cleanup();
      }
    } finally {
      ws.cleanup();
    }
  });
});
