/**
 * `npm run examples` is the README's first command: it must show findings (the Helm chart rendered when helm is
 * installed, skipped with one message when not), and exit 0.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { kubeToolsDir } from '../support/kube-tools';
import { findingLines, kubewise, ROOT, summaryLine } from './helpers';

/** The CLI arguments of an npm script `… && node server/out/cli.js <args>`. */
function scriptArgs(name: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const command = scripts[name].trim().split(/\s+/);
  // scripts/examples.sh provisions helm and kubectl, builds, and runs `kubewise lint <args>` with them on PATH
  assert.deepEqual(command.slice(0, 2), ['bash', 'scripts/examples.sh'], `${name} runs scripts/examples.sh`);
  return ['lint', ...command.slice(2)];
}

test('npm run examples: findings, no errors, the Helm chart rendered, broken/ left out, exit 0', async () => {
  // helm on PATH (the real helm 4 of scripts/setup-kube-tools.sh)
  const r = await kubewise(scriptArgs('examples'), {
    cwd: ROOT,
    env: { PATH: `${kubeToolsDir()}${delimiter}${process.env.PATH}` },
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stderr, '');
  assert.ok(findingLines(r.stdout).length > 0, 'the examples show some findings');
  assert.ok(
    findingLines(r.stdout).some((l) => l.startsWith('examples/chart/templates/deployment.yaml:19:11 ')),
    'the chart is rendered and its findings land on its template',
  );
  assert.match(summaryLine(r.stdout), /^\d+ problems \(0 errors, /);
  assert.match(r.stdout, /^1 path ignored/m);
  assert.ok(!r.stdout.includes('examples/broken'));
});

test("the examples' lint without helm: exit 2, the chart's template skipped, with one message that says why", async () => {
  const r = await kubewise(scriptArgs('examples'), { cwd: ROOT, env: { PATH: join(ROOT, 'no-such-bin') } });
  // a chart that cannot be rendered is not "0 problems": exit 2, and the hint names the CLI's flag
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /^kubewise: helm was not found on PATH: install helm .* or name it with --helm <path>\./);
  assert.match(r.stdout, /1 file skipped \(Helm template\); 1 path ignored/);
});

test('npm run examples:broken: the deliberate resource errors, exit 1', async () => {
  const r = await kubewise(scriptArgs('examples:broken'), { cwd: ROOT });
  assert.equal(r.code, 1);
  const rules = findingLines(r.stdout).map((l) => /\[([a-z0-9-]+)\]$/.exec(l)![1]);
  for (const id of [
    'request-exceeds-limit',
    'quantity-invalid',
    'quantity-suspicious',
    'cpu-request-missing',
    'memory-request-missing',
  ]) {
    assert.ok(rules.includes(id), `broken/ shows ${id}`);
  }
});
