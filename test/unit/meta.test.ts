/**
 * Keeps rules, registration, docs, fixtures and the catalogue in step. Walks every file under
 * server/src/rules/<category>/: each must be a rule file (its default export is a rule); code that rules share
 * lives in server/src/rulekit/. This checks every category, including rules other people add.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AnyRule } from '../../server/src/engine/rule';
import { allRules } from '../../server/src/rules';
import { compiledRoot, isDir, repoRoot } from '../support/rule-fixtures';

interface RuleFile {
  category: string;
  file: string;
  rule: AnyRule;
}

function isRule(x: unknown): x is AnyRule {
  const r = x as Partial<AnyRule> | undefined;
  return (
    !!r && typeof r === 'object' && !!r.meta && typeof r.meta.id === 'string' && ('check' in r || 'checkDocument' in r)
  );
}

/** Every rule file under server/src/rules/<category>/, loaded from the compiled output. */
function ruleFiles(): { rules: RuleFile[]; helpers: string[]; uncompiled: string[] } {
  const src = join(repoRoot(), 'server', 'src', 'rules');
  const out = join(compiledRoot(), 'server', 'src', 'rules');
  const rules: RuleFile[] = [];
  const helpers: string[] = [];
  const uncompiled: string[] = [];
  for (const category of readdirSync(src).sort()) {
    if (!isDir(join(src, category))) continue;
    for (const name of readdirSync(join(src, category)).sort()) {
      if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue;
      const compiled = join(out, category, name.replace(/\.ts$/, '.js'));
      if (!existsSync(compiled)) {
        uncompiled.push(`server/src/rules/${category}/${name}`);
        continue;
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(compiled) as { default?: unknown };
      if (isRule(mod.default)) rules.push({ category, file: name, rule: mod.default });
      else helpers.push(`${category}/${name}`);
    }
  }
  return { rules, helpers, uncompiled };
}

const { rules: files, helpers, uncompiled } = ruleFiles();

test('server/src/rules/<category>/ holds rule files only (shared code lives in server/src/rulekit/)', () => {
  assert.deepEqual(helpers, [], 'files under rules/<category>/ whose default export is not a rule');
});

/** Every `.ts` source under server/src/rules/<category>/ with its text. */
function ruleSources(): Array<{ path: string; text: string }> {
  const src = join(repoRoot(), 'server', 'src', 'rules');
  const out: Array<{ path: string; text: string }> = [];
  for (const category of readdirSync(src).sort()) {
    if (!isDir(join(src, category))) continue;
    for (const name of readdirSync(join(src, category)).sort()) {
      if (name.endsWith('.ts') && !name.endsWith('.d.ts'))
        out.push({ path: `${category}/${name}`, text: readFileSync(join(src, category, name), 'utf8') });
    }
  }
  return out;
}

test('rule files export only their rule (helpers that rules share live in server/src/rulekit/)', () => {
  const problems: string[] = [];
  for (const { path, text } of ruleSources()) {
    // types vanish from the compiled module, so the source is read too
    for (const m of text.matchAll(/^export\s+(?!default\b)(?:declare\s+)?(?:\w+\s+)?(\{[^}]*\}|[\w$]+)/gm))
      problems.push(`${path}: exports ${m[1]}`);
  }
  for (const { category, file } of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(
      join(compiledRoot(), 'server', 'src', 'rules', category, file.replace(/\.ts$/, '.js')),
    ) as object;
    const extra = Object.keys(mod).filter((k) => k !== 'default');
    if (extra.length) problems.push(`${category}/${file}: the compiled module exports ${extra.join(', ')}`);
  }
  assert.deepEqual(problems, [], 'move these into server/src/rulekit/ (or stop exporting them)');
});

test('rule files never import other rule files', () => {
  const problems: string[] = [];
  for (const { path, text } of ruleSources()) {
    for (const m of text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      // './x' is a sibling rule; '../<category>/x' another category's rule
      if (spec.startsWith('./') || /^\.\.\/(?!\.\.)/.test(spec) || /(^|\/)rules(\/|$)/.test(spec))
        problems.push(`${path} imports ${spec}`);
    }
  }
  assert.deepEqual(problems, [], 'move what rules share into server/src/rulekit/');
});

/**
 * The sections every rule page has: `##` headings, matched loosely (wording may differ a little). The two short
 * facts (quick fix, default severity) may instead be rows of a table at the top of the page (`| Quick fix | … |`).
 */
