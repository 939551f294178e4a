/**
 * Fixes compose: applying every Pod Security quick fix of a pod, one by one in any order or through fix-all, builds
 * one well-formed securityContext per container and one on the pod (pod-wide settings there, per-container ones on
 * the containers), and the result passes the restricted profile.
 */
import { strict as assert } from 'node:assert';
import { said } from '../../../support/rule-tester';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { LintDiagnostic } from '../../../../server/src/engine';
import { applyFix, fixAllText, lint } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { PSS_RULES } from './pss-support';

const STRICT = { profile: 'strict' as const };
const LEGACY = readFixture('pss', 'compose', 'legacy.yaml');

/** Applies one fix at a time, chosen by `pick`, until no diagnostic offers one. */
function fixOneByOne(text: string, pick: (ds: LintDiagnostic[]) => LintDiagnostic | undefined): string {
  let current = text;
  for (let i = 0; i < 50; i++) {
    const next = pick(lint(current, PSS_RULES, STRICT).filter((d) => d.fix));
    if (!next) return current;
    current = applyFix(current, next);
  }
  throw new Error('fixes did not converge');
}

function assertWellFormed(text: string): void {
  // uniqueKeys: a duplicated `securityContext:` or `capabilities:` would be a parse error here.
  for (const doc of parseAllDocuments(text, { uniqueKeys: true, strict: true })) assert.deepEqual(doc.errors, []);
  const pod = (parseAllDocuments(text)[0].toJS() as { spec: { template: { spec: Record<string, unknown> } } }).spec
    .template.spec;
  const podSc = pod.securityContext as Record<string, unknown>;
  assert.equal(podSc.runAsNonRoot, true);
  assert.deepEqual(podSc.seccompProfile, { type: 'RuntimeDefault' });
  const containers = [...(pod.containers as object[]), ...(pod.initContainers as object[])] as Array<{
    securityContext: Record<string, unknown>;
  }>;
  for (const c of containers) {
    assert.equal(c.securityContext.allowPrivilegeEscalation, false);
    assert.equal(c.securityContext.readOnlyRootFilesystem, true);
    assert.ok((c.securityContext.capabilities as { drop: string[] }).drop.includes('ALL'));
    // pod-wide settings are not copied onto containers
    assert.equal(c.securityContext.runAsNonRoot, undefined);
  }
  assert.equal(text.match(/^\s*(- )?securityContext:/gm)?.length, containers.length + 1);
}

describe('Pod Security fixes compose', () => {
  test('the legacy pod breaks many controls before fixing', () => {
    const ids = new Set(lint(LEGACY, PSS_RULES, STRICT).map((d) => d.ruleId));
    assert.deepEqual([...ids].sort(), [
      'allow-privilege-escalation',
      'capabilities-dangerous',
      'capabilities-drop-all',
      'host-namespaces',
      'host-port',
      'privileged-container',
      'read-only-root-fs',
      'run-as-non-root',
      'run-as-user-root',
      'seccomp-profile',
    ]);
  });

  test('fix-all yields exactly the expected text, which passes restricted, and is idempotent', () => {
    const fixed = fixAllText(LEGACY, PSS_RULES, STRICT);
    assert.equal(fixed, readFixture('pss', 'compose', 'legacy.fixed.yaml'));
    assert.deepEqual(lint(fixed, PSS_RULES, STRICT), []);
    assert.equal(fixAllText(fixed, PSS_RULES, STRICT), fixed);
    assert.match(fixed, /runAsUser: 10001 # root, as the old image wanted/);
    assertWellFormed(fixed);
  });

  test('quick fixes applied one at a time, first to last or last to first, give one block per container', () => {
    for (const pick of [(ds: LintDiagnostic[]) => ds[0], (ds: LintDiagnostic[]) => ds[ds.length - 1]]) {
      const fixed = fixOneByOne(LEGACY, pick);
      assert.deepEqual(lint(fixed, PSS_RULES, STRICT), []);
      assertWellFormed(fixed);
    }
  });

  test('the fixed pod is admitted by a namespace that enforces restricted', () => {
    const ns =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\n';
    const inProd = LEGACY.replace('  name: legacy\n', '  name: legacy\n  namespace: prod\n');
    const before = lint(ns + inProd, PSS_RULES, STRICT);
    // read-only-root-fs is hardening, not a Pod Security control: admission does not reject it.
    const pss = before.filter((d) => d.ruleId !== 'read-only-root-fs');
    assert.ok(pss.length >= 10);
    assert.deepEqual(new Set(pss.map((d) => d.severity)), new Set(['error']));
    assert.ok(before.some((d) => d.ruleId === 'read-only-root-fs' && d.severity === 'warning'));
    assert.deepEqual(lint(fixAllText(ns + inProd, PSS_RULES, STRICT), PSS_RULES, STRICT), []);
  });

  test('fixes insert into an existing flow-style securityContext instead of adding a second one', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: flow
spec:
  securityContext: {runAsUser: 1000}
  containers:
    - {name: app, image: "x:1", securityContext: {runAsUser: 1000}}
`;
    assert.equal(
      fixAllText(text, PSS_RULES, STRICT),
      `apiVersion: v1
kind: Pod
metadata:
  name: flow
spec:
  securityContext: {runAsUser: 1000, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - {name: app, image: "x:1", securityContext: {runAsUser: 1000, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}
`,
    );
  });

  test('a securityContext brought in by a merge key is not shadowed by a fix', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: merged
spec:
  containers:
    - &base
      name: app
      image: x:1
      securityContext:
        runAsNonRoot: true
    - <<: *base
      name: copy
`;
    const copy = lint(text, ['allow-privilege-escalation']).find((d) => said(d).includes('"copy"'));
    assert.ok(copy);
    // An own securityContext on "copy" would drop the merged runAsNonRoot, so no fix is offered for it.
    assert.equal(copy.fix, undefined);
  });
});
