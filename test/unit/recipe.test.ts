/**
 * CONTRIBUTING.md's "Adding a rule", followed to the letter in a temporary copy of the repository: the rule and its
 * table are the recipe's own code blocks (with a scratch id), the docs page has the sections the recipe names, and
 * `npm run generate` does the rest. The meta-test of the copy fails while the docs page is missing and passes once
 * the three files are there, and the scratch rule's table passes. The copy is compiled with esbuild (one file at a
 * time, as tsc emits them) to stay quick; `npm run build` type-checks the real tree.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, test } from 'node:test';
import { buildSync } from 'esbuild';
import { repoRoot } from '../support/rule-fixtures';

const ID = 'scratch-memory-request';
const CATEGORY = 'resources';
const root = repoRoot();
const copy = mkdtempSync(join(tmpdir(), 'kubewise-recipe-'));
after(() => rmSync(copy, { recursive: true, force: true }));

/** The ```ts blocks of CONTRIBUTING.md's "Adding a rule", without the list indentation. */
function recipeBlocks(): string[] {
  const text = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
  const start = text.indexOf('\n## Adding a rule');
  assert.ok(start >= 0, 'CONTRIBUTING.md has an "Adding a rule" section');
  const section = text.slice(start, text.indexOf('\n## ', start + 1));
  return [...section.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(([, indent, body]) =>
    body
      .split('\n')
      .map((l) => l.slice(Math.min(indent.length, l.length - l.trimStart().length)))
      .join('\n'),
  );
}

function copyRepository(): void {
  const skip = new Set(['node_modules', 'out', '.git']);
  for (const entry of ['server', 'client', 'scripts', 'docs', 'test', 'package.json', 'CONTRIBUTING.md'])
    cpSync(join(root, entry), join(copy, entry), {
      recursive: true,
      filter: (src) => !skip.has(src.split(/[\\/]/).pop()!) && !relative(root, src).startsWith(join('test', 'out')),
    });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The sources the build compiles, by path (to tell whether a generator run changed any). */
function sources(): Map<string, string> {
  return new Map(tsFiles(join(copy, 'server', 'src')).map((f) => [f, readFileSync(f, 'utf8')]));
}

/**
 * What `npm run build` does for the unit tests: generate, then compile server/src and the tests to test/out. The
 * compile is skipped when test/out exists and the generators changed no source (a docs page alone changes none),
 * as `tsc -b` would find nothing to do.
 */
function generateAndCompile(): void {
  const was = sources();
  const gen = spawnSync(process.execPath, [join(copy, 'scripts', 'generate.mjs')], { cwd: copy, encoding: 'utf8' });
  assert.equal(gen.status, 0, `npm run generate failed:\n${gen.stdout}${gen.stderr}`);
  const now = sources();
  const unchanged = now.size === was.size && [...now].every(([f, text]) => was.get(f) === text);
  if (unchanged && existsSync(join(copy, 'test', 'out'))) return;
  rmSync(join(copy, 'test', 'out'), { recursive: true, force: true });
  buildSync({
    entryPoints: [
      ...tsFiles(join(copy, 'server', 'src')),
      ...tsFiles(join(copy, 'test', 'support')),
      join(copy, 'test', 'unit', 'meta.test.ts'),
      join(copy, 'test', 'unit', 'rules', CATEGORY, `${ID}.test.ts`),
    ],
    outbase: copy,
    outdir: join(copy, 'test', 'out'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
}

/**
 * The copy's meta-test, and the scratch rule's table with it when `withTable` (each file is a process); only the
 * meta-test's cases whose names match `only` when given.
 */
function runTests(withTable: boolean, only?: string): { status: number | null; output: string } {
  const out = join(copy, 'test', 'out', 'test', 'unit');
  const files = [join(out, 'meta.test.js'), ...(withTable ? [join(out, 'rules', CATEGORY, `${ID}.test.js`)] : [])];
  const r = spawnSync(
    process.execPath,
    ['--test', ...(only === undefined ? [] : [`--test-name-pattern=${only}`]), ...files],
    // a test runner of its own: without this variable node would take it for a file of this run and skip it
    { cwd: copy, encoding: 'utf8', env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const DOCS_PAGE = `# ${ID}

A scratch rule written by test/unit/recipe.test.ts.

## What it flags
A container without \`resources.requests.memory\`.

## Why it matters
The scheduler places the pod as if it needed no memory.

## How to fix
Set a memory request.

## Quick fix
Inserts \`requests.memory: 128Mi # TODO\`.

## How to suppress
\`ignore-check.kubewise.dev/${ID}: "<reason>"\` on the object.

## Default severity
| Profile | Severity |
| --- | --- |
| recommended | warning |
`;

test("CONTRIBUTING.md's recipe adds a rule that the meta-test and its own table accept", () => {
  const blocks = recipeBlocks();
  assert.ok(blocks.length >= 2, 'the recipe shows the rule and its table');
  const [rule, table] = blocks.map((b) => b.replaceAll("'memory-request-missing'", `'${ID}'`));
  assert.ok(rule.includes(`id: '${ID}'`) && table.includes(`ruleTester.run('${ID}'`));
  copyRepository();
  const rulePath = join(copy, 'server', 'src', 'rules', CATEGORY, `${ID}.ts`);
  const tablePath = join(copy, 'test', 'unit', 'rules', CATEGORY, `${ID}.test.ts`);
  writeFileSync(rulePath, rule.replace(/category: '\w+'/, `category: '${CATEGORY}'`));
  mkdirSync(dirname(tablePath), { recursive: true });
  writeFileSync(tablePath, table);

  // step 5: without its docs page the meta-test fails (its case for docs pages; the whole meta-test runs below)
  generateAndCompile();
  const without = runTests(false, 'every rule has docs/rules/<id>\\.md');
  assert.notEqual(without.status, 0, `the meta-test passed without the docs page:\n${without.output}`);
  assert.match(without.output, new RegExp(`docs/rules/${ID}\\.md is missing`));

  // step 4, then the build again: everything passes, and what the generators wrote names the rule
  writeFileSync(join(copy, 'docs', 'rules', `${ID}.md`), DOCS_PAGE);
  generateAndCompile();
  const done = runTests(true);
  assert.equal(done.status, 0, done.output);
  assert.match(
    readFileSync(join(copy, 'server', 'src', 'rules', 'index.ts'), 'utf8'),
    new RegExp(`'./${CATEGORY}/${ID}'`),
  );
  assert.match(
    readFileSync(join(copy, 'docs', 'rules', 'README.md'), 'utf8'),
    new RegExp(`^\\| \\[${ID}\\]\\(${ID}\\.md\\) \\| ${CATEGORY} \\| warning \\| yes \\|`, 'm'),
  );
  assert.ok(readFileSync(join(copy, 'package.json'), 'utf8').includes(`"${ID}"`), 'kubewise.rules lists the rule');
  assert.match(readFileSync(join(copy, 'docs', 'rules', `${ID}.md`), 'utf8'), /^\| Fix safety \||\*\*Fix safety:\*\*/m);
});
