/**
 * Every multi-file fixture under test/fixtures/workspace/ gives the same findings through the CLI
 * (`kubewise lint --format json <folder>`) and through the language server (the folder opened as a workspace, each
 * file opened in an editor): the same files, rules, positions and severities.
 *
 * One server serves every fixture, as an editor whose workspace folder is swapped: the first fixture is the folder it
 * starts with, each next one replaces the previous folder, so a fixture's objects leaving the index is checked too
 * (a leftover object would change the next fixture's findings).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { fileUri, LspClient, repoRoot } from '../support/lsp-client';
import { kubewise } from '../cli/helpers';

const ROOT = join(repoRoot(), 'test', 'fixtures', 'workspace');

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

async function cliFindings(folder: string): Promise<string[]> {
  const r = await kubewise(['lint', '--format', 'json', '--profile', 'strict', '.'], { cwd: folder });
  assert.ok(r.code === 0 || r.code === 1, `cli exit ${r.code}: ${r.stderr}`);
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

let server: { client: LspClient; folder: string } | undefined;
after(() => server?.client.kill());

/** The shared server with `folder` as its only workspace folder, indexed. */
async function serverFor(folder: string): Promise<LspClient> {
  const logged = server?.client.logs.length ?? 0;
  if (server === undefined) {
    server = {
      client: await LspClient.start({ workspaceFolders: [folder], settings: () => ({ profile: 'strict' }) }),
      folder,
    };
  } else {
    await server.client.workspaceFoldersChanged([folder], [server.folder]);
    server.folder = folder;
  }
  const { client } = server;
  await client.waitFor('the workspace index', () =>
    client.logs.slice(logged).find((l) => /Indexed \d+ files/.test(l.message)),
  );
  return client;
}

async function lspFindings(folder: string): Promise<string[]> {
  const client = await serverFor(folder);
  const out: string[] = [];
  const opened: string[] = [];
  try {
    for (const path of yamlFiles(folder)) {
      const uri = fileUri(path);
      const mark = client.mark();
      await client.open(uri, readFileSync(path, 'utf8'));
      opened.push(uri);
      for (const d of await client.diagnostics(uri, mark)) {
        out.push(
          `${rel(folder, fileURLToPath(uri))}:${d.range.start.line}:${d.range.start.character} ${SEVERITY[d.severity ?? 1]} ${d.code}`,
        );
      }
    }
  } finally {
    for (const uri of opened) await client.close(uri);
  }
  return out.sort();
}

describe('workspace fixtures: the CLI and the language server agree', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, async () => {
      const folder = join(ROOT, name);
      const cli = await cliFindings(folder);
      assert.ok(
        cli.some((f) => f.endsWith(` ${name}`)),
        `the fixture makes ${name} fire through the CLI`,
      );
      assert.deepEqual(await lspFindings(folder), cli);
    });
  }
});
