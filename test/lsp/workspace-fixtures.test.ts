/**
 * Every multi-file fixture under test/fixtures/workspace/ gives the same findings through the CLI
 * (`kubewise lint --format json <folder>`) and through the language server (the folder opened as a workspace, each
 * file opened in an editor): the same files, rules, positions and severities.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { fileUri, LspClient, repoRoot } from '../support/lsp-client';

const ROOT = join(repoRoot(), 'test', 'fixtures', 'workspace');
const CLI = join(repoRoot(), 'server', 'out', 'cli.js');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };
const rel = (folder: string, path: string): string => relative(folder, path).split(sep).join('/');

function cliFindings(folder: string): string[] {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--profile', 'strict', '.'], {
    cwd: folder,
    encoding: 'utf8',
  });
  assert.ok(r.status === 0 || r.status === 1, `cli exit ${r.status}: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as {
    files: Array<{
      path: string;
      diagnostics: Array<{ ruleId: string; severity: string; range: { start: { line: number; character: number } } }>;
    }>;
  };
  return json.files
    .flatMap((f) =>
      f.diagnostics.map(
        (d) =>
          `${f.path.replace(/^\.\//, '')}:${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.ruleId}`,
      ),
    )
    .sort();
}

async function lspFindings(folder: string): Promise<string[]> {
  const client = await LspClient.start({ workspaceFolders: [folder], settings: () => ({ profile: 'strict' }) });
  try {
    await client.waitFor('the workspace index', () => client.logs.find((l) => /Indexed \d+ files/.test(l.message)));
    const out: string[] = [];
    for (const path of yamlFiles(folder)) {
      const uri = fileUri(path);
      const mark = client.mark();
      await client.open(uri, readFileSync(path, 'utf8'));
      for (const d of await client.diagnostics(uri, mark)) {
        out.push(
          `${rel(folder, fileURLToPath(uri))}:${d.range.start.line}:${d.range.start.character} ${SEVERITY[d.severity ?? 1]} ${d.code}`,
        );
      }
    }
    return out.sort();
  } finally {
    await client.kill();
  }
}

describe('workspace fixtures: the CLI and the language server agree', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, async () => {
      const folder = join(ROOT, name);
      const cli = cliFindings(folder);
      assert.ok(
        cli.some((f) => f.endsWith(` ${name}`)),
        `the fixture makes ${name} fire through the CLI`,
      );
      assert.deepEqual(await lspFindings(folder), cli);
    });
  }
});