export const REQUIRED_SECTIONS: ReadonlyArray<[string, RegExp]> = [
  ['What it flags', /^##\s+what (it|this rule) (flags|checks|reports)/im],
  ['Why it matters', /^##\s+why/im],
  ['How to fix', /^##\s+how to fix/im],
  ['Quick fix', /^(##\s+(the )?quick fix|\|\s*quick fix\s*\|)/im],
  ['How to suppress', /^##\s+(how to )?suppress/im],
  ['Default severity', /^(##\s+(default )?severit|\|\s*(default )?severity\s*\|)/im],
];

test('every rule source file was compiled with the tests', () => {
  assert.deepEqual(uncompiled, [], 'rule files without compiled output: rebuild the tests');
});

test('rule files are found, and each file holds the rule its name says', () => {
  assert.ok(files.length >= 12, `only ${files.length} rule files found`);
  for (const { category, file, rule } of files) {
    assert.equal(file, `${rule.meta.id}.ts`, `server/src/rules/${category}/${file} holds rule ${rule.meta.id}`);
    assert.equal(
      rule.meta.category,
      category,
      `${rule.meta.id}: meta.category is ${rule.meta.category} but the file is in ${category}/`,
    );
  }
});

test('rule ids are unique', () => {
  const ids = allRules.map((r) => r.meta.id);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
});

test('every rule file is registered in rules/index.ts, and nothing else is', () => {
  const registered = new Set(allRules);
  const unregistered = files.filter((f) => !registered.has(f.rule)).map((f) => `${f.category}/${f.file}`);
  assert.deepEqual(unregistered, [], 'rule files missing from rules/index.ts');
  const fromFiles = new Set(files.map((f) => f.rule));
  const orphans = allRules.filter((r) => !fromFiles.has(r)).map((r) => r.meta.id);
  assert.deepEqual(orphans, [], 'registered rules that live in no rule file of their own');
});

test('every rule has docs/rules/<id>.md with the required sections', () => {
  const problems: string[] = [];
  for (const { rule } of files) {
    const page = join(repoRoot(), 'docs', 'rules', `${rule.meta.id}.md`);
    if (!existsSync(page)) {
      problems.push(`${rule.meta.id}: docs/rules/${rule.meta.id}.md is missing`);
      continue;
    }
    const text = readFileSync(page, 'utf8');
    if (!text.startsWith(`# ${rule.meta.id}`))
      problems.push(`${rule.meta.id}: the page should start with "# ${rule.meta.id}"`);
    for (const [name, re] of REQUIRED_SECTIONS)
      if (!re.test(text)) problems.push(`${rule.meta.id}: no "## ${name}" section`);
  }
  assert.deepEqual(problems, []);
});

test('docs/rules/README.md lists every rule', () => {
  const readme = readFileSync(join(repoRoot(), 'docs', 'rules', 'README.md'), 'utf8');
  const missing = files.map((f) => f.rule.meta.id).filter((id) => !readme.includes(`(${id}.md)`));
  assert.deepEqual(missing, [], 'rules without a row (a link to <id>.md) in docs/rules/README.md');
});

test('every rule has its own table: test/unit/rules/<category>/<id>.test.ts runs the rule tester on it', () => {
  const problems: string[] = [];
  for (const { category, rule } of files) {
    const id = rule.meta.id;
    const path = join(repoRoot(), 'test', 'unit', 'rules', category, `${id}.test.ts`);
    if (!existsSync(path)) {
      problems.push(`${id}: test/unit/rules/${category}/${id}.test.ts is missing`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const table = text.indexOf(`ruleTester.run('${id}'`);
    if (table === -1) {
      problems.push(`${id}: its test file has no ruleTester.run('${id}', …) table`);
      continue;
    }
    // a table with cases that pass and cases that fire, each naming its message id
    const rest = text.slice(table);
    if (!/\bvalid:\s*\[\s*\S/.test(rest) || !/\binvalid:\s*\[\s*\S/.test(rest) || !/messageId:/.test(rest))
      problems.push(`${id}: its table needs valid and invalid cases, with message ids`);
  }
  assert.deepEqual(problems, []);
});

test('every message a rule reports is in its meta.messages, and every placeholder is named', () => {
  const problems: string[] = [];
  for (const { path, text } of ruleSources()) {
    // a rule converted to message ids reports no prose
    if (/^\s*message:/m.test(text.replace(/messages:\s*\{[\s\S]*?\n\s*\}/, '')))
      problems.push(`${path}: reports a message text (use meta.messages)`);
  }
  for (const { rule } of files) {
    for (const [id, template] of Object.entries(rule.meta.messages ?? {})) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(id)) problems.push(`${rule.meta.id}: message id "${id}" is not camelCase`);
      for (const m of template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g))
        if (!/^[a-z][A-Za-z0-9]*$/.test(m[1])) problems.push(`${rule.meta.id}.${id}: placeholder "${m[1]}"`);
    }
  }
  assert.deepEqual(problems, []);
});

/** The catalogue rows of docs/rules/README.md: id → [category, severity, fix, flags]. */
function catalogueRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const readme = readFileSync(join(repoRoot(), 'docs', 'rules', 'README.md'), 'utf8');
  for (const line of readme.split('\n')) {
    const m = /^\|\s*\[([a-z0-9-]+)\]\(\1\.md\)\s*\|(.*)\|\s*$/.exec(line);
    if (m)
      rows.set(
        m[1],
        m[2].split(/(?<!\\)\|/).map((c) => c.trim()),
      );
  }
  return rows;
}

test("the catalogue in docs/rules/README.md says each rule's category, severity and fix as its meta does", () => {
  const rows = catalogueRows();
  const problems: string[] = [];
  for (const { rule } of files) {
    const row = rows.get(rule.meta.id);
    if (!row) {
      problems.push(`${rule.meta.id}: no row in docs/rules/README.md`);
      continue;
    }
    const [category, severity, fix, flags] = row;
    if (category !== rule.meta.category) problems.push(`${rule.meta.id}: category ${category} in the catalogue`);
    if (severity !== rule.meta.severity) problems.push(`${rule.meta.id}: severity ${severity} in the catalogue`);
    if (fix !== (rule.meta.fixable ? 'yes' : 'no')) problems.push(`${rule.meta.id}: fix "${fix}" in the catalogue`);
    // ✕ tells readers the rule looks at other objects: it must read the workspace index
    if (flags.includes('✕') && rule.meta.usesIndex !== true)
      problems.push(`${rule.meta.id}: marked ✕ (cross-resource) but meta.usesIndex is not set`);
  }
  assert.deepEqual(problems, [], 'run `npm run generate`');
});

test('what the generators write is in step (npm run generate; each generator --check)', () => {
  // rules/index.ts, the catalogue rows, package.json's kubewise.rules, and the "Fix safety" rows of the rule pages
  for (const script of ['generate-rules.mjs', 'docs-fix-safety.mjs']) {
    const r = spawnSync(process.execPath, [join(repoRoot(), 'scripts', script), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${script}: ${r.stderr}`);
  }
});
