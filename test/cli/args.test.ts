import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import type { RunResult } from './helpers';
import { kubewise, kubewiseProcess, VERSION, workspace } from './helpers';

const ws = workspace({});
after(() => ws.cleanup());
const run = (...args: string[]) => kubewise(args, { cwd: ws.dir });

/** User mistakes end with exit 2, one `kubewise:` line, a pointer to --help, and never a stack trace. */
function assertUsageError(r: RunResult, message: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, message);
  assert.match(r.stderr, /^kubewise: /);
  assert.match(r.stderr, /Run 'kubewise --help' for usage\./);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(r.stdout, '');
}

test('--help prints usage with every option and exits 0', async () => {
  for (const args of [['--help'], ['-h'], ['lint', '--help'], ['help']]) {
    const r = await run(...args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /^kubewise — lint Kubernetes manifests/);
    for (const flag of [
      '--format',
      '--profile',
      '--only',
      '--fix',
      '--config',
      '--max-severity',
      '--kubernetes-version',
      '--no-color',
      '--quiet',
      '--version',
    ]) {
      assert.ok(r.stdout.includes(flag), `help mentions ${flag}`);
    }
  }
});

test('no arguments: usage on stderr, exit 2 (from the real binary)', () => {
  const r = kubewiseProcess([], { cwd: ws.dir });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /Usage:/);
});

test('--version prints the package.json version (the bundle finds it two folders up)', () => {
  for (const flag of ['--version', '-V']) {
    const r = kubewiseProcess([flag], { cwd: ws.dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${VERSION}\n`);
  }
});

test('unknown option: exit 2 with a did-you-mean and a hint to --help', async () => {
  assertUsageError(await run('lint', '--formt', 'json'), /unknown option '--formt' \(did you mean '--format'\?\)/);
  assertUsageError(await run('lint', '--frobnicate'), /unknown option '--frobnicate'\n/);
});

test('unknown command: exit 2, suggests kubewise lint', async () => {
  assertUsageError(await run('deploy.yaml'), /unknown command 'deploy\.yaml' .*kubewise lint deploy\.yaml/);
});

test('bad option values: exit 2 naming the allowed values', async () => {
  assertUsageError(
    await run('lint', '--format', 'xml'),
    /invalid value 'xml' for --format \(expected text, json, sarif\)/,
  );
  assertUsageError(await run('lint', '--format=yaml'), /invalid value 'yaml' for --format/);
  assertUsageError(await run('lint', '--profile', 'paranoid'), /expected minimal, recommended, strict/);
  assertUsageError(await run('lint', '--max-severity', 'fatal'), /expected error, warning, info/);
  assertUsageError(await run('lint', '--format'), /option '--format' needs a value/);
  assertUsageError(await run('lint', '--fix=yes'), /option '--fix' takes no value/);
  assertUsageError(await run('lint', '--kubernetes-version', '2.0'), /--kubernetes-version must look like "1\.33"/);
  assertUsageError(await run('lint', '-', '-'), /standard input\) can be given only once/);
  assertUsageError(await run('rules', 'x.yaml'), /takes no paths/);
});

test('--only with an unknown id: exit 2, closest id and the list of valid ids', async () => {
  const r = await run('lint', '--only', 'cpu-request-mising');
  assertUsageError(r, /unknown rule id 'cpu-request-mising' in --only \(did you mean 'cpu-request-missing'\?\)/);
  assert.match(r.stderr, /Valid rule ids: .*cpu-request-missing.*yaml-syntax/);
  assertUsageError(await run('lint', '--only', 'yaml-syntax,zzz'), /unknown rule id 'zzz'/);
});

test('kubewise rules lists id, category, severity and fixable', async () => {
  const r = await run('rules');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^RULE +CATEGORY +SEVERITY +FIXABLE$/m);
  assert.match(r.stdout, /^cpu-request-missing +resources +warning +yes$/m);
  assert.match(r.stdout, /^yaml-syntax +api +error +yes$/m);
  assert.match(r.stdout, /^\d+ rules, \d+ on in the recommended profile\.$/m);

  const minimal = await run('rules', '--profile', 'minimal');
  assert.match(minimal.stdout, /^cpu-request-missing +resources +off +yes$/m);

  const json = JSON.parse((await run('rules', '--format', 'json')).stdout) as Array<Record<string, unknown>>;
  const cpu = json.find((r) => r.id === 'cpu-request-missing');
  assert.deepEqual(
    { ...cpu, description: typeof cpu?.description },
    {
      id: 'cpu-request-missing',
      category: 'resources',
      severity: 'warning',
      fixable: true,
      description: 'string',
      docs: 'https://github.com/kubewise/kubewise/blob/main/docs/rules/cpu-request-missing.md',
    },
  );
  assertUsageError(await run('rules', '--format', 'sarif'), /prints text or json, not sarif/);
});
