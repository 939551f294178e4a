/**
 * The build deletes outputs of deleted sources (scripts/clean-outputs.mjs after `tsc -b`): without it a deleted test
 * keeps running from test/out. Driven with the real compiler on a scratch pair of projects laid out like ours (a
 * library whose output sits inside the tests' output folder, referenced by the tests).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/paths';

const TSC = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const CLEAN = join(repoRoot, 'scripts', 'clean-outputs.mjs');

const work = mkdtempSync(join(tmpdir(), 'kubewise-clean-'));
after(() => rmSync(work, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function run(args: string[]): string {
  const r = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, `${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Every file under dir, relative to `work`, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(work, join(d, e.name)));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

test('a deleted test and a deleted library module leave no output behind; everything else stays', () => {
  // No DOM library and no @types packages: what the projects emit is all this test reads, and checking them against
  // those declarations would be most of its time.
  const compilerOptions = {
    strict: true,
    module: 'commonjs',
    target: 'ES2022',
    lib: ['ES2022'],
    types: [],
    sourceMap: true,
    composite: true,
  };
  write(
    join(work, 'lib', 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, rootDir: 'src', outDir: '../test/out/lib/src' },
      include: ['src/**/*.ts'],
    }),
  );
  write(join(work, 'lib', 'src', 'keep.ts'), 'export const keep = 1;\n');
  write(join(work, 'lib', 'src', 'old', 'gone.ts'), 'export const gone = 2;\n');
  write(
    join(work, 'test', 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, rootDir: '..', outDir: 'out' },
      include: ['**/*.ts'],
      exclude: ['out'],
      references: [{ path: '../lib' }],
    }),
  );
  write(join(work, 'test', 'keep.test.ts'), "import { keep } from '../lib/src/keep';\nexport const k = keep;\n");
  write(join(work, 'test', 'gone.test.ts'), "import { gone } from '../lib/src/old/gone';\nexport const g = gone;\n");
  write(join(work, 'tsconfig.json'), JSON.stringify({ files: [], references: [{ path: './test' }] }));
  run([TSC, '-b']);
  write(join(work, 'test', 'out', 'notes.txt'), 'not a compiler output\n');
  const built = files(join(work, 'test', 'out'));
  for (const f of ['test/out/test/gone.test.js', 'test/out/lib/src/old/gone.js', 'test/out/lib/src/keep.d.ts']) {
    assert.ok(built.includes(f), `${f} was built: ${built.join(', ')}`);
  }

  rmSync(join(work, 'test', 'gone.test.ts'));
  rmSync(join(work, 'lib', 'src', 'old'), { recursive: true });
  // `tsc -b` would leave the outputs of the deleted sources in place (it never deletes); the clean-up needs no
  // second build to see them, so the test saves one compiler run.
  assert.ok(existsSync(join(work, 'test', 'out', 'test', 'gone.test.js')));

  const printed = run([CLEAN, join(work, 'tsconfig.json')]);
  assert.deepEqual(printed.trim().split('\n').sort(), [
    'deleted test/out/lib/src/old/gone.d.ts',
    'deleted test/out/lib/src/old/gone.js',
    'deleted test/out/lib/src/old/gone.js.map',
    'deleted test/out/test/gone.test.d.ts',
    'deleted test/out/test/gone.test.js',
    'deleted test/out/test/gone.test.js.map',
  ]);
  assert.deepEqual(
    files(join(work, 'test', 'out')),
    built.filter((f) => !f.includes('gone')),
    'only the outputs of the deleted sources went (the emptied folder too); notes.txt and build info stayed',
  );
  assert.ok(!existsSync(join(work, 'test', 'out', 'lib', 'src', 'old')));

  // A second run finds nothing.
  assert.equal(run([CLEAN, join(work, 'tsconfig.json')]), '');
});

test("the build's project list covers every tsconfig.json of the repository", () => {
  // A project the script did not know would have its outputs (inside test/out) deleted as stale on every build.
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { REPOSITORY_PROJECTS, staleOutputs } from ${JSON.stringify(CLEAN)};
       console.log(JSON.stringify(staleOutputs(REPOSITORY_PROJECTS).projects));`,
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const known = (JSON.parse(r.stdout) as string[]).map((p) => relative(repoRoot, p)).sort();
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && !['node_modules', 'out', 'fixtures'].includes(e.name) && !e.name.startsWith('.'))
        walk(join(d, e.name));
      else if (e.name === 'tsconfig.json' && relative(repoRoot, d) !== '')
        found.push(relative(repoRoot, join(d, e.name)));
    }
  };
  walk(repoRoot);
  assert.deepEqual(known, found.sort());
});
