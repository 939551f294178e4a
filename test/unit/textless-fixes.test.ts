/**
 * Fixes built without their texts (`LintOptions.fixTexts: false`, `YamlEditor.textless`), as `kubewise lint` builds
 * them when it prints text or JSON: every finding, and whether it has a fix, that fix's title, safety, what it
 * changes and how many edits it makes, must be exactly as with texts. Checked on every rule fixture, the examples,
 * the public corpus and a generated tree whose fixes edit other objects (`FixSpec.in`).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRuleSet } from '../../server/src/composition';
import { DEFAULT_SETTINGS, lintText, Workspace } from '../../server/src/engine';
import type { Fix, LintDiagnostic } from '../../server/src/engine/types';
import { appTree, bigManifest } from '../support/generate';
import { repoRoot } from '../support/rule-fixtures';
import { yamlFilesUnder } from '../support/yaml-files';

const ROOT = repoRoot();
// strict: every rule that has a profile runs, so every rule's fix is built
const RULE_SET = createRuleSet({ ...DEFAULT_SETTINGS, profile: 'strict', rules: {}, ignorePaths: [] });

/** What a run without fix texts still reports of a fix. */
function fixShape(f: Fix | undefined): unknown {
  return f && { title: f.title, safety: f.safety, changes: f.changes, edits: f.edits.length };
}

function shape(ds: readonly LintDiagnostic[]): unknown[] {
  return ds.map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    range: d.range,
    fix: fixShape(d.fix),
    suggestions: d.suggestions?.map(fixShape),
  }));
}

/** Edits with an empty text, of all the fixes and suggestions of `ds`. */
function emptyEdits(ds: readonly LintDiagnostic[]): number {
  const fixes = ds.flatMap((d) => [...(d.fix ? [d.fix] : []), ...(d.suggestions ?? [])]);
  return fixes.flatMap((f) => f.edits).filter((e) => e.newText === '').length;
}

test('every file of the fixtures, examples and corpus: the same findings and fixes without fix texts', () => {
  const files = ['test/fixtures', 'examples', 'test/corpus'].flatMap((d) => yamlFilesUnder(join(ROOT, d)));
  assert.ok(files.length > 500, `${files.length} files`);
  let fixes = 0;
  let emptied = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const full = lintText(text, RULE_SET);
    const textless = lintText(text, RULE_SET, { fixTexts: false });
    assert.deepEqual(shape(textless.diagnostics), shape(full.diagnostics), file);
    assert.deepEqual(textless.failures, full.failures, file);
    fixes += full.diagnostics.filter((d) => d.fix).length;
    emptied += emptyEdits(textless.diagnostics) - emptyEdits(full.diagnostics);
  }
  // the mode does something: most inserted values were not rendered
  assert.ok(fixes > 1000 && emptied > fixes / 2, `${fixes} fixes, ${emptied} edits left without text`);
});

/** A Deployment without a cpu request and an HPA scaling it on cpu: the HPA's finding fixes the Deployment. */
const HPA_ON_UNREQUESTED_CPU = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 4
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: { type: Utilization, averageUtilization: 70 }
`;

test('linted once in a workspace (a tree of apps, a fix made in another object): the same without fix texts', () => {
  const ws = new Workspace();
  const files: Array<[string, string]> = [
    ...Object.entries(appTree(8)).filter(([f]) => f.endsWith('.yaml')),
    ['big.yaml', bigManifest(2000)],
    ['hpa/app.yaml', HPA_ON_UNREQUESTED_CPU],
  ];
  for (const [rel, text] of files) ws.setFile(`file:///tree/${rel}`, text);
  for (const [rel] of files) {
    const uri = `file:///tree/${rel}`;
    const full = ws.lint(uri, RULE_SET, { once: true });
    const textless = ws.lint(uri, RULE_SET, { once: true, fixTexts: false });
    assert.deepEqual(shape(textless.diagnostics), shape(full.diagnostics), rel);
    if (rel === 'hpa/app.yaml') {
      // the HPA's fix edits the Deployment, through the other object's (textless) editor
      const across = textless.diagnostics.find((d) => d.ruleId === 'hpa-metric-without-request');
      assert.ok(across?.fix, 'hpa-metric-without-request has a fix');
      assert.ok(across.fix.edits.every((e) => e.range.start.line < 15 && e.newText === ''));
    }
  }
});

test('without `once` the option changes nothing: the language server keeps fix texts', () => {
  const text = bigManifest(200);
  const ws = new Workspace();
  ws.setFile('file:///a.yaml', text);
  const kept = ws.lint('file:///a.yaml', RULE_SET, { fixTexts: false });
  assert.ok(kept.diagnostics.some((d) => d.fix));
  assert.equal(emptyEdits(kept.diagnostics), emptyEdits(lintText(text, RULE_SET).diagnostics));
});
