/**
 * Properties every quick fix must have, checked on every rule's fixtures (test/fixtures/rules/<id>/):
 * - `fire.yaml` fires the rule and `pass.yaml` does not;
 * - each fix yields YAML that parses (no new parser errors), keeps every comment, and makes its diagnostic go away;
 * - "fix all" applied twice equals applying it once, and afterwards only the diagnostics without a fix remain;
 * - every value a fix cannot know (see fix-todo.ts) carries a `# TODO`, in block style and in flow style.
 * Rules are linted alone, in the strict profile (which turns every rule on).
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS } from '../../server/src/yaml/parse';
import { RULES as allRules } from '../../server/src/composition';
import { applyFix, fixAllText, lint } from '../support/lint';
import { fixtureDir, hasFixtures, readFixture } from '../support/rule-fixtures';
import { toFlowStyle, untoldValues } from '../support/fix-todo';

const STRICT = { profile: 'strict' as const };

function parseErrors(text: string): number {
  return parseAllDocuments(text, PARSE_OPTIONS).reduce((n, d) => n + ('errors' in d ? d.errors.length : 1), 0);
}

/** Every comment of a text (from `#` to the end of its line), with how often it occurs. */
function comments(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const m = /(?:^|\s)(#.*)$/.exec(line);
    if (m) out.set(m[1].trimEnd(), (out.get(m[1].trimEnd()) ?? 0) + 1);
  }
  return out;
}

function lostComments(before: string, after: string): string[] {
  const kept = comments(after);
  return [...comments(before)].filter(([c, n]) => (kept.get(c) ?? 0) < n).map(([c]) => c);
}

const withFixtures = allRules.filter(
  (r) => hasFixtures(r.meta.id) && existsSync(join(fixtureDir(r.meta.id), 'fire.yaml')),
);

test('rules with fixtures are found', () => {
  assert.ok(withFixtures.length >= 12, `only ${withFixtures.length} rules have fixtures`);
});

for (const rule of withFixtures) {
  const id = rule.meta.id;
  test(`${id}: fire.yaml fires and every fix is sound`, () => {
    const text = readFixture(id, 'fire');
    const ds = lint(text, [id], STRICT).filter((d) => d.ruleId === id);
    assert.ok(ds.length > 0, `${id} does not fire on fire.yaml`);
    const errorsBefore = parseErrors(text);
    for (const d of ds) {
      if (!d.fix) continue;
      const at = `${id} fix "${d.fix.title}" at line ${d.range.start.line + 1}`;
      const fixed = applyFix(text, d);
      assert.notEqual(fixed, text, `${at} changes nothing`);
      // A syntax fix must remove errors; any other fix must not add one (semantic rules see only valid documents).
      const errorsAfter = parseErrors(fixed);
      if (errorsBefore === 0) assert.equal(errorsAfter, 0, `${at} yields YAML that does not parse:\n${fixed}`);
      else assert.ok(errorsAfter < errorsBefore, `${at} does not remove a parser error`);
      assert.deepEqual(lostComments(text, fixed), [], `${at} loses comments`);
      const after = lint(fixed, [id], STRICT).filter((x) => x.ruleId === id);
      assert.ok(after.length < ds.length, `${at} does not make its diagnostic go away:\n${fixed}`);
    }
  });

  test(`${id}: fix-all is idempotent and leaves only what has no fix`, () => {
    const text = readFixture(id, 'fire');
    const unfixable = lint(text, [id], STRICT).filter((d) => d.ruleId === id && !d.fix).length;
    const once = fixAllText(text, [id], STRICT);
    const twice = fixAllText(once, [id], STRICT);
    assert.equal(twice, once, `${id}: fix-all twice differs from once`);
    assert.deepEqual(lostComments(text, once), [], `${id}: fix-all loses comments`);
    // What remains is what had no fix (fewer when a fix also cured another object, e.g. one that merges it).
    const remaining = lint(once, [id], STRICT).filter((d) => d.ruleId === id);
    const why = `${id} still fires after fix-all:\n${remaining.map((d) => d.message).join('\n')}\n${once}`;
    assert.ok(remaining.length <= unfixable, why);
    assert.ok(
      remaining.every((d) => !d.fix),
      why,
    );
  });

  test(`${id}: every value a fix cannot know carries # TODO, in block and flow style`, () => {
    for (const text of [readFixture(id, 'fire'), toFlowStyle(readFixture(id, 'fire'))]) {
      for (const d of lint(text, [id], STRICT).filter((x) => x.ruleId === id)) {
        for (const fix of [d.fix, ...(d.suggestions ?? [])]) {
          if (!fix) continue;
          const at = `${id} fix "${fix.title}" at line ${d.range.start.line + 1}`;
          assert.deepEqual(
            untoldValues(text, fix),
            [],
            `${at} writes values without a TODO:\n${applyFix(text, { ...d, fix })}`,
          );
          const fixed = applyFix(text, { ...d, fix });
          if (parseErrors(text) === 0) assert.equal(parseErrors(fixed), 0, `${at} yields YAML that does not parse`);
        }
      }
    }
  });

  test(`${id}: pass.yaml does not fire`, () => {
    const ds = lint(readFixture(id, 'pass'), [id], STRICT).filter((d) => d.ruleId === id);
    assert.deepEqual(
      ds.map((d) => `${d.range.start.line + 1}: ${d.message}`),
      [],
    );
  });
}
