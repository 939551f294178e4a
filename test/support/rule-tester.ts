/**
 * A table-form rule tester in the spirit of ESLint's RuleTester. Each case lints its code with the one rule, through
 * the real engine (suppressions, ranges, profiles, fixes), and compares what it reports with what the case expects:
 *
 *   ruleTester.run('cpu-request-missing', {
 *     valid: [fixture('pass'), { code: POD_WITH_REQUEST }],
 *     invalid: [
 *       { code: fixture('fire'), errors: [{ messageId: 'noRequest', line: 'web', column: 11, endLine: 'web', endColumn: 20 }] },
 *       { code: POD, errors: [{ messageId: 'noRequest', fix: 'Add requests.cpu: 100m', output: FIXED }], output: FIXED },
 *     ],
 *   });
 *
 * Errors match message ids (`meta.messages`), never prose; `data` checks the placeholders. Every other property of
 * an expected error is checked only when given. Lines may be numbers or markers: `line: 'web'` is the line that
 * carries the comment `# @web` in the code (`'web+2'` two lines below it), so inserting a document into a fixture
 * does not shift the expectations of the documents after it.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRuleSet } from '../../server/src/composition';
import type { LintDiagnostic, Settings } from '../../server/src/engine';
import { applyEdits, lintText, Workspace } from '../../server/src/engine';
import type { Found } from './lint';
import { fixAllText, found as withId, settings } from './lint';
import { readFixture } from './rule-fixtures';
import { saidOf } from './said';

/** A fixture of the rule under test (`test/fixtures/rules/<id>/<name>.yaml`), or of another rule. */
export interface FixtureRef {
  readonly fixture: string;
  readonly rule?: string;
}

export function fixture(name: string, rule?: string): FixtureRef {
  return { fixture: name, rule };
}

export type Code = string | FixtureRef;

export interface CaseOptions {
  /** Settings over the tests' defaults (`profile`, `rules`, `kubernetesVersion`, …). */
  readonly settings?: Partial<Settings>;
  /**
   * Other files of the workspace (relative path → text): the code is then linted as `file:///ws/manifest.yaml`
   * of a workspace that holds them too, as the editor does.
   */
  readonly files?: Readonly<Record<string, string>>;
}

export interface ExpectedError {
  readonly messageId: string;
  /** The placeholders of the message (all of them, when given). */
  readonly data?: Readonly<Record<string, unknown>>;
  /** 1-based, as editors show; a string is a marker (`# @name` in the code), optionally `name+N` / `name-N`. */
  readonly line?: number | string;
  readonly column?: number;
  readonly endLine?: number | string;
  readonly endColumn?: number;
  readonly severity?: LintDiagnostic['severity'];
  /** The title of the preferred fix; `null` when the finding must have none. */
  readonly fix?: string | null;
  /** The code after this error's fix alone. */
  readonly output?: string;
  /** The suggestions' titles, and what each writes when given. */
  readonly suggestions?: ReadonlyArray<{ readonly title: string; readonly output?: string }>;
}

export interface ValidCase extends CaseOptions {
  readonly name?: string;
  readonly code: Code;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
  /** The code after fix-all with this rule (`null`: fix-all changes nothing). */
  readonly output?: string | null;
}

export type { Found } from './lint';

/** Lints with the named rules and tells each diagnostic's message id and data (tests match these, not prose). */
export function lintIds(
  text: string,
  ruleIds: string[],
  over: Partial<Settings> = {},
  files?: CaseOptions['files'],
): Found[] {
  const rs = createRuleSet(settings(over), new Set(ruleIds));
  let res;
  if (files) {
    const ws = new Workspace();
    for (const [path, t] of Object.entries(files)) ws.setFile(`file:///ws/${path}`, t);
    ws.setFile(CODE_URI, text);
    res = ws.lint(CODE_URI, rs);
  } else res = lintText(text, rs);
  if (res.failures.length) throw new Error(`rule failures: ${JSON.stringify(res.failures)}`);
  return res.diagnostics.map(withId);
}

const CODE_URI = 'file:///ws/manifest.yaml';

/** `[line:col-line:col, messageId]` of each diagnostic: a compact form for tests that list findings. */
export function idsWhere(ds: readonly Found[]): string[] {
  return ds.map((d) => `${where(d)} ${d.messageId}`);
}

