/**
 * What a fix to a chart or an overlay must not make worse, compared between two renders: a render that fails now, or
 * an error finding it did not have (warnings and the same errors moved to other lines do not count).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { LintDiagnostic } from '../../../server/src/engine';
import { healthOf, worseHealth } from '../../../server/src/render/health';

const at = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 9 } });
const finding = (ruleId: string, severity: LintDiagnostic['severity'], line: number): LintDiagnostic => ({
  ruleId,
  severity,
  message: `${ruleId} says so`,
  range: at(line),
});

const before = healthOf({ files: new Map([['/c/values.yaml', [finding('privileged-container', 'error', 3)]]]) });

test('the same error on another line, and new warnings, are not worse', () => {
  const after = healthOf({
    files: new Map([
      ['/c/values.yaml', [finding('privileged-container', 'error', 9), finding('cpu-request-missing', 'warning', 2)]],
    ]),
  });
  assert.equal(worseHealth(before, after), undefined);
});

test('a new error finding is worse, and named with its file and line', () => {
  const after = healthOf({
    files: new Map([
      ['/c/values.yaml', [finding('privileged-container', 'error', 3)]],
      ['/c/templates/deployment.yaml', [finding('host-namespaces', 'error', 11)]],
    ]),
  });
  assert.equal(
    worseHealth(before, after),
    'the render gains an error: host-namespaces at /c/templates/deployment.yaml:12: host-namespaces says so',
  );
});

test('a render that fails now is worse; one that failed the same way before is not', () => {
  const failing = healthOf({ files: new Map(), error: { message: 'helm template failed: boom' } });
  assert.equal(worseHealth(before, failing), 'the render fails: helm template failed: boom');
  assert.equal(worseHealth(failing, failing), undefined);
});

test("a copy of the chart is compared as the user's files (renamed)", () => {
  const copy = healthOf(
    { files: new Map([['/tmp/x/values.yaml', [finding('privileged-container', 'error', 3)]]]) },
    (f) => f.replace('/tmp/x/', '/c/'),
  );
  assert.equal(worseHealth(before, copy), undefined);
});
