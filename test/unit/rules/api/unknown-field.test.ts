import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { editDistance } from '../../../../server/src/model/text';
import { closestFields, kindType, objectType } from '../../../../server/src/schema/fields';
import { FIELD_TYPES } from '../../../../server/src/schema/generated/field-table';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture, repoRoot } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester, said } from '../../../support/rule-tester';

const fixture = (name: string): string => readFixture('rules', 'unknown-field', name);
const RULE = ['unknown-field'];

describe('unknown-field', () => {
  test('fire.yaml: each unknown key at its exact range, with the closest known field', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), said(d), d.fix?.title ?? null, (d.suggestions ?? []).map((s) => s.title)]),
      [
        ['6:3-6:8', 'didYouMean {candidate=labels, key=label, type=ObjectMeta}', 'Rename "label" to "labels"', []],
        [
          '18:7-18:14',
          'didYouMeanOneOf {candidates="hostIPC" or "hostPID", key=hostPIC, type=PodSpec}',
          null,
          ['Rename "hostPIC" to "hostIPC"', 'Rename "hostPIC" to "hostPID"'],
        ],
        [
          '19:7-19:21',
          'didYouMean {candidate=initContainers, key=initContianers, type=PodSpec}',
          'Rename "initContianers" to "initContainers"',
          [],
        ],
        [
          '25:11-25:26',
          'didYouMean {candidate=imagePullPolicy, key=imagePullpolicy, type=Container}',
          'Rename "imagePullpolicy" to "imagePullPolicy"',
          [],
        ],
        [
          '27:13-27:20',
          'didYouMean {candidate=requests, key=request, type=ResourceRequirements}',
          'Rename "request" to "requests"',
          [],
        ],
        [
          '31:15-31:24',
          'didYouMean {candidate=mountPath, key=mountpath, type=VolumeMount}',
          'Rename "mountpath" to "mountPath"',
          [],
        ],
        ['32:11-32:17', 'unknownField {key=colour, type=Container}', null, []],
        [
          '35:38-35:43',
          'didYouMean {candidate=medium, key=medum, type=EmptyDirVolumeSource}',
          'Rename "medum" to "medium"',
          [],
        ],
        ['44:3-44:8', 'didYouMean {candidate=ports, key=Ports, type=ServiceSpec}', 'Rename "Ports" to "ports"', []],
      ],
    );
    assert.ok(ds.every((d) => d.severity === 'warning'));
  });

  test('the rename keeps the value and the comment, in block and flow style', () => {
    const text = fixture('fire.yaml');
    const ds = lint(text, RULE);
    assert.equal(applyFix(text, ds[0]), text.replace('  label: # should be labels', '  labels: # should be labels'));
    assert.equal(applyFix(text, ds[7]), text.replace('medum: Memory}', 'medium: Memory}'));
    const all = fixAllText(text, RULE);
    assert.deepEqual(
      lint(all, RULE).map((d) => said(d)),
      [
        'didYouMeanOneOf {candidates="hostIPC" or "hostPID", key=hostPIC, type=PodSpec}',
        'unknownField {key=colour, type=Container}',
      ],
    );
    assert.match(all, /initContainers: # swapped letters\n/);
  });

  test('free-key maps are not checked, their typed values are', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {anything: goes}
  annotations: {also.anything/goes: "x"}
spec:
  nodeSelector: {disk: ssd}
  overhead: {cpu: 10m}
  containers:
    - name: a
      image: a
      resources:
        requests: {cpu: 1, example.com/gpu: 1}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              default: {whatever: 1}
              x-kubernetes-preserve-unknown-fields: true
              propertes: {}
`;
    assert.deepEqual(
      lint(text, RULE).map((d) => [where(d), said(d)]),
      [['36:15-36:24', 'didYouMean {candidate=properties, key=propertes, type=JSONSchemaProps}']],
    );
  });

  test('no rename onto a field the map already has', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n  contianers: []\n';
    const [d] = lint(text, RULE);
    assert.equal(said(d), 'leftoverCopy {candidate=containers, key=contianers, type=PodSpec}');
    assert.equal(d.fix, undefined);
  });

  test('merge keys are checked where the anchor writes them; patch directives are skipped', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - &c
          name: a
          imagee: a
        - <<: *c
          name: b
        - $patch: delete
          name: c
`;
    assert.deepEqual(lint(text, RULE).map(where), ['11:11-11:17']);
  });

  test('custom resources, wrong apiVersions and non-Kubernetes YAML are not checked', () => {
    assert.deepEqual(lint('apiVersion: example.com/v1\nkind: Widget\nspce: {}\n', RULE), []);
    assert.deepEqual(lint('apiVersion: v1\nkind: Deployment\nspce: {}\n', RULE), []);
    assert.deepEqual(lint('name: x\nspce: {}\n', RULE), []);
  });

  test('a target newer than the bundled schema is said in the message', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndatta: {}\n';
    assert.equal(said(lint(text, RULE)[0]), 'didYouMean {candidate=data, key=datta, type=ConfigMap}');
    assert.equal(
      said(lint(text, RULE, { kubernetesVersion: '1.35' })[0]),
      'didYouMeanOlderSchema {candidate=data, key=datta, schema=1.33, type=ConfigMap}',
    );
  });
});

