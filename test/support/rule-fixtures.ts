/**
 * Helpers for the tests that walk every rule: where the repository and the compiled code are, the per-rule
 * fixtures (`test/fixtures/rules/<id>/fire.yaml` and `pass.yaml`), and the rule catalogue of RULES.md.
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
// The catalogue of RULES.md.

export interface CatalogueEntry {
  readonly id: string;
  /** The category folder under server/src/rules. */
  readonly category: string;
  /** Default severity in the recommended profile; two when RULES.md says `E / W` (graded by the rule). */
  readonly severities: readonly string[];
  /** Marked ✕: needs the workspace index. */
  readonly crossResource: boolean;
  /** What the quick fix writes, `—` for none. */
  readonly fix: string;
}

/** RULES.md section headings → category folders. */
export const CATEGORY_OF_HEADING: Readonly<Record<string, string>> = {
  Resources: 'resources',
  'Scaling and availability': 'scaling',
  Storage: 'storage',
  Security: 'security',
  Images: 'images',
  Networking: 'networking',
  Probes: 'probes',
  'API and metadata': 'api',
};

const SEVERITY: Readonly<Record<string, string>> = { E: 'error', W: 'warning', I: 'info', off: 'off' };

/** The rule tables of RULES.md (`## <Category>` then `| id | sev | flags | fix |` rows). */
export function parseCatalogue(markdown: string): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  let category: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      category = CATEGORY_OF_HEADING[heading[1]];
      continue;
    }
    if (!category || !line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 4 || cells[0] === 'id' || /^-+$/.test(cells[0])) continue;
    const severities = cells[1].split('/').map((s) => SEVERITY[s.trim()]);
    if (severities.some((s) => s === undefined))
      throw new Error(`RULES.md: unknown severity "${cells[1]}" for ${cells[0]}`);
    out.push({ id: cells[0], category, severities, crossResource: cells[2].includes('✕'), fix: cells[3] });
  }
  return out;
}

/** The text of test/support/catalogue.ts for these entries. */
export function renderCatalogue(entries: readonly CatalogueEntry[]): string {
  const rows = entries.map(
    (e) =>
      `  { id: ${JSON.stringify(e.id)}, category: ${JSON.stringify(e.category)}, severities: ${JSON.stringify(e.severities)}, crossResource: ${e.crossResource}, fix: ${JSON.stringify(e.fix)} },`,
  );
  return [
    '/**',
    ' * The rule catalogue of RULES.md (../shared/RULES.md beside the repository), embedded so that the meta-test can',
    ' * check rule ids where that file is absent. Generated (then formatted by prettier); when RULES.md changes, the',
    ' * meta-test fails and says how to regenerate it:',
    " *   node -e \"const f=require('./test/out/test/support/rule-fixtures');require('fs').writeFileSync('test/support/catalogue.ts',f.renderCatalogue(f.parseCatalogue(require('fs').readFileSync('../shared/RULES.md','utf8'))))\"",
    ' */',
    "import type { CatalogueEntry } from './rule-fixtures';",
    '',
    'export const CATALOGUE: readonly CatalogueEntry[] = [',
    ...rows,
    '];',
    '',
  ].join('\n');
}

/** RULES.md beside the repository, when this checkout has it. */
export function rulesMarkdownPath(): string {
  return join(repoRoot(), '..', 'shared', 'RULES.md');
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
