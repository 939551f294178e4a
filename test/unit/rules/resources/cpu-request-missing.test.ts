import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, fixAllText, where } from '../../../support/lint';
import { readFixture, severitiesByProfile } from '../../../support/rule-fixtures';
import { fixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const ID = 'cpu-request-missing';
const run = (text: string) => lint(text, [ID]);

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p # keep
spec:
  containers:
    - name: a
      image: nginx
`;

test('the fix inserts a request with a TODO, in block style', () => {
  const [d] = run(POD);
  assert.equal(d.fix!.title, 'Add requests.cpu: 100m');
  assert.equal(
    applyFix(POD, d),
    POD + '      resources:\n        requests:\n          cpu: 100m # TODO: set from measured usage\n',
  );
});

test('the fix copies a written limit, without a TODO', () => {
  const text = POD + '      resources:\n        limits: {cpu: "1.5"}\n';
  const [d] = run(text);
  assert.equal(d.fix!.title, 'Add requests.cpu: 1.5 (the limit)');
  assert.equal(
    applyFix(text, d),
    POD + '      resources:\n        limits: {cpu: "1.5"}\n        requests:\n          cpu: 1.5\n',
  );
});

test('the fix handles {}, null resources, a null cpu and flow style', () => {
  const cases: Array<[string, string]> = [
    ['      resources: {}\n', '      resources: {requests: {cpu: 100m}} # TODO: set from measured usage\n'],
    [
      '      resources:\n',
      '      resources:\n        requests:\n          cpu: 100m # TODO: set from measured usage\n',
    ],
    [
      '      resources:\n        requests:\n          cpu:\n',
      '      resources:\n        requests:\n          cpu: 100m # TODO: set from measured usage\n',
    ],
    [
      '      resources: {limits: {memory: 1Gi}}\n',
      '      resources: {limits: {memory: 1Gi}, requests: {cpu: 100m} # TODO: set from measured usage\n        }\n',
    ],
  ];
  for (const [tail, fixedTail] of cases) {
    const [d] = run(POD + tail);
    assert.equal(applyFix(POD + tail, d), POD + fixedTail, tail);
  }
});

test('CRLF text gets CRLF lines', () => {
  const text = POD.replace(/\n/g, '\r\n');
  const [d] = run(text);
  assert.equal(where(d), '7:7-7:14');
  assert.equal(
    applyFix(text, d),
    text + '      resources:\r\n        requests:\r\n          cpu: 100m # TODO: set from measured usage\r\n',
  );
});

test('a container without its own resources (merge key or alias) is reported, on itself, but not fixed', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - &base
      name: a
      resources:
        limits: {memory: 1Gi}
    - <<: *base
      name: b
    - name: c
      resources: &shared {limits: {memory: 2Gi}}
    - name: d
      resources: *shared
`;
  const ds = run(text);
  assert.deepEqual(
    ds.map((d) => [where(d), said(d), !!d.fix]),
    [
      ['9:7-10:30', 'noCpuRequest {container=Container "a"}', true],
      ['12:7-12:14', 'noCpuRequest {container=Container "b"}', false], // on b's own \`name\`, not on a's resources
      ['14:7-14:49', 'noCpuRequest {container=Container "c"}', true],
      ['16:7-16:25', 'noCpuRequest {container=Container "d"}', false],
    ],
  );
  // Writing b its own \`resources\` would hide the merged limits; writing through d's alias would change c.
  // Fixing a and c (whose maps b and d share) fixes b and d too: fix-all converges and keeps the sharing.
  const all = fixAllText(text, [ID]);
  assert.match(all, /- <<: \*base\n {6}name: b\n {4}- name: c/);
  assert.match(
    all,
    /resources: &shared \{limits: \{memory: 2Gi\}, requests: \{cpu: 100m\} # TODO: set from measured usage\n {8}\}\n {4}- name: d\n {6}resources: \*shared\n$/,
  );
  assert.deepEqual(run(all), []);
});

