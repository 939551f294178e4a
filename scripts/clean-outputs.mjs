// Deletes compiler outputs whose source is gone. `tsc -b` never deletes anything, so without this a deleted or
// renamed test would keep running from test/out (and a deleted module stay loadable there). The build runs it after
// `tsc -b`. What a project emits is asked of TypeScript itself (`getOutputFileNames` over each project's parsed
// tsconfig), so the rule is the compiler's, not a guess from paths: a file under an outDir that no project would
// write now, with a compiler output extension, is stale.
//   node scripts/clean-outputs.mjs [tsconfig.json …]   (default: the repository's projects)
// Prints one line per deleted file (relative to the current folder); `--dry-run` only prints them.
import { existsSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The repository's projects: the root tsconfig.json and everything it references, plus the extension-host suite,
 * which test/extension/vscode.test.ts compiles on its own (its output sits inside test/out and must not be taken
 * for stale).
 */
export const REPOSITORY_PROJECTS = [join(root, 'tsconfig.json'), join(root, 'test/extension/suite/tsconfig.json')];

const OUTPUT = /\.(js|js\.map|d\.ts|d\.ts\.map|tsbuildinfo)$/;

function parse(configPath) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  return parsed;
}

/** Every project reachable from `configs` through `references`, parsed once each. */
function projects(configs) {
  const seen = new Map();
  const visit = (p) => {
    const path = existsSync(p) && statSync(p).isDirectory() ? join(p, 'tsconfig.json') : p;
    if (seen.has(path)) return;
    const parsed = parse(path);
    seen.set(path, parsed);
    for (const ref of parsed.projectReferences ?? []) visit(ref.path);
  };
  configs.forEach(visit);
  return [...seen.entries()];
}

/**
 * Output files under the projects' outDirs that none of the projects emits from its current sources; also the
 * outDirs walked and the projects that have one.
 */
export function staleOutputs(configs = REPOSITORY_PROJECTS) {
  const expected = new Set();
  const outDirs = new Set();
  const withOutput = [];
  for (const [path, p] of projects(configs)) {
    const outDir = p.options.outDir;
    if (!outDir) continue; // emits nothing (the root's `files: []`) or next to its sources: nothing to clean
    withOutput.push(path);
    outDirs.add(resolve(outDir));
    for (const f of p.fileNames) for (const out of ts.getOutputFileNames(p, f, false)) expected.add(resolve(out));
    const info = ts.getTsBuildInfoEmitOutputFilePath(p.options);
    if (info) expected.add(resolve(info));
  }
  const stale = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (OUTPUT.test(e.name) && !expected.has(p)) stale.push(p);
    }
  };
  // Nested outDirs (the server's inside the tests') are walked once, by the outermost.
  const dirs = [...outDirs].sort();
  for (const d of dirs) if (!dirs.some((o) => o !== d && d.startsWith(o + '/'))) walk(d);
  return { stale: stale.sort(), outDirs: dirs, projects: withOutput };
}

/** Deletes the stale outputs and the folders they leave empty; returns the deleted files. */
export function cleanOutputs(configs = REPOSITORY_PROJECTS) {
  const { stale, outDirs } = staleOutputs(configs);
  for (const f of stale) {
    rmSync(f, { force: true });
    for (let d = dirname(f); !outDirs.includes(d) && readdirSync(d).length === 0; d = dirname(d)) rmdirSync(d);
  }
  return stale;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dry = args.includes('--dry-run');
  const configs = args.filter((a) => a !== '--dry-run').map((a) => resolve(a));
  const list = configs.length ? configs : REPOSITORY_PROJECTS;
  const files = dry ? staleOutputs(list).stale : cleanOutputs(list);
  for (const f of files) console.log(`${dry ? 'stale' : 'deleted'} ${relative(process.cwd(), f)}`);
}
