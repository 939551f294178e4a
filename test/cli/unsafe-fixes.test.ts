/**
 * `--fix` applies safe fixes only; `--fix --unsafe-fixes` applies both. Checked on the repository's
 * examples/ and on a real-world-like app (test/fixtures/apps/boutique: a public frontend, a single-instance cache on
 * an emptyDir, a root log shipper on the host network): a plain `--fix` adds no object and changes nothing that
 * runs, only what the API server would reject or misread.
 */
import { strict as assert } from 'node:assert';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DEPLOY, kubewise, ROOT, summaryLine, workspace } from './helpers';

const APP = join(ROOT, 'test', 'fixtures', 'apps', 'boutique');

function yamlFiles(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === '.git'
        ? []
        : yamlFiles(dir, join(rel, e.name))
      : /\.ya?ml$/.test(e.name)
        ? [join(rel, e.name)]
        : [],
  );
}

/** Every document of every YAML file, as plain data (what the API server would get). */
function objects(dir: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const f of yamlFiles(dir)) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (text.includes('{{')) continue; // Helm templates are not linted
    out.set(
      f,
      parseAllDocuments(text).map((d) => ('toJS' in d ? d.toJS() : null)),
    );
  }
  return out;
}

describe('--unsafe-fixes', () => {
  test('needs --fix', async () => {
    const r = await kubewise(['lint', '--unsafe-fixes', '.'], { cwd: ROOT });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /'--unsafe-fixes' needs '--fix'/);
  });

  test('a plain --fix on examples/ changes no file', async () => {
    const ws = workspace({});
    try {
      cpSync(join(ROOT, 'examples'), join(ws.dir, 'examples'), { recursive: true });
      const before = objects(join(ws.dir, 'examples'));
      const r = await kubewise(['lint', '--fix', 'examples', '--ignore', 'examples/broken'], { cwd: ws.dir });
      assert.doesNotMatch(r.stdout, /^Fixed/m);
      assert.match(
        summaryLine(r.stdout),
        /\d+ unsafe fix(es)? left \(they change what runs: --fix --unsafe-fixes applies them\)/,
      );
      assert.deepEqual(objects(join(ws.dir, 'examples')), before);
    } finally {
      ws.cleanup();
    }
  });

  test('a plain --fix on a real-world-like app adds no object and changes only what the API server rejects', async () => {
    const ws = workspace({});
    try {
      cpSync(APP, join(ws.dir, 'app'), { recursive: true });
      const before = objects(join(ws.dir, 'app'));
      const r = await kubewise(['lint', '--fix', 'app'], { cwd: ws.dir });
      assert.match(r.stdout, /^Fixed 3 problems in 3 files\.$/m);
      const after = objects(join(ws.dir, 'app'));
      assert.deepEqual([...after.keys()], [...before.keys()]);
      for (const [f, docs] of before) assert.equal(after.get(f)!.length, docs.length, `${f}: no document added`);
      // exactly the three safe fixes: an enum's case, a capability's case, a schema-identical apiVersion move
      const expected = structuredClone(before);
      const [redis] = expected.get('redis.yaml')! as Array<{ apiVersion: string }>;
      redis.apiVersion = 'apps/v1';
      const [shipper] = expected.get('log-shipper.yaml')! as Array<{
        spec: { template: { spec: { restartPolicy: string } } };
      }>;
      shipper.spec.template.spec.restartPolicy = 'Always';
      const [frontend] = expected.get('frontend.yaml')! as Array<{
        spec: { template: { spec: { containers: Array<{ securityContext: { capabilities: { drop: string[] } } }> } } };
      }>;
      frontend.spec.template.spec.containers[0].securityContext.capabilities.drop = ['ALL'];
      assert.deepEqual(after, expected);
      const text = readFileSync(join(ws.dir, 'app', 'log-shipper.yaml'), 'utf8');
      assert.match(text, /hostNetwork: true\n {6}hostPID: true\n/, 'the node agent keeps its host access');
      assert.match(text, /runAsUser: 0\n/, 'the log shipper stays root');

      // With --unsafe-fixes the hardening and the new objects come: that is what the flag is for.
      const u = await kubewise(['lint', '--fix', '--unsafe-fixes', 'app'], { cwd: ws.dir });
      assert.match(u.stdout, /^Fixed \d+ problems in 3 files\.$/m);
      assert.match(readFileSync(join(ws.dir, 'app', 'frontend.yaml'), 'utf8'), /kind: NetworkPolicy/);
    } finally {
      ws.cleanup();
    }
  });

  test('JSON gives each diagnostic "fix": "safe" | "unsafe" | null and keeps fixable', async () => {
    const out = JSON.parse(
      (await kubewise(['lint', '-f', 'json', '--profile', 'strict', '.'], { cwd: APP })).stdout,
    ) as {
      files: Array<{ diagnostics: Array<{ ruleId: string; fixable: boolean; fix: string | null }> }>;
      summary: { fixable: number; unsafeFixable: number };
    };
    const all = out.files.flatMap((f) => f.diagnostics);
    const kind = (id: string): Set<string | null> => new Set(all.filter((d) => d.ruleId === id).map((d) => d.fix));
    assert.deepEqual(kind('schema-violation'), new Set(['safe']));
    assert.deepEqual(kind('networkpolicy-missing'), new Set(['unsafe']));
    assert.deepEqual(kind('service-type-exposed'), new Set([null]));
    assert.ok(all.every((d) => d.fixable === (d.fix !== null)));
    assert.equal(out.summary.fixable, all.filter((d) => d.fix === 'safe').length);
    assert.equal(out.summary.unsafeFixable, all.filter((d) => d.fix === 'unsafe').length);
  });

  test('the text summary says how many unsafe fixes --fix left, and names the flag', async () => {
    const ws = workspace({ 'deploy.yaml': DEPLOY });
    try {
      const r = await kubewise(['lint', '--fix', '--only', 'cpu-request-missing', '.'], { cwd: ws.dir });
      assert.equal(readFileSync(join(ws.dir, 'deploy.yaml'), 'utf8'), DEPLOY, 'a resource request is an unsafe fix');
      assert.equal(
        summaryLine(r.stdout),
        '1 problem (0 errors, 1 warning, 0 info) in 1 file, 1 unsafe fix left (they change what runs: --fix --unsafe-fixes applies them)',
      );
    } finally {
      ws.cleanup();
    }
  });
});