describe('field table', () => {
  test('the committed tables are what the generator makes from the installed kubernetes-models', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'generate-field-table.mjs'), '--check'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr || r.stdout);
  });

  test('kinds resolve to their types, with nested types', () => {
    const deploy = kindType('apps/v1', 'Deployment')!;
    assert.equal(deploy.name, 'Deployment');
    const spec = objectType(deploy.fields.get('spec')!)!;
    assert.equal(spec.name, 'DeploymentSpec');
    assert.equal(objectType(objectType(spec.fields.get('template')!)!.fields.get('spec')!)!.name, 'PodSpec');
    assert.equal(kindType('v1', 'ConfigMap')!.fields.get('data'), '{');
    assert.equal(kindType('example.com/v1', 'Widget'), undefined);
    assert.equal(kindType('v1', 'constructor'), undefined);
    // codes that are no object type: a scalar, anything, lists and maps of (their element is asked for separately)
    for (const code of ['', '*', `[${deploy.fields.get('spec')!}`, '{', '{*'])
      assert.equal(objectType(code), undefined);
    // each type is parsed once, when first asked for, and is the same object every time
    assert.equal(kindType('apps/v1', 'Deployment'), deploy);
    assert.equal(objectType(deploy.fields.get('spec')!), spec);
  });

  test('every type of the table parses as the table writes it', () => {
    let types = 0;
    const lines = FIELD_TYPES.split('\n');
    for (let n = 0; n < lines.length; n++) {
      const type = objectType(String(n))!;
      const [id, body] = [lines[n].slice(0, lines[n].indexOf('|')), lines[n].slice(lines[n].indexOf('|') + 1)];
      assert.equal(type.id, id);
      assert.deepEqual(
        [...type.fields],
        body ? body.split(',').map((e) => [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)]) : [],
      );
      types++;
    }
    assert.ok(types > 400, `${types} types`);
    assert.equal(objectType(String(lines.length)), undefined);
  });

  test('closest fields: case, transpositions, short names stricter, ties kept', () => {
    const pod = objectType(kindType('v1', 'Pod')!.fields.get('spec')!)!;
    assert.deepEqual(closestFields(pod, 'Containers'), ['containers']);
    assert.deepEqual(closestFields(pod, 'contianers'), ['containers']);
    assert.deepEqual(closestFields(pod, 'hostPIC'), ['hostIPC', 'hostPID']);
    assert.deepEqual(closestFields(pod, 'xyz'), []);
    // the schema's suggestions count a swap of neighbours as one edit; name suggestions count it as two
    assert.equal(editDistance('contianers', 'containers', Infinity, true), 1);
    assert.equal(editDistance('contianers', 'containers'), 2);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('kitten', 'sitting', 1), 2);
  });
});

// The fixtures as a table: test/fixtures/rules/unknown-field/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('unknown-field', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'didYouMean',
          data: { key: 'label', type: 'ObjectMeta', candidate: 'labels' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 8,
          severity: 'warning',
          fix: 'Rename "label" to "labels"',
        },
        {
          messageId: 'didYouMeanOneOf',
          data: { key: 'hostPIC', type: 'PodSpec', candidates: '"hostIPC" or "hostPID"' },
          line: 18,
          column: 7,
          endLine: 18,
          endColumn: 14,
          severity: 'warning',
          fix: null,
          suggestions: [{ title: 'Rename "hostPIC" to "hostIPC"' }, { title: 'Rename "hostPIC" to "hostPID"' }],
        },
        {
          messageId: 'didYouMean',
          data: { key: 'initContianers', type: 'PodSpec', candidate: 'initContainers' },
          line: 19,
          column: 7,
          endLine: 19,
          endColumn: 21,
          severity: 'warning',
          fix: 'Rename "initContianers" to "initContainers"',
        },
        {
          messageId: 'didYouMean',
          data: { key: 'imagePullpolicy', type: 'Container', candidate: 'imagePullPolicy' },
          line: 25,
          column: 11,
          endLine: 25,
          endColumn: 26,
          severity: 'warning',
          fix: 'Rename "imagePullpolicy" to "imagePullPolicy"',
        },
        {
          messageId: 'didYouMean',
          data: { key: 'request', type: 'ResourceRequirements', candidate: 'requests' },
          line: 27,
          column: 13,
          endLine: 27,
          endColumn: 20,
          severity: 'warning',
          fix: 'Rename "request" to "requests"',
        },
        {
          messageId: 'didYouMean',
          data: { key: 'mountpath', type: 'VolumeMount', candidate: 'mountPath' },
          line: 31,
          column: 15,
          endLine: 31,
          endColumn: 24,
          severity: 'warning',
          fix: 'Rename "mountpath" to "mountPath"',
        },
        {
          messageId: 'unknownField',
          data: { key: 'colour', type: 'Container' },
          line: 32,
          column: 11,
          endLine: 32,
          endColumn: 17,
          severity: 'warning',
          fix: null,
        },
        {
          messageId: 'didYouMean',
          data: { key: 'medum', type: 'EmptyDirVolumeSource', candidate: 'medium' },
          line: 35,
          column: 38,
          endLine: 35,
          endColumn: 43,
          severity: 'warning',
          fix: 'Rename "medum" to "medium"',
        },
        {
          messageId: 'didYouMean',
          data: { key: 'Ports', type: 'ServiceSpec', candidate: 'ports' },
          line: 'service-web+8',
          column: 3,
          endLine: 'service-web+8',
          endColumn: 8,
          severity: 'warning',
          fix: 'Rename "Ports" to "ports"',
        },
      ],
    },
  ],
});
