/**
 * Charts rendered by the real helm 4, linted, and every finding placed on an exact line of the chart's own files:
 * literal template keys, `toYaml .Values.x` blocks (→ values.yaml, with the fix there), `_helpers.tpl` includes
 * (→ the helper's lines), a library chart's includes (→ the include line), a subchart, a values override, `--set`, `--namespace`, suppressions.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyEdits } from '../../../server/src/engine';
import { lintChart } from '../../../server/src/render/helm/lint-chart';
import { helmPath } from '../../support/kube-tools';
import { host, placed, RENDER_FIXTURES, ruleSet, tools } from '../../support/render';

const CHART = `${RENDER_FIXTURES}/helm/webapp`;

test('a chart: each finding on the template key, the values.yaml key or the include line that causes it', async () => {
  const r = await lintChart(host, CHART, ruleSet(), tools({ namespace: 'shop' }));
  assert.equal(r.error, undefined);
  assert.deepEqual(placed(r.files), EXPECTED);
});

const EXPECTED = [
  // the subchart's template, its inline container
  'helm/webapp/charts/cache/templates/statefulset.yaml:4:3 networkpolicy-missing',
  'helm/webapp/charts/cache/templates/statefulset.yaml:5:1 replicas-too-low',
  'helm/webapp/charts/cache/templates/statefulset.yaml:6:3 statefulset-service-missing',
  'helm/webapp/charts/cache/templates/statefulset.yaml:15:7 automount-sa-token',
  'helm/webapp/charts/cache/templates/statefulset.yaml:15:7 run-as-non-root',
  'helm/webapp/charts/cache/templates/statefulset.yaml:15:7 seccomp-profile',
  'helm/webapp/charts/cache/templates/statefulset.yaml:16:11 allow-privilege-escalation',
  'helm/webapp/charts/cache/templates/statefulset.yaml:16:11 capabilities-drop-all',
  'helm/webapp/charts/cache/templates/statefulset.yaml:16:11 cpu-request-missing',
  'helm/webapp/charts/cache/templates/statefulset.yaml:16:11 liveness-probe-missing',
  'helm/webapp/charts/cache/templates/statefulset.yaml:16:11 memory-limit-missing',
  'helm/webapp/charts/cache/templates/statefulset.yaml:16:11 memory-request-missing',
  'helm/webapp/charts/cache/templates/statefulset.yaml:16:11 read-only-root-fs',
  'helm/webapp/charts/cache/templates/statefulset.yaml:16:11 readiness-probe-missing',
  // the sidecar defined in _helpers.tpl: on the helper's own lines (`- name: log-shipper`, `image:`);
  // image-tag-mutable is suppressed by the comment above its include line in deployment.yaml
  'helm/webapp/templates/_helpers.tpl:11:3 allow-privilege-escalation',
  'helm/webapp/templates/_helpers.tpl:11:3 capabilities-drop-all',
  'helm/webapp/templates/_helpers.tpl:11:3 cpu-request-missing',
  'helm/webapp/templates/_helpers.tpl:11:3 liveness-probe-missing',
  'helm/webapp/templates/_helpers.tpl:11:3 memory-limit-missing',
  'helm/webapp/templates/_helpers.tpl:11:3 memory-request-missing',
  'helm/webapp/templates/_helpers.tpl:11:3 read-only-root-fs',
  'helm/webapp/templates/_helpers.tpl:11:3 readiness-probe-missing',
  'helm/webapp/templates/_helpers.tpl:12:3 image-pull-policy',
  // literal keys of the template: metadata.name (with an include in its value), the pod spec, the container
  // no pdb-missing: templates/pdb.yaml selects the Deployment's pods (one workspace per chart)
  'helm/webapp/templates/deployment.yaml:4:3 networkpolicy-missing',
  'helm/webapp/templates/deployment.yaml:4:3 topology-spread-missing',
  'helm/webapp/templates/deployment.yaml:21:7 automount-sa-token',
  'helm/webapp/templates/deployment.yaml:21:7 run-as-non-root',
  'helm/webapp/templates/deployment.yaml:21:7 seccomp-profile',
  'helm/webapp/templates/deployment.yaml:22:11 liveness-probe-missing',
  'helm/webapp/templates/deployment.yaml:22:11 readiness-probe-missing',
  // toYaml'd values: `resources: {}` and `securityContext:` in values.yaml
  'helm/webapp/values.yaml:8:1 cpu-request-missing',
  'helm/webapp/values.yaml:8:1 memory-limit-missing',
  'helm/webapp/values.yaml:8:1 memory-request-missing',
  'helm/webapp/values.yaml:12:1 allow-privilege-escalation',
  'helm/webapp/values.yaml:12:1 capabilities-drop-all',
  'helm/webapp/values.yaml:12:1 read-only-root-fs',
  'helm/webapp/values.yaml:13:3 privileged-container',
];

test('--namespace reaches helm and the cross-resource rules', async () => {
  const r = await lintChart(host, CHART, ruleSet(), tools({ namespace: 'shop' }));
  const d = r.files.get(`${CHART}/templates/deployment.yaml`)!.find((x) => x.ruleId === 'networkpolicy-missing')!;
  assert.deepEqual([d.messageId, d.data?.ns], ['noPolicySelectsPods', 'shop']);
});

test('the fix of a toYaml-fed `resources: {}` edits values.yaml', async () => {
  const r = await lintChart(host, CHART, ruleSet(), tools());
  const values = `${CHART}/values.yaml`;
  const d = r.files.get(values)!.find((x) => x.ruleId === 'memory-request-missing')!;
  assert.ok(d.fix, 'the finding carries a fix');
  const text = host.readFile(values)!;
  const after = applyEdits(text, d.fix.edits);
  assert.equal(
    after,
    text.replace('resources: {}', 'resources: {requests: {memory: 128Mi}} # TODO'),
    'only the resources line changes',
  );
});

test('a values override: findings move to the file that sets the value; annotations there suppress', async () => {
  const override = `${RENDER_FIXTURES}/helm/prod-values.yaml`;
  const r = await lintChart(host, CHART, ruleSet(), tools({ valuesFiles: [override], set: ['replicaCount=1'] }));
  const lines = placed(r.files).filter((l) => !l.includes('/charts/cache/'));
  assert.deepEqual(
    lines.filter((l) => l.startsWith('helm/prod-values.yaml') || l.startsWith('helm/webapp/values.yaml')),
    [
      'helm/prod-values.yaml:2:1 memory-limit-missing',
      'helm/prod-values.yaml:3:3 memory-request-missing',
      // --set replicaCount=1: the key that `replicas: {{ .Values.replicaCount }}` reads
      'helm/webapp/values.yaml:1:1 replicas-too-low',
      'helm/webapp/values.yaml:12:1 allow-privilege-escalation',
      'helm/webapp/values.yaml:12:1 capabilities-drop-all',
      'helm/webapp/values.yaml:12:1 read-only-root-fs',
      'helm/webapp/values.yaml:13:3 privileged-container',
    ],
  );
  // podAnnotations in the override carry ignore-check.kubewise.dev/automount-sa-token
  assert.ok(!lines.some((l) => l.endsWith('automount-sa-token')), lines.join('\n'));
});

test('a template error is one diagnostic on the template line helm names', async () => {
  const r = await lintChart(host, `${RENDER_FIXTURES}/helm/broken`, ruleSet(), tools());
  assert.ok(r.error);
  assert.equal(r.error.toolMissing, false);
  assert.equal(r.error.placement.file, `${RENDER_FIXTURES}/helm/broken/templates/configmap.yaml`);
  assert.equal(r.error.placement.line, 5);
  assert.match(r.error.message, /^helm template failed: /);
});

test('without helm: one error that says to install helm or set kubewise.helm.path', async () => {
  const r = await lintChart(host, CHART, ruleSet(), tools({ helmPath: '/nonexistent/helm' }));
  assert.ok(r.error?.toolMissing);
  assert.equal(r.error.placement.file, `${CHART}/Chart.yaml`);
  assert.match(r.error.message, /helm was not found at '\/nonexistent\/helm' \(kubewise\.helm\.path\)/);
});

test('a library chart: what its named templates write lands on the include line of the application template', async () => {
  const r = await lintChart(host, `${RENDER_FIXTURES}/helm/withlib`, ruleSet(), tools());
  assert.equal(r.error, undefined);
  const lines = placed(r.files);
  assert.deepEqual(
    lines.filter((l) => l.includes(':15:')),
    [
      'helm/withlib/templates/job.yaml:15:11 allow-privilege-escalation',
      'helm/withlib/templates/job.yaml:15:11 capabilities-drop-all',
      'helm/withlib/templates/job.yaml:15:11 privileged-container',
      'helm/withlib/templates/job.yaml:15:11 read-only-root-fs',
    ],
  );
  // nothing lands in the library chart's files
  assert.ok(
    lines.every((l) => l.startsWith('helm/withlib/templates/job.yaml:')),
    lines.join('\n'),
  );
});

test("helm create's own scaffold chart: container and pod findings on the values.yaml keys that feed them, fixes there", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-helm-create-')).replace(/\\/g, '/');
  try {
    const created = await host.run(helmPath(), ['create', 'demo'], { cwd: dir });
    assert.equal(created.code, 0, created.stderr);
    const chart = `${dir}/demo`;
    const r = await lintChart(host, chart, ruleSet(), tools());
    assert.equal(r.error, undefined);
    const valuesText = readFileSync(`${chart}/values.yaml`, 'utf8');
    const lineOf = (s: string): number => valuesText.split('\n').indexOf(s) + 1;
    const values = placed(r.files, dir).filter((l) => l.startsWith('demo/values.yaml:'));
    const expect = (line: string, rules: string[]): string[] =>
      rules.map((id) => `demo/values.yaml:${lineOf(line)}:1 ${id}`);
    for (const l of [
      ...expect('podSecurityContext: {}', ['run-as-non-root', 'seccomp-profile']),
      ...expect('securityContext: {}', ['allow-privilege-escalation', 'capabilities-drop-all', 'read-only-root-fs']),
      ...expect('resources: {}', ['cpu-request-missing', 'memory-limit-missing', 'memory-request-missing']),
    ])
      assert.ok(values.includes(l), `${l}\nin:\n${values.join('\n')}`);
    const cpu = r.files.get(`${chart}/values.yaml`)!.find((d) => d.ruleId === 'cpu-request-missing')!;
    assert.ok(cpu.fix);
    assert.equal(
      applyEdits(valuesText, cpu.fix.edits),
      // the request is the default, not a measured value: it carries a TODO
      valuesText.replace('\nresources: {}\n', '\nresources: {requests: {cpu: 100m}} # TODO\n'),
    );

    // A pod-level fix on a template line: inserted after the container block, past the with-blocks helm skipped
    // (resources, volumeMounts), so the template still renders whatever values.yaml sets later.
    const template = `${chart}/templates/deployment.yaml`;
    const automount = r.files.get(template)!.find((d) => d.ruleId === 'automount-sa-token')!;
    assert.ok(automount.fix, 'the template finding carries its fix');
    const before = readFileSync(template, 'utf8');
    const fixed = applyEdits(before, automount.fix.edits);
    assert.equal(
      fixed,
      before.replace(
        '      {{- with .Values.volumes }}',
        '      automountServiceAccountToken: false\n      {{- with .Values.volumes }}',
      ),
    );
    writeFileSync(template, fixed);
    writeFileSync(
      `${chart}/values.yaml`,
      valuesText.replace('\nresources: {}\n', '\nresources: {requests: {cpu: 1}}\n'),
    );
    const again = await lintChart(host, chart, ruleSet(), tools());
    assert.equal(again.error, undefined, again.error?.message);
    assert.ok(
      !placed(again.files, dir).some(
        (l) => l.startsWith('demo/templates/deployment.yaml:') && l.endsWith(' automount-sa-token'),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('.Capabilities.KubeVersion follows kubewise.kubernetesVersion (helm --kube-version)', async () => {
  const chart = `${RENDER_FIXTURES}/helm/versioned`;
  const old = await lintChart(
    host,
    chart,
    ruleSet({ kubernetesVersion: '1.24' }),
    tools({ kubernetesVersion: '1.24' }),
  );
  assert.deepEqual(
    placed(old.files).filter((l) => l.endsWith('deprecated-api-version')),
    ['helm/versioned/templates/pdb.yaml:4:1 deprecated-api-version'],
  );
  const current = await lintChart(host, chart, ruleSet(), tools({ kubernetesVersion: '1.33' }));
  assert.deepEqual(
    placed(current.files).filter((l) => l.endsWith('deprecated-api-version')),
    [],
  );
});

test('a packaged subchart (charts/*.tgz): its findings land on its dependencies entry in Chart.yaml', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-helm-tgz-')).replace(/\\/g, '/');
  try {
    cpSync(CHART, `${dir}/webapp`, { recursive: true });
    const packaged = await host.run(helmPath(), ['package', 'cache'], { cwd: `${dir}/webapp/charts` });
    assert.equal(packaged.code, 0, packaged.stderr);
    rmSync(`${dir}/webapp/charts/cache`, { recursive: true });
    const r = await lintChart(host, `${dir}/webapp`, ruleSet(), tools());
    assert.equal(r.error, undefined);
    const lines = placed(r.files, dir);
    // `  - name: cache` is line 8 of Chart.yaml
    assert.ok(lines.includes('webapp/Chart.yaml:8:5 cpu-request-missing'), lines.join('\n'));
    assert.ok(
      lines.every((l) => !l.includes('/charts/')),
      lines.join('\n'),
    );
    const d = r.files.get(`${dir}/webapp/Chart.yaml`)![0];
    assert.match(
      d.message,
      /\(in webapp\/charts\/cache\/templates\/statefulset\.yaml, line \d+ of the rendered output\)$/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
