/**
 * Fixes on charts land where the template writes what they change, inside the block they belong to, once: after
 * `--fix --unsafe-fixes` (the CLI's fix passes), the chart of test/fixtures/render/helm/shapes (includes, `if`,
 * `with`, `range`, the one-line `resources: {{ toYaml … }}`) renders again with the real helm, without the findings
 * that were fixed and without new ones, also with the values that switch its optional blocks off.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixRenderRoots } from '../../../server/src/cli/render-fix';
import type { LintDiagnostic } from '../../../server/src/engine';
import { applyEdits } from '../../../server/src/engine';
import { lintChart } from '../../../server/src/render/helm/lint-chart';
import type { RenderOptions } from '../../../server/src/render/host';
import { host, placed, RENDER_FIXTURES, ruleSet, tools } from '../../support/render';

const SHAPES = `${RENDER_FIXTURES}/helm/shapes`;

/** A copy of the shapes chart in a temporary folder, removed after `body`. */
async function withCopy(body: (chart: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-helm-shapes-')).replace(/\\/g, '/');
  try {
    cpSync(SHAPES, `${dir}/shapes`, { recursive: true });
    await body(`${dir}/shapes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each finding as `rule: message` (positions move when a fix adds lines above them; what is found does not). */
async function findings(chart: string, extra: RenderOptions = {}): Promise<{ all: string[]; fixable: string[] }> {
  const r = await lintChart(host, chart, ruleSet(), tools(extra));
  assert.equal(r.error, undefined, r.error?.message);
  const list: LintDiagnostic[] = [...r.files.values()].flat();
  const key = (d: LintDiagnostic): string => `${d.ruleId}: ${d.message}`;
  return {
    all: list.map(key).sort(),
    fixable: list
      .filter((d) => d.fix)
      .map(key)
      .sort(),
  };
}

/** The CLI's fix passes; none of the fixes may need rolling back (each renders without new errors as written). */
async function fixAll(chart: string): Promise<void> {
  const roots = { charts: [chart], overlays: [], covered: () => true };
  const r = await fixRenderRoots(roots, host, ruleSet(), tools(), (file, text) => writeFileSync(file, text), true);
  assert.deepEqual(
    r.notFixed.map((n) => `${n.ruleId} ${n.file}: ${n.reason}`),
    [],
  );
  assert.ok(r.fixed.size > 0);
}

// The values that switch every optional block of the chart off: the sidecar, both securityContexts, resources.
const OFF = {
  set: ['sidecar.enabled=false', 'podSecurityContext.enabled=false', 'containerSecurityContext.enabled=false'],
};

test('--fix --unsafe-fixes on every shape: the chart renders again, the fixed findings are gone, none is new', async () => {
  await withCopy(async (chart) => {
    const before = await findings(chart);
    assert.ok(before.fixable.length > 30, before.fixable.join('\n'));
    await fixAll(chart);
    const after = await findings(chart);
    const kept = before.fixable.filter((f) => after.all.includes(f));
    assert.deepEqual(kept, [], 'fixed findings still reported');
    const added = after.all.filter((f) => !before.all.includes(f));
    assert.deepEqual(added, [], 'new findings after the fixes');
    // With the optional blocks off, the fixed chart still renders, and a fix that did not belong to a block
    // (the pod's automountServiceAccountToken, after the optional sidecar) is still there.
    const off = await findings(chart, OFF);
    assert.ok(!off.all.some((f) => f.startsWith('automount-sa-token:')), off.all.join('\n'));
    // With the sidecar's resources set (the block helm skipped while they were empty), the key is written once.
    // With the helper's optional volumes set, its list still ends where the template fixes left it.
    const on = await findings(chart, { set: ['sidecar.resources.limits.cpu=1', 'agent.extraVolumes[0].name=cache'] });
    assert.ok(!on.all.some((f) => /^(cpu|memory)-.*"sidecar"/.test(f)), on.all.join('\n'));
  });
});

test("a new pod key after an optional container goes after the container's `{{- end }}`, once", async () => {
  await withCopy(async (chart) => {
    const r = await lintChart(host, chart, ruleSet(), tools());
    const template = `${chart}/templates/if.yaml`;
    const d = r.files.get(template)!.find((x) => x.ruleId === 'automount-sa-token')!;
    assert.ok(d.fix);
    const text = readFileSync(template, 'utf8');
    assert.equal(
      applyEdits(text, d.fix.edits),
      text.replace(
        '          {{- end }}\n        {{- end }}\n',
        '          {{- end }}\n        {{- end }}\n      automountServiceAccountToken: false\n',
      ),
    );
  });
});

test('findings of every copy of a `range` land on its lines; a helper whose output starts blank, on its include', async () => {
  const r = await lintChart(host, SHAPES, ruleSet(), tools());
  assert.equal(r.error, undefined);
  const lines = placed(r.files);
  // `- name: {{ .name }}` is line 17 of range.yaml: both workers' containers are reported there
  const mailer = r.files
    .get(`${SHAPES}/templates/range.yaml`)!
    .filter((d) => d.message.startsWith('Container "mailer"'))
    .map((d) => d.range.start.line + 1);
  assert.ok(mailer.length > 0);
  assert.deepEqual([...new Set(mailer)], [17]);
  // nothing is placed on a template's first line for want of a better place
  assert.deepEqual(
    lines.filter((l) => /templates\/[\w.]+:1:1 /.test(l)),
    [],
  );
});

test('`resources: {{ toYaml .Values.resources | nindent 12 }}` and `toYaml .` in `with`: findings and fixes in values.yaml', async () => {
  const r = await lintChart(host, SHAPES, ruleSet(), tools());
  const values = r.files.get(`${SHAPES}/values.yaml`) ?? [];
  for (const template of ['oneline.yaml', 'with.yaml', 'if.yaml']) {
    const cpu = values.find((d) => d.ruleId === 'cpu-request-missing' && d.message.endsWith(`templates/${template})`));
    assert.ok(cpu, `${template}: ${values.map((d) => d.message).join('\n')}`);
    // `resources:` is line 14 of values.yaml
    assert.equal(cpu.range.start.line + 1, 14);
    assert.ok(cpu.fix);
    assert.ok(
      cpu.fix.edits.every((e) => e.range.start.line >= 13),
      'the fix edits the values key, not the template',
    );
  }
  const templates = [...r.files.keys()].filter((f) => /templates\/(oneline|with)\.yaml$/.test(f));
  for (const f of templates)
    assert.ok(!r.files.get(f)!.some((d) => d.ruleId.endsWith('-request-missing')), `${f} carries a request finding`);
});

test('a pod spec built in _helpers.tpl: values it reads land on their values keys, the rest on the helper lines', async () => {
  const r = await lintChart(host, SHAPES, ruleSet(), tools());
  const lines = placed(r.files);
  const of = (rule: string, name: string): string[] =>
    lines.filter((l) => l.endsWith(` ${rule}`) && l.startsWith(`helm/shapes/${name}`));
  // `runAsUser: 0` and `logDir: /var/log/agent` under `agent:` in values.yaml (lines 31 and 32)
  assert.deepEqual(of('run-as-user-root', 'values.yaml'), ['helm/shapes/values.yaml:31:3 run-as-user-root']);
  assert.deepEqual(of('host-path-volume', 'values.yaml'), ['helm/shapes/values.yaml:32:3 host-path-volume']);
  // the agent container: `- name: agent` is line 26 of _helpers.tpl
  assert.ok(lines.includes('helm/shapes/templates/_helpers.tpl:26:5 cpu-request-missing'), lines.join('\n'));
  // nothing of the agent lands on its include line
  assert.ok(!lines.some((l) => l.startsWith('helm/shapes/templates/helper-pod.yaml:15:')), lines.join('\n'));
  // the include line goes along, as related information
  const root = r.files.get(`${SHAPES}/values.yaml`)!.find((d) => d.ruleId === 'run-as-user-root')!;
  assert.deepEqual(
    root.related?.map((x) => `${x.file.slice(SHAPES.length + 1)}:${x.range.start.line + 1} ${x.message}`),
    ['templates/helper-pod.yaml:15 included by templates/helper-pod.yaml'],
  );
});

test("a fix inside a helper's output is written into the helper, at the helper's own indentation", async () => {
  const r = await lintChart(host, SHAPES, ruleSet(), tools());
  const helpers = `${SHAPES}/templates/_helpers.tpl`;
  const text = readFileSync(helpers, 'utf8');
  const nonRoot = r.files.get(helpers)!.find((d) => d.ruleId === 'run-as-non-root' && d.message.includes('"app"'))!;
  assert.ok(nonRoot.fix);
  // inside the `{{- if … }}` of shapes.podSecurityContext, under `securityContext:` (column 0 in the helper)
  assert.equal(
    applyEdits(text, nonRoot.fix.edits),
    text.replace(
      '  fsGroup: {{ .Values.podSecurityContext.fsGroup }}\n{{- end }}',
      '  fsGroup: {{ .Values.podSecurityContext.fsGroup }}\n  runAsNonRoot: true\n{{- end }}',
    ),
  );
});

test('a key a helper writes only from values (`with .Values.worker.podSecurityContext`): the fix goes into values', async () => {
  const r = await lintChart(host, SHAPES, ruleSet(), tools());
  const d = [...r.files].flatMap(([file, list]) =>
    list.filter((x) => x.ruleId === 'run-as-non-root' && x.message.includes('"worker"')).map((x) => ({ file, d: x })),
  );
  assert.equal(d.length, 1);
  assert.equal(d[0].file, `${SHAPES}/values.yaml`);
  const text = readFileSync(d[0].file, 'utf8');
  assert.ok(d[0].d.fix);
  assert.equal(
    applyEdits(text, d[0].d.fix.edits),
    text.replace('  podSecurityContext: {}\n', '  podSecurityContext: {runAsNonRoot: true}\n'),
  );
});
