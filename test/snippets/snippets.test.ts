/**
 * Every snippet of snippets/kubernetes.json, inserted with its defaults, is a manifest that passes every rule of
 * server/src/rules in the `recommended` profile.
 *
 * Cross-resource rules judge an object by the others around it (an HPA whose target exists, a Deployment that a
 * PDB and a NetworkPolicy cover), so the snippets are linted in the groups a user writes together, each group as
 * one workspace text. One adjustment is made on purpose: in the autoscaled groups the Deployment's `replicas:` line
 * is removed, exactly as the HPA snippet's description and `replicas-with-hpa` tell the user to do.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { LintDiagnostic } from '../../server/src/engine';
import { lint } from '../support/lint';
import { repoRoot } from '../support/paths';
import type { ExpandOptions } from './expand';
import { choiceStops, expandSnippet } from './expand';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string[];
}

const SNIPPETS = JSON.parse(readFileSync(join(repoRoot, 'snippets', 'kubernetes.json'), 'utf8')) as Record<
  string,
  Snippet
>;
const byName = (name: string): Snippet => {
  const s = SNIPPETS[`Kubernetes: ${name}`];
  assert.ok(s, `no snippet "Kubernetes: ${name}"`);
  return s;
};
const expand = (name: string, options?: ExpandOptions) => expandSnippet(byName(name).body, options);
const withoutReplicas = (text: string) => text.replace(/^ {2}replicas: .*\n/m, '');

/** Snippet groups that belong together, each linted as one text. Every snippet is in at least one group. */
const GROUPS: Record<string, () => string[]> = {
  'web application': () => [
    expand('Namespace with Pod Security labels'),
    expand('Deployment'),
    expand('Service'),
    expand('Ingress with TLS'),
    expand('PodDisruptionBudget'),
    expand('NetworkPolicy (default deny)'),
    expand('NetworkPolicy (allow from a namespace)'),
    expand('ConfigMap'),
    expand('Secret'),
    expand('ServiceAccount + Role + RoleBinding'),
    expand('LimitRange'),
    expand('ResourceQuota'),
  ],
  'CPU autoscaling': () => [
    withoutReplicas(expand('Deployment')),
    expand('HorizontalPodAutoscaler (CPU)'),
    expand('PodDisruptionBudget'),
    expand('NetworkPolicy (default deny)'),
  ],
  'memory autoscaling': () => [
    withoutReplicas(expand('Deployment')),
    expand('HorizontalPodAutoscaler (memory)'),
    expand('PodDisruptionBudget'),
    expand('NetworkPolicy (default deny)'),
  ],
  'VPA Off': () => [
    expand('Deployment'),
    expand('VerticalPodAutoscaler (Off)'),
    expand('PodDisruptionBudget'),
    expand('NetworkPolicy (default deny)'),
  ],
  'VPA Initial': () => [
    expand('Deployment'),
    expand('VerticalPodAutoscaler (Initial)'),
    expand('PodDisruptionBudget'),
    expand('NetworkPolicy (default deny)'),
  ],
  'VPA Auto': () => [
    expand('Deployment'),
    expand('VerticalPodAutoscaler (Auto)'),
    expand('PodDisruptionBudget'),
    expand('NetworkPolicy (default deny)'),
  ],
  'stateful storage': () => [
    expand('StatefulSet with volumeClaimTemplates'),
    expand('StorageClass'),
    expand('PersistentVolumeClaim'),
    expand('PodDisruptionBudget', { values: { 1: 'db' } }),
    expand('NetworkPolicy (default deny)'),
  ],
  batch: () => [expand('CronJob'), expand('Job'), expand('NetworkPolicy (default deny)')],
};

const join3 = (texts: string[]) => texts.map((t) => t.replace(/\n*$/, '\n')).join('---\n');
const describe = (ds: LintDiagnostic[], text: string) =>
  ds
    .map(
      (d) =>
        `  ${d.ruleId} (${d.severity}) line ${d.range.start.line + 1}: ${d.message}\n    | ${text.split('\n')[d.range.start.line]}`,
    )
    .join('\n');