test('suppressed by annotation (own, pod template, anchors) and by comment', () => {
  const deploy = (annotations: string, line = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${annotations}spec:
  template:
    spec:
      containers:
${line}        - name: web
          image: nginx
`;
  assert.equal(run(deploy('')).length, 1);
  for (const a of [
    '  annotations:\n    ignore-check.kubewise.dev/cpu-request-missing: "batch job, best effort"\n',
    '  annotations:\n    kubewise.dev/ignore-all: "generated"\n',
    '  annotations:\n    ignore-check.kube-linter.io/unset-cpu-requirements: "legacy"\n',
    '  annotations:\n    polaris.fairwinds.com/cpuRequestsMissing-exempt: "true"\n',
    '  annotations:\n    kube-score/ignore: pod-probes, container-resources\n',
  ]) {
    assert.deepEqual(run(deploy(a)), [], a);
  }
  // the Polaris exemption needs "true"; another rule's id does not suppress this one
  assert.equal(run(deploy('  annotations:\n    polaris.fairwinds.com/cpuRequestsMissing-exempt: "false"\n')).length, 1);
  assert.equal(run(deploy('  annotations:\n    ignore-check.kubewise.dev/memory-request-missing: "x"\n')).length, 1);
  // pod template annotations count too
  const template = deploy('').replace(
    '    spec:\n      containers',
    '    metadata:\n      annotations:\n        ignore-check.kubewise.dev/cpu-request-missing: "x"\n    spec:\n      containers',
  );
  assert.deepEqual(run(template), []);
  // a comment on the line before, or at the end of the line
  assert.deepEqual(run(deploy('', '        # kubewise-ignore cpu-request-missing: sidecar-less test pod\n')), []);
  assert.deepEqual(
    run(
      deploy('').replace('- name: web', '- name: web # kubewise-ignore memory-request-missing, cpu-request-missing: x'),
    ),
    [],
  );
  assert.equal(run(deploy('', '        # kubewise-ignore memory-request-missing: not this rule\n')).length, 1);
});

test('severity per profile: warning, off in minimal', () => {
  assert.deepEqual(severitiesByProfile(readFixture(ID, 'fire'), ID), {
    minimal: [],
    recommended: ['warning'],
    strict: ['warning'],
  });
  assert.deepEqual(
    lint(POD, [ID], { rules: { [ID]: 'error' } }).map((d) => d.severity),
    ['error'],
  );
});

// The fixtures as a table: test/fixtures/rules/cpu-request-missing/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('cpu-request-missing', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'noCpuRequest',
          data: { container: 'Container "web"' },
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 20,
          severity: 'warning',
          fix: 'Add requests.cpu: 100m',
        },
        {
          messageId: 'noCpuRequestDefaultsToLimit',
          data: { container: 'Container "limited"', limitText: '200m' },
          line: 19,
          column: 11,
          endLine: 21,
          endColumn: 55,
          severity: 'warning',
          fix: 'Add requests.cpu: 200m (the limit)',
        },
        {
          messageId: 'noCpuRequest',
          data: { container: 'Init container "init"' },
          line: 26,
          column: 13,
          endLine: 27,
          endColumn: 27,
          severity: 'warning',
          fix: 'Add requests.cpu: 100m',
        },
        {
          messageId: 'noCpuRequest',
          data: { container: 'Container "flow"' },
          line: 'pod-shapes+7',
          column: 34,
          endLine: 'pod-shapes+7',
          endColumn: 68,
          severity: 'warning',
          fix: 'Add requests.cpu: 100m',
        },
        {
          messageId: 'noCpuRequest',
          data: { container: 'Container "empty"' },
          line: 'pod-shapes+10',
          column: 7,
          endLine: 'pod-shapes+10',
          endColumn: 20,
          severity: 'warning',
          fix: 'Add requests.cpu: 100m',
        },
        {
          messageId: 'noCpuRequest',
          data: { container: 'Container "null-resources"' },
          line: 'pod-shapes+13',
          column: 7,
          endLine: 'pod-shapes+13',
          endColumn: 17,
          severity: 'warning',
          fix: 'Add requests.cpu: 100m',
        },
        {
          messageId: 'noCpuRequest',
          data: { container: 'Container "null-cpu"' },
          line: 'pod-shapes+17',
          column: 9,
          endLine: 'pod-shapes+19',
          endColumn: 24,
          severity: 'warning',
          fix: 'Add requests.cpu: 100m',
        },
        {
          messageId: 'noCpuRequest',
          data: { container: 'Container "job"' },
          line: 'cronjob-nightly+13',
          column: 15,
          endLine: 'cronjob-nightly+13',
          endColumn: 24,
          severity: 'warning',
          fix: 'Add requests.cpu: 100m',
        },
      ],
    },
  ],
});
