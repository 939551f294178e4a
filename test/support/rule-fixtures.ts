/**
 * Helpers for the tests that walk every rule: where the repository and the compiled code are, the per-rule
 * fixtures (`test/fixtures/rules/<id>/fire.yaml` and `pass.yaml`), and the severities a rule reports per profile.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lint } from './lint';

function findUp(from: string, found: (dir: string) => boolean): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (found(dir)) return dir;
    if (dirname(dir) === dir) throw new Error(`nothing found above ${from}`);
  }
}

/** The repository root (the nearest folder above the compiled tests with package.json and server/src/rules). */
export function repoRoot(): string {
  return findUp(__dirname, (d) => existsSync(join(d, 'package.json')) && isDir(join(d, 'server', 'src', 'rules')));
}

/** The output folder the tests were compiled into (it mirrors the repository: `<out>/server/src/rules/…`). */
export function compiledRoot(): string {
  return findUp(__dirname, (d) => existsSync(join(d, 'server', 'src', 'rules', 'index.js')));
}

export function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

export function fixtureDir(ruleId: string): string {
  return join(repoRoot(), 'test', 'fixtures', 'rules', ruleId);
}

export function hasFixtures(ruleId: string): boolean {
  return isDir(fixtureDir(ruleId));
}

export function readFixture(ruleId: string, name: 'fire' | 'pass' | string): string {
  return readFileSync(join(fixtureDir(ruleId), name.endsWith('.yaml') ? name : `${name}.yaml`), 'utf8');
}

// ---------------------------------------------------------------------------------------------------------------
// Severity per profile.

/** The severities one rule reports on a text in each profile (`[]` when it is off there). */
export function severitiesByProfile(
  text: string,
  ruleId: string,
): Record<'minimal' | 'recommended' | 'strict', string[]> {
  const of = (profile: 'minimal' | 'recommended' | 'strict'): string[] => [
    ...new Set(
      lint(text, [ruleId], { profile })
        .filter((d) => d.ruleId === ruleId)
        .map((d) => d.severity),
    ),
  ];
  return { minimal: of('minimal'), recommended: of('recommended'), strict: of('strict') };
}
