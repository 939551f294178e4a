/**
 * Fixes of overlay findings, rewritten for the file the finding lands on, on a shop with a base shared by two
 * overlays (patches, images, namePrefix, replicas) built by the real kubectl: fixes edit block style in place and
 * keep the documents apart, never write what an overlay set into the base, and a finding that a strategic-merge
 * `null` causes is fixed in that patch.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { LintDiagnostic } from '../../../server/src/engine';
import { applyEdits } from '../../../server/src/engine';
import { lintOverlay } from '../../../server/src/render/kustomize/lint-overlay';
import { mergeOverlayFindings } from '../../../server/src/render/kustomize/merge';
import { host, placed, RENDER_FIXTURES, ruleSet, tools } from '../../support/render';

const SHOP = `${RENDER_FIXTURES}/kustomize-shop`;

function finding(files: Map<string, LintDiagnostic[]>, file: string, ruleId: string, line: number): LintDiagnostic {
  const d = files.get(`${SHOP}/${file}`)?.find((x) => x.ruleId === ruleId && x.range.start.line === line - 1);
  assert.ok(d, `${file}:${line} ${ruleId} in\n${placed(files, SHOP).join('\n')}`);
  return d;
}

function parsesCleanly(text: string): void {
  for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, [], text);
}

test('a fix on a container in a base adds its key in block style inside the item, and keeps the next document apart', async () => {
  const r = await lintOverlay(host, `${SHOP}/overlays/prod`, ruleSet(), tools());
  const base = `${SHOP}/base/apps.yaml`;
  const text = readFileSync(base, 'utf8');
  // the frontend's untagged image (prod does not retag it), in the first document of the file
  const pull = finding(r.files, 'base/apps.yaml', 'image-pull-policy', 20);
  const fixed = applyEdits(text, pull.fix!.edits);
  assert.equal(
    fixed,
    text.replace(
      '            - containerPort: 8080\n---\n',
      '            - containerPort: 8080\n          imagePullPolicy: Always\n---\n',
    ),
  );
  parsesCleanly(fixed);
});

test("an overlay's values never reach the base: its patch's requests, its image tag, its replica count", async () => {
  const r = await lintOverlay(host, `${SHOP}/overlays/staging`, ruleSet(), tools());
  const base = `${SHOP}/base/apps.yaml`;
  const text = readFileSync(base, 'utf8');
  for (const d of r.files.get(base) ?? []) {
    if (!d.fix) continue;
    const fixed = applyEdits(text, d.fix.edits);
    parsesCleanly(fixed);
    // staging's patch sets the api's requests to 250m / 256Mi; its images entry retags the frontend to latest
    for (const overlayValue of ['250m', '256Mi', 'latest', 'staging'])
      assert.ok(!fixed.includes(overlayValue), `${d.ruleId} writes ${overlayValue} into the base:\n${fixed}`);
    // the containers stay a block sequence, edited in place
    assert.match(fixed, /^ {8}- name: web$/m, d.ruleId);
    assert.match(fixed, /^ {8}- name: api$/m, d.ruleId);
  }
  // a single replica that staging's `replicas:` entry asks for: reported on that entry, with no fix for the base
  const replicas = finding(r.files, 'overlays/staging/kustomization.yaml', 'replicas-too-low', 12);
  assert.equal(replicas.fix, undefined);
  // the api's memory limit: staging's patch wrote the requests beside it, so the base gets no fix from staging
  const limit = r.files.get(base)!.find((d) => d.ruleId === 'memory-limit-missing' && d.message.includes('"api"'));
  assert.ok(limit);
  assert.equal(limit.fix, undefined);
});

test('a finding caused by a strategic-merge null lands on that null in the patch, and its fix edits the patch', async () => {
  const r = await lintOverlay(host, `${SHOP}/overlays/prod`, ruleSet(), tools());
  const patch = `${SHOP}/overlays/prod/worker-writable.yaml`;
  const d = finding(r.files, 'overlays/prod/worker-writable.yaml', 'read-only-root-fs', 12);
  const text = readFileSync(patch, 'utf8');
  assert.equal(
    applyEdits(text, d.fix!.edits),
    text.replace('readOnlyRootFilesystem: null', 'readOnlyRootFilesystem: true'),
  );
  // the base, which sets it, is not blamed for it
  assert.ok(!r.files.get(`${SHOP}/base/worker.yaml`)?.some((x) => x.ruleId === 'read-only-root-fs'));
});

test('a finding two overlays place on one base line keeps its fix only when both propose the same edit', () => {
  const at = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
  const fix = (text: string) => ({ title: 't', safety: 'unsafe' as const, edits: [{ range: at, newText: text }] });
  const d = (ruleId: string, text: string): LintDiagnostic => ({
    ruleId,
    severity: 'warning',
    message: ruleId,
    range: at,
    fix: fix(text),
  });
  const merged = mergeOverlayFindings([
    [d('same', 'x: 1'), d('differs', 'limit: 256Mi')],
    [d('same', 'x: 1'), d('differs', 'limit: 512Mi')],
  ]);
  assert.deepEqual(
    merged.map((m) => [m.ruleId, m.fix?.edits[0].newText]),
    [
      ['same', 'x: 1'],
      ['differs', undefined],
    ],
  );
});