function where(d: LintDiagnostic): string {
  const r = d.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** The 1-based line of a marker `# @name` (plus an offset) in the code. */
export function markerLine(code: string, ref: number | string): number {
  if (typeof ref === 'number') return ref;
  const m = /^([\w.-]+?)(?:([+-])(\d+))?$/.exec(ref);
  if (!m) throw new Error(`bad line marker "${ref}"`);
  const lines = code.split('\n');
  const hits = lines.flatMap((l, i) =>
    new RegExp(`#\\s*@${m[1].replace(/[.]/g, '\\.')}(?![\\w.-])`).test(l) ? [i + 1] : [],
  );
  if (hits.length !== 1) throw new Error(`marker "# @${m[1]}" found ${hits.length} times in the code`);
  const offset = m[2] ? Number(m[3]) * (m[2] === '-' ? -1 : 1) : 0;
  return hits[0] + offset;
}

function codeOf(ruleId: string, code: Code): string {
  return typeof code === 'string' ? code : readFixture(code.rule ?? ruleId, code.fixture);
}

function caseName(kind: string, c: ValidCase, i: number): string {
  if (c.name) return `${kind} ${i + 1}: ${c.name}`;
  if (typeof c.code !== 'string')
    return `${kind} ${i + 1}: fixture ${c.code.rule ? `${c.code.rule}/` : ''}${c.code.fixture}`;
  const first = c.code
    .split('\n')
    .find((l) => /^\s*(kind|name):/.test(l))
    ?.trim();
  return `${kind} ${i + 1}${first ? `: ${first}` : ''}`;
}

/** What of a found diagnostic the expectation asks about, in the same shape. */
function project(code: string, d: Found, e: ExpectedError): Record<string, unknown> {
  const out: Record<string, unknown> = { messageId: d.messageId };
  if (e.data !== undefined) out.data = d.data;
  if (e.line !== undefined) out.line = d.range.start.line + 1;
  if (e.column !== undefined) out.column = d.range.start.character + 1;
  if (e.endLine !== undefined) out.endLine = d.range.end.line + 1;
  if (e.endColumn !== undefined) out.endColumn = d.range.end.character + 1;
  if (e.severity !== undefined) out.severity = d.severity;
  if (e.fix !== undefined) out.fix = d.fix ? d.fix.title : null;
  if (e.output !== undefined) out.output = d.fix ? applyEdits(code, d.fix.edits) : undefined;
  if (e.suggestions !== undefined) {
    out.suggestions = (d.suggestions ?? []).map((s, i) =>
      e.suggestions![i]?.output !== undefined
        ? { title: s.title, output: applyEdits(code, s.edits) }
        : { title: s.title },
    );
  }
  return out;
}

function expected(code: string, e: ExpectedError): Record<string, unknown> {
  const out: Record<string, unknown> = { ...e };
  if (e.line !== undefined) out.line = markerLine(code, e.line);
  if (e.endLine !== undefined) out.endLine = markerLine(code, e.endLine);
  if (e.suggestions !== undefined) out.suggestions = e.suggestions.map((s) => ({ ...s }));
  return out;
}

export const ruleTester = {
  run(ruleId: string, cases: { valid?: readonly (ValidCase | FixtureRef)[]; invalid?: readonly InvalidCase[] }): void {
    describe(ruleId, () => {
      (cases.valid ?? []).forEach((raw, i) => {
        const c: ValidCase = 'fixture' in raw ? { code: raw } : raw;
        test(caseName('valid', c, i), () => {
          const code = codeOf(ruleId, c.code);
          const found = lintIds(code, [ruleId], c.settings, c.files).filter((d) => d.ruleId === ruleId);
          assert.deepEqual(idsWhere(found), [], 'a valid case reported findings');
        });
      });
      (cases.invalid ?? []).forEach((c, i) => {
        test(caseName('invalid', c, i), () => {
          const code = codeOf(ruleId, c.code);
          const found = lintIds(code, [ruleId], c.settings, c.files).filter((d) => d.ruleId === ruleId);
          const all = idsWhere(found).join('\n  ');
          assert.equal(found.length, c.errors.length, `expected ${c.errors.length} findings, got:\n  ${all}`);
          for (const d of found) {
            const rule = d.messageId;
            assert.ok(rule !== undefined, `${where(d)} "${d.message}" was reported without a messageId`);
          }
          assert.deepEqual(
            found.map((d, k) => project(code, d, c.errors[k])),
            c.errors.map((e) => expected(code, e)),
          );
          if (c.output !== undefined) {
            const fixed = fixAllText(code, [ruleId], c.settings);
            assert.equal(fixed, c.output === null ? code : c.output, 'fix-all output');
          }
        });
      });
    });
  },
};

/**
 * A diagnostic's message as its id and data, `id {key=value, …}` (keys sorted): what free-form tests compare
 * instead of the prose, so that rewording a message changes no test.
 */
export function said(d: Found): string {
  return saidOf(d.messageId, d.data);
}
