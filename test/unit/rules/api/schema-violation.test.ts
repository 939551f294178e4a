import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { problemsOf, parsePointer, validatorFor } from '../../../../server/src/schema/validators';
import { formatPath } from '../../../../server/src/schema/locate';
import { plainValue } from '../../../../server/src/schema/plain-value';
import { DocNav } from '../../../../server/src/yaml/nodes';
import { parseDocument } from 'yaml';
import { applyFix, fixAllText, lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { fixture as ruleFixture, ruleTester, said } from '../../../support/rule-tester';

const fixture = (name: string): string => readFixture('rules', 'schema-violation', name);
const RULE = ['schema-violation'];

describe('schema-violation', () => {
  test('fire.yaml: every problem at its exact range, in reading order', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), said(d), d.fix?.title ?? null]),
      [
        [
          '7:15-7:16',
          'wrongType {expected=a string, got=3, what=metadata.annotations.replicas}',
          'Quote the value: "3"',
        ],
        ['9:13-9:16', 'wrongType {expected=an integer, got="3", what=spec.replicas}', 'Write 3 as a number'],
        [
          '14:11-14:24',
          'valueNotAllowed {allowed=Recreate, RollingUpdate, got="rollingUpdate", what=spec.strategy.type}',
          'Change to RollingUpdate',
        ],
        [
          '20:22-20:28',
          'valueNotAllowed {allowed=Always, Never, OnFailure, got="always", what=spec.template.spec.restartPolicy}',
          'Change to Always',
        ],
        [
          '22:23-22:29',
          'wrongType {expected=true or false, got="true", what=spec.template.spec.securityContext.runAsNonRoot}',
          'Write true as a boolean',
        ],
        ['24:11-24:16', 'missingRequiredField {field=name, what=spec.template.spec.containers[0]}', null],
        [
          '26:30-26:36',
          'wrongType {expected=an integer, got="8080", what=spec.template.spec.containers[0].ports[0].containerPort}',
          'Write 8080 as a number',
        ],
        [
          '27:25-27:28',
          'valueNotAllowed {allowed=SCTP, TCP, UDP, got="tcp", what=spec.template.spec.containers[0].ports[0].protocol}',
          'Change to TCP',
        ],
        [
          '30:22-30:23',
          'wrongType {expected=a string, got=4, what=spec.template.spec.containers[0].env[0].value}',
          'Quote the value: "4"',
        ],
        [
          '33:15-33:21',
          'wrongType {expected=a quantity such as 500m, 0.5, 128Mi or 1Gi, got=a list, what=spec.template.spec.containers[0].resources.limits.memory}',
          null,
        ],
        [
          '40:9-40:18',
          'valueNotAllowed {allowed=ClusterIP, ExternalName, LoadBalancer, NodePort, got="clusterIP", what=spec.type}',
          'Change to ClusterIP',
        ],
        ['43:19-43:23', 'wrongType {expected=an integer or a string, got=80.5, what=spec.ports[0].targetPort}', null],
        ['49:1-49:5', 'missingRequiredField {field=schedule, what=spec}', null],
      ],
    );
    assert.ok(ds.every((d) => d.severity === 'error'));
  });

  test('fixes rewrite only the value, keeping comments', () => {
    const text = fixture('fire.yaml');
    const ds = lint(text, RULE);
    const by = (line: number) => ds.find((d) => d.range.start.line === line - 1)!;
    assert.equal(
      applyFix(text, by(9)),
      text.replace('replicas: "3" # quoted by habit', 'replicas: 3 # quoted by habit'),
    );
    assert.equal(applyFix(text, by(7)), text.replace('replicas: 3 # annotation', 'replicas: "3" # annotation'));
    assert.equal(applyFix(text, by(20)), text.replace('restartPolicy: always', 'restartPolicy: Always'));
    assert.equal(applyFix(text, by(22)), text.replace('runAsNonRoot: "true"', 'runAsNonRoot: true'));
    assert.equal(applyFix(text, by(26)), text.replace('containerPort: "8080"', 'containerPort: 8080'));
  });

  test('fix-all leaves only what needs the author', () => {
    const fixed = fixAllText(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      lint(fixed, RULE).map((d) => String(d.data?.what)),
      [
        'spec.template.spec.containers[0]',
        'spec.template.spec.containers[0].resources.limits.memory',
        'spec.ports[0].targetPort',
        'spec',
      ],
    );
    assert.match(fixed, /replicas: 3 # quoted by habit\n/);
    assert.match(fixed, /type: ClusterIP\n/);
  });

  test('a number written with a decimal is quoted as written', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  version: 1.10\n';
    const [d] = lint(text, RULE);
    assert.equal(said(d), 'wrongType {expected=a string, got=1.10, what=data.version}');
    assert.equal(applyFix(text, d), text.replace('version: 1.10', 'version: "1.10"'));
  });

  test('plain yes/no/on/off are booleans to Kubernetes (YAML 1.1): right for boolean fields, wrong for strings', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    enabled: yes
spec:
  securityContext:
    runAsNonRoot: yes
  containers:
    - name: a
      image: a
      tty: on
      env:
        - name: FEATURE
          value: no # Norway
        - name: QUOTED
          value: "no"
`;
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), said(d)]),
      [
        [
          '6:14-6:17',
          'wrongType {expected=a string, got=yes, which Kubernetes reads as the boolean true, what=metadata.labels.enabled}',
        ],
        [
          '16:18-16:20',
          'wrongType {expected=a string, got=no, which Kubernetes reads as the boolean false, what=spec.containers[0].env[0].value}',
        ],
      ],
    );
    assert.equal(applyFix(text, ds[1]), text.replace('value: no # Norway', 'value: "no" # Norway'));
    // label-values-invalid reads YAML 1.2 and lets `yes` pass, so this rule reports it
    assert.deepEqual(lint(text, ['label-values-invalid']), []);
  });

  test('Secret data must be base64; line breaks in it are fine (Go skips them)', () => {
    const text =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  wrapped: |\n    cGFzc3dvcmRw\n    YXNz\n  plain: password!\n';
    assert.deepEqual(
      lint(text, RULE).map((d) => [where(d), said(d)]),
      [['9:10-9:19', 'wrongFormat {format=base64-encoded, got="password!", what=data.plain}']],
    );
  });

  test('keys that are not identifiers are shown in brackets', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    example.com/n: 5\n';
    assert.deepEqual(
      lint(text, RULE).map((d) => said(d)),
      ['wrongType {expected=a string, got=5, what=metadata.annotations["example.com/n"]}'],
    );
  });

  test('what other rules report is left to them: numeric labels, malformed quantities', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    version: 1.0
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        canary: true
    spec:
      containers:
        - name: web
          image: nginx
          resources:
            limits:
              cpu: 1.5.0
`;
    assert.deepEqual(lint(text, RULE), []);
    assert.equal(lint(text, ['label-values-invalid']).length, 2);
    assert.equal(lint(text, ['quantity-invalid']).length, 1);
  });

  test('a missing required field of a list item is shown on the item first key; of the object, on kind', () => {
    const text =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: x\nsubjects:\n  - kind: User\n';
    assert.deepEqual(
      lint(text, RULE).map((d) => [where(d), said(d)]),
      [
        ['2:1-2:18', 'missingRequiredField {field=roleRef, what=RoleBinding}'],
        ['6:5-6:9', 'missingRequiredField {field=name, what=subjects[0]}'],
      ],
    );
  });

  test('kinds under a wrong or removed apiVersion, custom resources and non-Kubernetes YAML are not checked', () => {
    const bad = 'spec:\n  replicas: "3"\n  selector: {}\n';
    assert.deepEqual(lint(`apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n${bad}`, RULE), []);
    assert.deepEqual(lint(`apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: x\n${bad}`, RULE), []);
    assert.deepEqual(lint(`apiVersion: example.com/v1\nkind: Deployment\nmetadata:\n  name: x\n${bad}`, RULE), []);
    assert.deepEqual(lint(`replicas: "3"\n`, RULE), []);
  });

  test('objects of a List are checked where they are written', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: s\n    spec:\n      type: nodePort\n';
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['9:13-9:21']);
    assert.equal(applyFix(text, ds[0]), text.replace('nodePort', 'NodePort'));
  });

  test('a value shared through an anchor is reported but not rewritten', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: a
          image: a
          ports:
            - containerPort: &port "80"
        - name: b
          image: b
          ports:
            - containerPort: *port
`;
    const ds = lint(text, RULE);
    assert.deepEqual(ds.map(where), ['14:36-14:40', '14:36-14:40']);
    assert.equal(!!ds[0].fix, true, 'the anchored value itself, reached without an alias, is fixable');
    assert.equal(ds[1].fix, undefined, 'reached through the alias: not rewritten');
  });

  test('empty keys count as absent, as the API server decodes them', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\nspec:\n  containers:\n    - name: a\n      image: a\n      resources:\n      env:\n';
    assert.deepEqual(lint(text, RULE), []);
  });

  test('a suppression comment silences it', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: nodeport # kubewise-ignore schema-violation: our admission webhook fixes it\n';
    assert.deepEqual(lint(text, RULE), []);
  });

  test('never throws: alias bombs, deep nesting, odd scalars', () => {
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x}', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    assert.ok(Array.isArray(lint(bomb.join('\n') + '\n', RULE)));
    const deep =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: ' + '['.repeat(300) + ']'.repeat(300) + '\n';
    assert.ok(Array.isArray(lint(deep, RULE)));
    assert.ok(Array.isArray(lint('apiVersion: v1\nkind: Pod\nspec: !!binary aGVsbG8=\nmetadata: .inf\n', RULE)));
  });
});

describe('schema validators', () => {
  test('JSON pointers: ~1 and ~0 decoded, list indexes as numbers', () => {
    const root = { metadata: { labels: { 'a/b~c': 1 } }, items: [{ x: 1 }] };
    assert.deepEqual(parsePointer('/metadata/labels/a~1b~0c', root), ['metadata', 'labels', 'a/b~c']);
    assert.deepEqual(parsePointer('/items/0/x', root), ['items', 0, 'x']);
    assert.equal(formatPath(['spec', 'containers', 0, 'env', 1, 'value']), 'spec.containers[0].env[1].value');
  });

  test('an int-or-string oneOf with its companions is one problem; duplicates go', () => {
    const errors = [
      { instancePath: '/spec/x', keyword: 'type', params: { type: 'string' } },
      { instancePath: '/spec/x', keyword: 'type', params: { type: 'integer' } },
      { instancePath: '/spec/x', keyword: 'format', params: { format: 'int32' } },
      { instancePath: '/spec/x', keyword: 'oneOf', params: { passingSchemas: null } },
      { instancePath: '/spec', keyword: 'required', params: { missingProperty: 'y' } },
      { instancePath: '/spec', keyword: 'required', params: { missingProperty: 'y' } },
      { instancePath: '/spec/z', keyword: 'type', params: { type: 'string' } },
      { instancePath: '/spec/z', keyword: 'enum', params: { allowedValues: ['A'] } },
    ];
    assert.deepEqual(problemsOf(errors, { spec: { x: 1.5, z: 1 } }), [
      { kind: 'type', path: ['spec', 'x'], expected: ['int-or-string'] },
      { kind: 'required', path: ['spec'], field: 'y' },
      { kind: 'type', path: ['spec', 'z'], expected: ['string'] },
    ]);
  });

  test('validators load per kind, and only for built-in kinds', () => {
    assert.equal(typeof validatorFor('apps/v1', 'Deployment'), 'function');
    assert.equal(validatorFor('example.com/v1', 'Widget'), undefined);
    assert.equal(validatorFor('apps/v1', 'toString'), undefined);
    const v = validatorFor('v1', 'ConfigMap')!;
    assert.deepEqual(v({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } }), []);
    assert.equal(v({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 1 } }).length, 1);
  });

  test('plain values follow aliases and merge keys and drop null keys', () => {
    const doc = parseDocument('base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n  z:\n', { merge: true });
    assert.deepEqual(plainValue(new DocNav(doc), doc.contents), { base: { x: 1, y: 2 }, m: { y: 3, x: 1 } });
  });
});

// The fixtures as a table: test/fixtures/rules/schema-violation/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('schema-violation', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'wrongType',
          data: { what: 'metadata.annotations.replicas', expected: 'a string', got: '3' },
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 16,
          severity: 'error',
          fix: 'Quote the value: "3"',
        },
        {
          messageId: 'wrongType',
          data: { what: 'spec.replicas', expected: 'an integer', got: '"3"' },
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 16,
          severity: 'error',
          fix: 'Write 3 as a number',
        },
        {
          messageId: 'valueNotAllowed',
          data: { what: 'spec.strategy.type', allowed: 'Recreate, RollingUpdate', got: '"rollingUpdate"' },
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 24,
          severity: 'error',
          fix: 'Change to RollingUpdate',
        },
        {
          messageId: 'valueNotAllowed',
          data: { what: 'spec.template.spec.restartPolicy', allowed: 'Always, Never, OnFailure', got: '"always"' },
          line: 20,
          column: 22,
          endLine: 20,
          endColumn: 28,
          severity: 'error',
          fix: 'Change to Always',
        },
        {
          messageId: 'wrongType',
          data: { what: 'spec.template.spec.securityContext.runAsNonRoot', expected: 'true or false', got: '"true"' },
          line: 22,
          column: 23,
          endLine: 22,
          endColumn: 29,
          severity: 'error',
          fix: 'Write true as a boolean',
        },
        {
          messageId: 'missingRequiredField',
          data: { what: 'spec.template.spec.containers[0]', field: 'name' },
          line: 24,
          column: 11,
          endLine: 24,
          endColumn: 16,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'wrongType',
          data: {
            what: 'spec.template.spec.containers[0].ports[0].containerPort',
            expected: 'an integer',
            got: '"8080"',
          },
          line: 26,
          column: 30,
          endLine: 26,
          endColumn: 36,
          severity: 'error',
          fix: 'Write 8080 as a number',
        },
        {
          messageId: 'valueNotAllowed',
          data: { what: 'spec.template.spec.containers[0].ports[0].protocol', allowed: 'SCTP, TCP, UDP', got: '"tcp"' },
          line: 27,
          column: 25,
          endLine: 27,
          endColumn: 28,
          severity: 'error',
          fix: 'Change to TCP',
        },
        {
          messageId: 'wrongType',
          data: { what: 'spec.template.spec.containers[0].env[0].value', expected: 'a string', got: '4' },
          line: 30,
          column: 22,
          endLine: 30,
          endColumn: 23,
          severity: 'error',
          fix: 'Quote the value: "4"',
        },
        {
          messageId: 'wrongType',
          data: {
            what: 'spec.template.spec.containers[0].resources.limits.memory',
            expected: 'a quantity such as 500m, 0.5, 128Mi or 1Gi',
            got: 'a list',
          },
          line: 33,
          column: 15,
          endLine: 33,
          endColumn: 21,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'valueNotAllowed',
          data: { what: 'spec.type', allowed: 'ClusterIP, ExternalName, LoadBalancer, NodePort', got: '"clusterIP"' },
          line: 'service-web+6',
          column: 9,
          endLine: 'service-web+6',
          endColumn: 18,
          severity: 'error',
          fix: 'Change to ClusterIP',
        },
        {
          messageId: 'wrongType',
          data: { what: 'spec.ports[0].targetPort', expected: 'an integer or a string', got: '80.5' },
          line: 'service-web+9',
          column: 19,
          endLine: 'service-web+9',
          endColumn: 23,
          severity: 'error',
          fix: null,
        },
        {
          messageId: 'missingRequiredField',
          data: { what: 'spec', field: 'schedule' },
          line: 'cronjob-report+5',
          column: 1,
          endLine: 'cronjob-report+5',
          endColumn: 5,
          severity: 'error',
          fix: null,
        },
      ],
    },
  ],
});
