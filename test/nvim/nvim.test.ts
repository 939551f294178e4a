/**
 * Another editor: headless Neovim's built-in LSP client starts `node server/out/server.js --stdio` on a manifest
 * (test/nvim/init.lua), receives the diagnostics, asks for completion and hover, asks for code actions and applies
 * the quick fix.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertBuilt, removeDir, tempDir } from '../extension/harness';
import { repoRoot } from '../support/paths';

interface NvimDiagnostic {
  code: string;
  source: string;
  message: string;
  messageId?: string;
  severity: number;
  line: number;
}
interface NvimResults {
  ok: boolean;
  error?: string;
  diagnostics?: NvimDiagnostic[];
  actions?: string[];
  text?: string;
  fixed?: boolean;
  after?: NvimDiagnostic[];
  completion?: Array<{ label: string; detail?: string; newText?: string }>;
  hover?: string;
}

test('Neovim gets diagnostics, completion, hover and a working quick fix', { timeout: 120_000 }, () => {
  assertBuilt();
  const work = tempDir('nvim');
  try {
    const file = join(work, 'web.yaml');
    cpSync(join(repoRoot, 'test', 'nvim', 'fixtures', 'web.yaml'), file);
    const results = join(work, 'results.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', join(repoRoot, 'test', 'nvim', 'init.lua')], {
      cwd: work,
      encoding: 'utf8',
      timeout: 100_000,
      env: {
        ...process.env,
        KUBEWISE_SERVER: join(repoRoot, 'server', 'out', 'server.js'),
        KUBEWISE_NVIM_FILE: file,
        KUBEWISE_NVIM_RESULTS: results,
        XDG_STATE_HOME: join(work, 'state'),
        XDG_DATA_HOME: join(work, 'data'),
        XDG_CACHE_HOME: join(work, 'cache'),
      },
    });
    assert.ok(
      r.error === undefined,
      `nvim could not run (is neovim installed? scripts/setup-vscode.sh): ${r.error?.message}`,
    );
    assert.ok(existsSync(results), `nvim wrote no results (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    const res = JSON.parse(readFileSync(results, 'utf8')) as NvimResults;
    assert.ok(res.ok, `the Lua script failed: ${res.error}`);
    const cpu = res.diagnostics!.find((d) => d.code === 'cpu-request-missing');
    assert.ok(cpu, 'cpu-request-missing arrived');
    assert.equal(cpu.source, 'kubewise');
    assert.equal(cpu.severity, 2, 'a warning (vim.diagnostic.severity.WARN)');
    assert.equal(cpu.messageId, 'noCpuRequest', 'the message id arrives in the data Neovim keeps');
    assert.ok(cpu.message.length > 0, 'with the text Neovim shows');
    // completion of `ima|ge` in the container: the keys it does not have yet (the word being replaced is offered)
    const labels = res.completion!.map((c) => c.label);
    assert.ok(!labels.includes('name') && !labels.includes('resources'), `present keys left out: ${labels.join(', ')}`);
    assert.deepEqual(
      res.completion!.find((c) => c.label === 'imagePullPolicy'),
      { label: 'imagePullPolicy', detail: 'string', newText: 'imagePullPolicy' },
    );
    assert.equal(res.hover, '`128Mi` = 134,217,728 bytes');
    assert.ok(
      res.actions!.some((t) => /requests\.cpu/.test(t)),
      `the fix among ${res.actions!.join(' | ')}`,
    );
    assert.ok(res.actions!.some((t) => /Ignore cpu-request-missing on this line/.test(t)));
    assert.match(res.text!, /requests:\n\s+memory: 128Mi\n\s+cpu: 100m/);
    assert.equal(res.fixed, true, 'the diagnostic went away after the fix');
    assert.ok(!res.after!.some((d) => d.code === 'cpu-request-missing'));
  } finally {
    removeDir(work);
  }
});
