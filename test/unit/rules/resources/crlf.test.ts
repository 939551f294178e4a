/** The resource rules on CRLF text: same findings as LF, and every fix writes CRLF lines only. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { rulesOf } from '../../../../server/src/rules';
import { applyFix, fixAllText } from '../../../support/lint';
import { readFixture } from '../../../support/rule-fixtures';
import { lintIds as lint, said } from '../../../support/rule-tester';

const STRICT = { profile: 'strict' as const };
const LONE_LF = /(^|[^\r])\n/;

for (const rule of rulesOf('resources')) {
  const id = rule.meta.id;
  test(`${id}: CRLF fixtures give the same diagnostics and CRLF-only fixes`, () => {
    const lf = readFixture(id, 'fire');
    const crlf = lf.replace(/\n/g, '\r\n');
    const ds = lint(crlf, [id], STRICT);
    assert.deepEqual(
      ds.map((d) => [d.range, said(d)]),
      lint(lf, [id], STRICT).map((d) => [d.range, said(d)]),
    );
    for (const d of ds.filter((x) => x.fix)) {
      assert.doesNotMatch(applyFix(crlf, d), LONE_LF, `${id}: "${d.fix!.title}" writes a bare LF`);
    }
    const all = fixAllText(crlf, [id], STRICT);
    assert.doesNotMatch(all, LONE_LF);
    assert.equal(all.replace(/\r\n/g, '\n'), fixAllText(lf, [id], STRICT));
  });
}
