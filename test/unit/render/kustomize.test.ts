/**
 * Overlays built by the real kubectl 1.35 (kustomize 5.7), linted, and every finding placed on the patch line that
 * set the offending field (strategic merge, JSON 6902), a kustomization's `namespace:`, or the base resource's line
 * (found through namePrefix and namespace). A base shared by two overlays is blamed once per cause, and not for what
 * an overlay fixes.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { applyEdits } from '../../../server/src/engine';
import { findKustomizeRoots, lintOverlay } from '../../../server/src/render/kustomize/lint-overlay';
import { host, placed, RENDER_FIXTURES, ruleSet, tools } from '../../support/render';

const K = `${RENDER_FIXTURES}/kustomize`;

test('prod overlay: the strategic-merge patch that turns on privileged, the JSON 6902 op that drops replicas', async () => {
  const r = await lintOverlay(host, `${K}/overlays/prod`, ruleSet(), tools());
  assert.equal(r.error, undefined);
  assert.deepEqual(placed(r.files), [
    'kustomize/base/deployment.yaml:4:3 networkpolicy-missing',
    // the pod spec: the patch passes through it (the base writes it) without setting what is missing
    'kustomize/base/deployment.yaml:17:7 automount-sa-token',
    'kustomize/base/deployment.yaml:17:7 run-as-non-root',
    'kustomize/base/deployment.yaml:17:7 seccomp-profile',
    'kustomize/base/deployment.yaml:18:11 cpu-request-missing',
    'kustomize/base/deployment.yaml:18:11 liveness-probe-missing',
    'kustomize/base/deployment.yaml:18:11 memory-limit-missing',
    'kustomize/base/deployment.yaml:18:11 memory-request-missing',
    'kustomize/base/deployment.yaml:18:11 readiness-probe-missing',
    // the securityContext the patch introduces (read-only-root-fs: ignored by the comment above it in the patch),
    // and the field it sets
    'kustomize/overlays/prod/privileged.yaml:11:11 allow-privilege-escalation',
    'kustomize/overlays/prod/privileged.yaml:11:11 capabilities-drop-all',
    'kustomize/overlays/prod/privileged.yaml:12:13 privileged-container',
    // JSON 6902 `replace /spec/replicas` → its value line
    'kustomize/overlays/prod/replicas.yaml:3:3 replicas-too-low',
  ]);
  // namePrefix and namespace: the object is prod/prod-api, found in the base as `api`
  const np = r.files.get(`${K}/base/deployment.yaml`)!.find((d) => d.ruleId === 'networkpolicy-missing')!;
  assert.deepEqual(
    [np.messageId, np.data?.ns, np.data?.what],
    ['noPolicySelectsPods', 'prod', 'Deployment "prod-api"'],
  );
});

test('dev overlay: what its patch fixes (requests, limits, probes) is not reported on the base', async () => {
  const r = await lintOverlay(host, `${K}/overlays/dev`, ruleSet(), tools());
  const lines = placed(r.files);
  for (const rule of [
    'cpu-request-missing',
    'memory-request-missing',
    'memory-limit-missing',
    'readiness-probe-missing',
  ])
    assert.ok(!lines.some((l) => l.endsWith(' ' + rule)), `${rule} is fixed by the dev overlay:\n${lines.join('\n')}`);
  // the patch's annotation ignore-check.kubewise.dev/probes-identical reaches the built object
  assert.ok(!lines.some((l) => l.endsWith(' probes-identical')), lines.join('\n'));
  assert.ok(lines.includes('kustomize/base/deployment.yaml:18:11 read-only-root-fs'), lines.join('\n'));
});

test('a base used by overlays is not built on its own; its files are covered by the overlays', () => {
  const roots = findKustomizeRoots(host, [`${K}/base`, `${K}/overlays/dev`, `${K}/overlays/prod`]);
  assert.deepEqual(roots.roots, [`${K}/overlays/dev`, `${K}/overlays/prod`]);
  for (const f of [
    'base/deployment.yaml',
    'base/service.yaml',
    'overlays/prod/replicas.yaml',
    'overlays/dev/hardening.yaml',
  ])
    assert.ok(roots.files.has(`${K}/${f}`), f);
});

test('without kubectl or kustomize: one error that says what to install or set', async () => {
  const r = await lintOverlay(host, `${K}/overlays/prod`, ruleSet(), { kubectlPath: '/nonexistent/kubectl' });
  assert.ok(r.error?.toolMissing);
  assert.equal(r.error.placement.file, `${K}/overlays/prod/kustomization.yaml`);
  assert.match(r.error.message, /'\/nonexistent\/kubectl' was not found/);
});

test('fixes are rewritten for the file the finding lands on: the base document, or the strategic-merge patch', async () => {
  const r = await lintOverlay(host, `${K}/overlays/prod`, ruleSet(), tools());
  const base = `${K}/base/deployment.yaml`;
  const baseText = readFileSync(base, 'utf8');
  const cpu = r.files.get(base)!.find((d) => d.ruleId === 'cpu-request-missing')!;
  assert.ok(cpu.fix);
  assert.equal(
    applyEdits(baseText, cpu.fix.edits),
    baseText.replace(
      '          image: example/api:1.0\n',
      '          image: example/api:1.0\n          resources:\n            requests:\n              cpu: 100m # TODO\n',
    ),
  );
  const automount = r.files.get(base)!.find((d) => d.ruleId === 'automount-sa-token')!;
  assert.equal(applyEdits(baseText, automount.fix!.edits), baseText + '      automountServiceAccountToken: false\n');

  const patch = `${K}/overlays/prod/privileged.yaml`;
  const patchText = readFileSync(patch, 'utf8');
  const drop = r.files.get(patch)!.find((d) => d.ruleId === 'capabilities-drop-all')!;
  assert.equal(
    applyEdits(patchText, drop.fix!.edits),
    patchText + '            capabilities:\n              drop:\n                - ALL\n',
  );
  // a JSON 6902 op is not rewritten
  assert.equal(r.files.get(`${K}/overlays/prod/replicas.yaml`)![0].fix, undefined);
});

test('inline patches and images: findings on the lines of the kustomization that hold them (nameSuffix too)', async () => {
  const r = await lintOverlay(host, `${K}/overlays/staging`, ruleSet(), tools());
  assert.equal(r.error, undefined);
  assert.deepEqual(
    placed(r.files).filter((l) => l.startsWith('kustomize/overlays/')),
    [
      // `images: - name: example/api newTag: latest`
      'kustomize/overlays/staging/kustomization.yaml:8:5 image-pull-policy',
      'kustomize/overlays/staging/kustomization.yaml:8:5 image-tag-mutable',
      // the inline JSON 6902 op's value line
      'kustomize/overlays/staging/kustomization.yaml:16:9 host-namespaces',
      // the inline strategic-merge patch, at its own lines in the block
      'kustomize/overlays/staging/kustomization.yaml:27:17 allow-privilege-escalation',
      'kustomize/overlays/staging/kustomization.yaml:27:17 capabilities-drop-all',
      'kustomize/overlays/staging/kustomization.yaml:27:17 read-only-root-fs',
      'kustomize/overlays/staging/kustomization.yaml:28:19 privileged-container',
    ],
  );
  // the base is found through nameSuffix: its container line carries what no patch touches
  assert.ok(placed(r.files).includes('kustomize/base/deployment.yaml:18:11 cpu-request-missing'));
});
