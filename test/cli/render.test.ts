/**
 * `kubewise lint` on charts and overlays, with the real helm and kubectl on PATH (or named with --helm/--kubectl):
 * findings on template, values, patch and base lines; render errors; no helm.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { helmPath, kubeToolsDir, kubectlPath } from '../support/kube-tools';
import { RENDER_FIXTURES } from '../support/render';
import { findsTool } from '../../server/src/cli/render-host';
import { findingLines, kubewise, kubewiseProcess, workspace } from './helpers';

// A copy in a temporary folder with a .git marker, so no settings file of the repository applies.
const dir = mkdtempSync(join(tmpdir(), 'kubewise-render-'));
cpSync(RENDER_FIXTURES, dir, { recursive: true });
mkdirSync(join(dir, '.git'));
after(() => rmSync(dir, { recursive: true, force: true }));

const withTools = { PATH: `${kubeToolsDir()}${delimiter}${process.env.PATH ?? ''}` };

test("kubewise lint <chart>: findings on the chart's template and values lines, exit 1 for the privileged error", () => {
  // the real binary, whose helm child finds helm on the PATH of the process
  const r = kubewiseProcess(['lint', 'helm/webapp', '--namespace', 'shop'], { cwd: dir, env: withTools });
  assert.equal(r.code, 1, r.stderr);
  const lines = findingLines(r.stdout);
  assert.ok(
    lines.includes(
      `helm/webapp/values.yaml:13:3 error Container "web" runs privileged: it gets every capability and the node's devices. (rendered by templates/deployment.yaml) [privileged-container]`,
    ),
    r.stdout,
  );
  assert.ok(
    lines.some((l) =>
      l.startsWith('helm/webapp/templates/_helpers.tpl:11:3 warning Container "log-shipper" has no CPU request.'),
    ),
    r.stdout,
  );
  assert.ok(
    lines.some((l) => l.startsWith('helm/webapp/charts/cache/templates/statefulset.yaml:16:11 ')),
    r.stdout,
  );
  // Nothing lands outside the chart; no template is reported as skipped.
  assert.ok(
    lines.every((l) => l.startsWith('helm/webapp/')),
    r.stdout,
  );
  assert.doesNotMatch(r.stdout, /skipped/);
});

test('--values, --set and --helm reach helm; JSON output names the values file that sets the value', async () => {
  const r = await kubewise(
    [
      'lint',
      'helm/webapp',
      '--helm',
      helmPath(),
      '--values',
      'helm/prod-values.yaml',
      '--set',
      'replicaCount=1',
      '-f',
      'json',
    ],
    { cwd: dir, env: { PATH: '/usr/bin:/bin' } },
  );
  const out = JSON.parse(r.stdout) as {
    files: Array<{ path: string; diagnostics: Array<{ ruleId: string; range: { start: { line: number } } }> }>;
  };
  const byPath = new Map(
    out.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.range.start.line + 1} ${d.ruleId}`)]),
  );
  assert.deepEqual(byPath.get('helm/prod-values.yaml'), ['2 memory-limit-missing', '3 memory-request-missing']);
  assert.ok(byPath.get('helm/webapp/values.yaml')?.includes('1 replicas-too-low'), r.stdout);
});

test("a chart helm cannot render: one error on the template line, with helm's reason", async () => {
  const r = await kubewise(['lint', 'helm/broken', '--helm', helmPath()], { cwd: dir });
  assert.equal(r.code, 1);
  const lines = findingLines(r.stdout);
  assert.equal(lines.length, 1, r.stdout);
  assert.match(
    lines[0],
    /^helm\/broken\/templates\/configmap\.yaml:6:1 error helm template failed: .*mode is required.* \[render-failed\]$/,
  );
});

test('without helm: exit 2, one message that names the --helm flag; templates listed as skipped', async () => {
  const r = await kubewise(['lint', 'helm/webapp', '--verbose'], { cwd: dir, env: { PATH: join(dir, 'no-such-bin') } });
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /helm was not found on PATH: install helm \(https:\/\/helm\.sh\/docs\/intro\/install\/\) or name it with --helm <path>/,
  );
  assert.equal(r.stderr.match(/helm was not found/g)?.length, 1);
  assert.match(r.stdout, /helm\/webapp\/templates\/deployment\.yaml: skipped \(Helm template\)/);
});

test('kubewise lint <overlays and base>: each overlay built once, the shared base blamed once per cause', async () => {
  const r = await kubewise(['lint', 'kustomize', '--kubectl', kubectlPath()], { cwd: dir });
  const lines = findingLines(r.stdout);
  assert.ok(
    lines.some((l) => l.startsWith('kustomize/overlays/prod/privileged.yaml:12:13 error ')),
    r.stdout,
  );
  assert.ok(
    lines.some((l) => l.startsWith('kustomize/overlays/prod/replicas.yaml:3:3 warning ')),
    r.stdout,
  );
  // both overlays reach the base's pod spec: one finding per rule there, not two
  assert.equal(
    lines.filter((l) => l.startsWith('kustomize/base/deployment.yaml:17:7 ') && l.endsWith('[automount-sa-token]'))
      .length,
    1,
  );
  // the dev overlay fixes the requests, prod does not: reported once, on the base
  assert.equal(lines.filter((l) => l.endsWith('[cpu-request-missing]')).length, 1);
  // the dev patch is not linted as an object of its own (it sets what it sets; its annotation ignores the rest)
  assert.deepEqual(
    lines.filter((l) => l.includes('overlays/dev/')),
    [],
  );
});

test('--fix on a chart and overlays: mapped fixes written to values, templates, patches and bases; helm still renders', async () => {
  const work = mkdtempSync(join(tmpdir(), 'kubewise-render-fix-'));
  try {
    cpSync(RENDER_FIXTURES, work, { recursive: true });
    mkdirSync(join(work, '.git'));
    // (the staging overlay's patches are inline in its kustomization: they get no fix)
    const paths = ['helm/webapp', 'kustomize/base', 'kustomize/overlays/dev', 'kustomize/overlays/prod'];
    // the mapped fixes are resources and hardening: unsafe ones, applied only with --unsafe-fixes
    const fixed = await kubewise(['lint', '--fix', '--unsafe-fixes', ...paths], { cwd: work, env: withTools });
    // (the sidecar's fixes go into the helper that defines it, _helpers.tpl)
    assert.match(fixed.stdout, /^Fixed \d+ problems in 6 files\.$/m, fixed.stdout);
    // values.yaml keeps its flow style; each value the fix could not know carries a TODO
    const values = parse(readFileSync(join(work, 'helm/webapp/values.yaml'), 'utf8')) as { resources: unknown };
    assert.deepEqual(values.resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });
    assert.match(
      readFileSync(join(work, 'helm/webapp/values.yaml'), 'utf8'),
      /^resources: \{requests: \{cpu: 100m, memory: 128Mi # TODO$/m,
    );
    const after = await kubewise(['lint', ...paths, '-f', 'json'], { cwd: work, env: withTools });
    const ids = (
      JSON.parse(after.stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string }> }> }
    ).files.flatMap((f) => f.diagnostics.map((d) => d.ruleId));
    for (const gone of ['cpu-request-missing', 'memory-request-missing', 'privileged-container', 'render-failed'])
      assert.ok(!ids.includes(gone), `${gone} after --fix: ${ids.join(', ')}`);
    assert.equal(after.code, 0, after.stdout);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('files named on their own (a pre-commit hook): their chart or overlay is rendered, only they are reported', async () => {
  const r = await kubewise(['lint', 'helm/webapp/values.yaml', 'kustomize/overlays/prod/privileged.yaml'], {
    cwd: dir,
    env: withTools,
  });
  const files = [...new Set(findingLines(r.stdout).map((l) => l.split(':')[0]))];
  assert.deepEqual(files, ['helm/webapp/values.yaml', 'kustomize/overlays/prod/privileged.yaml'], r.stdout);
  assert.ok(
    findingLines(r.stdout).some((l) => l.startsWith('helm/webapp/values.yaml:13:3 error ')),
    r.stdout,
  );
  assert.ok(findingLines(r.stdout).some((l) => l.startsWith('kustomize/overlays/prod/privileged.yaml:12:13 error ')));
});

const CHART = 'apiVersion: v2\nname: shop\nversion: 0.1.0\n';
const CONFIGMAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\ndata:\n  mode: {{ .Values.mode | quote }}\n';

test('a values file helm cannot parse: the error on the line helm names, in that file, not on Chart.yaml', async () => {
  const ws = workspace({
    'shop/Chart.yaml': CHART,
    'shop/templates/configmap.yaml': CONFIGMAP,
    'shop/values.yaml': 'mode: fast\nreplicas: 2\nimage:\n  tag: [1.0\nother: x\n',
    'prod.yaml': 'mode: slow\nx: 1\n  bad: : x\n',
  });
  try {
    const own = findingLines((await kubewise(['lint', 'shop', '--helm', helmPath()], { cwd: ws.dir })).stdout);
    assert.equal(own.length, 1, own.join('\n'));
    assert.match(own[0], /^shop\/values\.yaml:4:1 error helm template failed: .*yaml: line 4: .*\[render-failed\]$/);
    writeFileSync(join(ws.dir, 'shop', 'values.yaml'), 'mode: fast\n');
    const r = await kubewise(['lint', 'shop', '--values', 'prod.yaml', '--helm', helmPath()], { cwd: ws.dir });
    const given = findingLines(r.stdout);
    assert.equal(given.length, 1, r.stdout + r.stderr);
    assert.match(given[0], /^prod\.yaml:3:1 error helm template failed: .*yaml: line 3: .*\[render-failed\]$/);
  } finally {
    ws.cleanup();
  }
});

const DEPLOYMENT = (name: string, image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;

test('a kustomize error printed after its deprecation warnings: the message keeps the cause, not the warnings', async () => {
  const ws = workspace({
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': DEPLOYMENT('web', 'nginx:1.27'),
    // `bases:` and `patchesStrategicMerge:` make kubectl print two warning lines before the error
    'overlay/kustomization.yaml': 'bases:\n  - ../base\npatchesStrategicMerge:\n  - patch.yaml\n',
    'overlay/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: wbe\nspec:\n  replicas: 2\n',
  });
  try {
    const r = await kubewise(['lint', 'overlay', '--kubectl', kubectlPath(), '--only', 'cpu-request-missing'], {
      cwd: ws.dir,
    });
    const lines = findingLines(r.stdout);
    assert.equal(lines.length, 1, r.stdout + r.stderr);
    assert.match(
      lines[0],
      /^overlay\/kustomization\.yaml:1:1 error kustomize build failed: no matches for Id Deployment\.v1\.apps\/wbe.*failed to find unique target for patch.*\[render-failed\]$/,
    );
    assert.doesNotMatch(lines[0], /Warning|deprecated/);
  } finally {
    ws.cleanup();
  }
});

test('a Kustomize Component is built only through the kustomization that lists it; one that none lists is not built', async () => {
  const component = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n';
  const ws = workspace({
    'app/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\ncomponents:\n  - ../components/replicas\n',
    'app/deployment.yaml': DEPLOYMENT('web', 'nginx:1.27'),
    'components/replicas/kustomization.yaml': `${component}patches:\n  - path: replicas.yaml\n`,
    'components/replicas/replicas.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
    // listed by no kustomization: its patch names a Deployment only the app defines
    'components/cache/kustomization.yaml': `${component}resources:\n  - redis.yaml\npatches:\n  - path: env.yaml\n`,
    'components/cache/redis.yaml': DEPLOYMENT('redis', 'redis:7.2'),
    'components/cache/env.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: CACHE\n              value: redis:6379\n',
  });
  try {
    const r = await kubewise(['lint', '.', '--kubectl', kubectlPath(), '--only', 'pdb-missing,cpu-request-missing'], {
      cwd: ws.dir,
    });
    assert.deepEqual(
      findingLines(r.stdout)
        .map((l) => l.replace(/ (error|warning|info) .*\[/, ' ['))
        .sort(),
      [
        // the app is built with its Component: the patch's 3 replicas make a PodDisruptionBudget worth having
        'app/deployment.yaml:15:11 [cpu-request-missing]',
        'app/deployment.yaml:4:3 [pdb-missing]',
        // the unlisted Component's resource is linted as a file; its patch (a fragment) is not; nothing fails to build
        'components/cache/redis.yaml:15:11 [cpu-request-missing]',
      ],
    );
    assert.match(r.stdout, /it runs 3 replicas/);
  } finally {
    ws.cleanup();
  }
});

test('plain files linted while overlays build: with kubectl missing, the overlay files join them as one workspace', async () => {
  // The plain files are linted while kubectl builds the overlays; when it cannot run, the overlay's files are linted
  // one by one, and the plain files again with them: the HPA finds its target in the overlay's folder.
  const hpa =
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 4\n';
  const ws = workspace({
    'hpa.yaml': hpa,
    'orphan.yaml': hpa.replace(/name: web/g, 'name: api'),
    'app/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'app/deployment.yaml': DEPLOYMENT('web', 'nginx:1.27'),
  });
  try {
    const only = ['--only', 'hpa-target-missing,cpu-request-missing'];
    // on this thread (which lints while the overlay would build), and on two (after it)
    for (const jobs of ['1', '2']) {
      const env = { PATH: join(ws.dir, 'no-such-bin') };
      const r = await kubewise(['lint', '.', ...only, '--jobs', jobs], { cwd: ws.dir, env });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /Neither kubectl nor kustomize was found on PATH/);
      assert.deepEqual(
        findingLines(r.stdout).map((l) => l.replace(/ (error|warning|info) .*\[/, ' [')),
        ['app/deployment.yaml:15:11 [cpu-request-missing]', 'orphan.yaml:9:11 [hpa-target-missing]'],
        `--jobs ${jobs}`,
      );
    }
  } finally {
    ws.cleanup();
  }
});

/** An autoscaling/v2 HPA named `name` scaling Deployment `target`. */
const HPA = (name: string, target = name): string =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${target}\n  minReplicas: 2\n  maxReplicas: 4\n`;

/** `kubewise lint . --only hpa-target-missing,replicas-too-low` with helm and kubectl, on one thread and two. */
async function hpaFindings(files: Record<string, string>, expected: string[]): Promise<void> {
  const ws = workspace(files);
  try {
    for (const jobs of ['1', '2']) {
      const args = ['lint', '.', '--only', 'hpa-target-missing,replicas-too-low', '--jobs', jobs];
      const r = await kubewise(args, { cwd: ws.dir, env: withTools });
      assert.equal(r.code, 0, r.stderr);
      const found = findingLines(r.stdout).map((l) => l.replace(/ (error|warning|info) .*\[/, ' ['));
      assert.deepEqual(found, expected, `--jobs ${jobs}`);
    }
  } finally {
    ws.cleanup();
  }
}

test('plain files and the overlays built beside them see each other: an HPA beside a base, or above it', async () => {
  // Before, with kubectl on PATH, each side was linted without the other's objects: the plain HPA's target was
  // "missing" and the built Deployment "scaled by no HPA". The editor indexes both sides together; so does the CLI.
  await hpaFindings(
    {
      // above the overlay app/: seen by it, as a file in a collection folder is seen by every unit below it
      'hpa.yaml': HPA('web'),
      'orphan.yaml': HPA('gone'),
      'app/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'app/deployment.yaml': DEPLOYMENT('web', 'nginx:1.27'),
      // beside the base, not listed in it (applied on its own)
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/deployment.yaml': DEPLOYMENT('api', 'nginx:1.27'),
      'base/hpa.yaml': HPA('api'),
      // a Deployment no HPA scales: still found
      'lone/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'lone/deployment.yaml': DEPLOYMENT('lone', 'nginx:1.27'),
    },
    ['orphan.yaml:9:11 [hpa-target-missing]', 'lone/deployment.yaml:5:1 [replicas-too-low]'],
  );
});

test('--fix --unsafe-fixes sees the same: no replicas written into a base whose Deployment an HPA beside it scales', async () => {
  const deployment = DEPLOYMENT('api', 'nginx:1.27');
  const ws = workspace({
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': deployment,
    'base/hpa.yaml': HPA('api'),
    'lone/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'lone/deployment.yaml': DEPLOYMENT('lone', 'nginx:1.27'),
  });
  try {
    const args = ['lint', '.', '--fix', '--unsafe-fixes', '--only', 'replicas-too-low'];
    const r = await kubewise(args, { cwd: ws.dir, env: withTools });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(ws.dir, 'base/deployment.yaml'), 'utf8'), deployment);
    // the one no HPA scales gets its replicas (what the fix is for)
    assert.match(readFileSync(join(ws.dir, 'lone/deployment.yaml'), 'utf8'), /^ {2}replicas: 2$/m);
  } finally {
    ws.cleanup();
  }
});

test('a plain HPA above a chart scales the Deployment helm renders from it, and finds it', async () => {
  // the plain file is linted after helm has rendered the chart: the objects exist only then
  await hpaFindings(
    {
      'hpa.yaml': HPA('web', 'release-name-web'),
      'orphan.yaml': HPA('gone'),
      'web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'web/templates/deployment.yaml': DEPLOYMENT('{{ .Release.Name }}-web', 'nginx:1.27'),
    },
    ['orphan.yaml:9:11 [hpa-target-missing]'],
  );
});

test('findsTool: a name on PATH, a path to a file; not a missing name, a folder or a missing path', () => {
  const ws = workspace({ 'bin/fake-kubectl': '#!/bin/sh\n', 'bin/sub/.keep': '' });
  try {
    const env = { PATH: [join(ws.dir, 'nothing-here'), join(ws.dir, 'bin')].join(delimiter) };
    assert.equal(findsTool('fake-kubectl', env, ws.dir), true);
    assert.equal(findsTool('kubectl-that-is-not-there', env, ws.dir), false);
    assert.equal(findsTool('sub', env, ws.dir), false);
    assert.equal(findsTool(join(ws.dir, 'bin', 'fake-kubectl'), {}, '/'), true);
    assert.equal(findsTool(join('bin', 'fake-kubectl'), {}, ws.dir), true);
    assert.equal(findsTool(join('bin', 'missing'), env, ws.dir), false);
    assert.equal(findsTool('fake-kubectl', {}, ws.dir), false);
  } finally {
    ws.cleanup();
  }
});