test('the snippet file is well formed: unique prefixes, descriptions, every object kind a manifest commonly needs', () => {
  const prefixes = Object.values(SNIPPETS).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
  assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefixes');
  for (const [name, s] of Object.entries(SNIPPETS)) {
    assert.match(name, /^Kubernetes: /);
    assert.ok(s.description.length > 20, `${name} needs a description`);
    assert.ok(
      (Array.isArray(s.prefix) ? s.prefix : [s.prefix]).some((p) => p.startsWith('k8s-')),
      `${name} needs a k8s- prefix`,
    );
    assert.ok(s.body.join('\n').includes('$0'), `${name} should end at $0`);
  }
  const kinds = new Set(
    Object.values(SNIPPETS).flatMap((s) =>
      parseAllDocuments(expandSnippet(s.body)).map((d) => (d.toJS() as { kind: string }).kind),
    ),
  );
  for (const k of [
    'HorizontalPodAutoscaler',
    'VerticalPodAutoscaler',
    'Deployment',
    'StatefulSet',
    'PersistentVolumeClaim',
    'StorageClass',
    'Service',
    'Ingress',
    'NetworkPolicy',
    'PodDisruptionBudget',
    'CronJob',
    'Job',
    'ConfigMap',
    'Secret',
    'ServiceAccount',
    'Role',
    'RoleBinding',
    'Namespace',
    'LimitRange',
    'ResourceQuota',
  ]) {
    assert.ok(kinds.has(k), `no snippet produces a ${k}`);
  }
  const hpa = parseAllDocuments(expand('HorizontalPodAutoscaler (CPU)'))[0].toJS();
  assert.equal(hpa.apiVersion, 'autoscaling/v2');
  assert.ok(hpa.spec.behavior, 'the HPA snippets carry a behavior');
  for (const mode of ['Off', 'Initial', 'Auto']) {
    const vpa = parseAllDocuments(expand(`VerticalPodAutoscaler (${mode})`))[0].toJS();
    assert.equal(vpa.spec.updatePolicy.updateMode, mode);
    assert.ok(
      vpa.spec.resourcePolicy.containerPolicies[0].minAllowed &&
        vpa.spec.resourcePolicy.containerPolicies[0].maxAllowed,
    );
  }
});

test('every snippet is in a lint group', () => {
  const grouped = new Set(Object.values(GROUPS).flatMap((g) => g()));
  for (const [name, s] of Object.entries(SNIPPETS)) {
    const text = expandSnippet(s.body);
    const variants = [text, withoutReplicas(text), expandSnippet(s.body, { values: { 1: 'db' } })];
    assert.ok(
      variants.some((v) => grouped.has(v)),
      `${name} is in no group`,
    );
  }
});

for (const [group, texts] of Object.entries(GROUPS)) {
  test(`snippets of the "${group}" group pass every recommended rule as inserted`, () => {
    const text = join3(texts());
    for (const d of parseAllDocuments(text)) assert.deepEqual(d.errors, [], 'the expanded snippets are valid YAML');
    const ds = lint(text, undefined, { profile: 'recommended' });
    assert.equal(ds.length, 0, `Kubewise reports on the "${group}" snippets:\n${describe(ds, text)}`);
  });
}

test('every choice of every snippet gives valid YAML with no errors', () => {
  for (const [name, s] of Object.entries(SNIPPETS)) {
    for (const [stop, options] of choiceStops(s.body.join('\n'))) {
      options.forEach((option, i) => {
        const text = expandSnippet(s.body, { choose: { [stop]: i } });
        for (const d of parseAllDocuments(text)) assert.deepEqual(d.errors, [], `${name} with "${option}"`);
        const errors = lint(text, undefined, { profile: 'recommended' }).filter((d) => d.severity === 'error');
        assert.equal(errors.length, 0, `${name} with "${option}":\n${describe(errors, text)}`);
      });
    }
  }
});

test('the expander follows VS Code: defaults, mirrors, choices, escapes, variables', () => {
  assert.equal(expandSnippet('a: ${1:web}\nb: $1\nc: ${1}\n$0'), 'a: web\nb: web\nc: web\n');
  assert.equal(expandSnippet('t: ${2|x,y\\,z|}', { choose: { 2: 1 } }), 't: y,z');
  assert.equal(expandSnippet('n: ${1:${2:in}ner} $2'), 'n: inner in');
  assert.equal(expandSnippet('v: ${TM_FILENAME_BASE:file} \\$1 \\}'), 'v: file $1 }');
  assert.equal(expandSnippet('${1:web}', { values: { 1: 'db' } }), 'db');
});
