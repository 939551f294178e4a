/**
 * The `kubewise` command as a whole process (start-up, reading, linting, printing), against processes that do less:
 *   - the 10,000-line manifest, against a process that only parses it with `yaml`;
 *   - the corpus of public manifests (test/corpus: 361 files, 22 of them kustomizations) and a generated tree of 300+
 *     files with cross-file findings (test/support/generate.ts `appTree`): `--jobs 1` against one thread per core.
 *     The corpus runs twice: as a user runs it (its overlays built with `kubectl kustomize`, child processes that run
 *     while the main thread lints the plain files, when kubectl is on PATH), and with no kubectl on PATH (each file
 *     linted on its own: only kubewise's work).
 * Wall time is what a user waits; CPU time (every thread of the process) is what a busy machine cannot distort.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { appTree, bigManifest } from '../support/generate';

const ROOT = join(__dirname, '../../../..');
const CLI = join(ROOT, 'server/out/cli.js');
const CORPUS = join(ROOT, 'test/corpus');

interface Run {
  wall: number;
  cpu: number;
  stdout: string;
  code: number | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function cliBench(): Promise<void> {
  if (!existsSync(CLI)) {
    console.log('kubewise process: (server/out/cli.js not built)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-cli-bench-'));
  try {
    mkdirSync(join(dir, '.git'));
    // the CPU time of the whole process (all its threads), printed when it exits
    const cpuProbe = join(dir, 'cpu-probe.cjs');
    writeFileSync(
      cpuProbe,
      `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu-us ' + (u.user + u.system) + '\\n'); });\n`,
    );
    const run = (args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run => {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['-r', cpuProbe, ...args], {
        cwd,
        env,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      const wall = Number(process.hrtime.bigint() - t) / 1e6;
      const cpu = Number(/cpu-us (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
      return { wall, cpu, stdout: r.stdout, code: r.status };
    };
    const compare = (runs: number, a: () => Run, b: () => Run): [Run[], Run[]] => {
      const as: Run[] = [];
      const bs: Run[] = [];
      a(); // warm the file cache
      for (let i = 0; i < runs; i++) {
        as.push(a());
        bs.push(b());
      }
      return [as, bs];
    };
    const fmt = (rs: Run[]): string =>
      `wall ${median(rs.map((r) => r.wall)).toFixed(0)} ms, CPU ${median(rs.map((r) => r.cpu)).toFixed(0)} ms`;
    const ratios = (a: Run[], b: Run[]): string =>
      `wall ${(median(a.map((r) => r.wall)) / median(b.map((r) => r.wall))).toFixed(2)}, CPU ${(
        median(a.map((r) => r.cpu)) / median(b.map((r) => r.cpu))
      ).toFixed(2)}`;

    // 1. One big file: the whole `kubewise lint` process against a process that only parses the text.
    const big = join(dir, 'big.yaml');
    writeFileSync(big, bigManifest(10_000));
    const parseOnly = join(dir, 'parse-only.cjs');
    writeFileSync(
      parseOnly,
      `require(${JSON.stringify(require.resolve('yaml'))}).parseAllDocuments(require('fs').readFileSync(process.argv[2], 'utf8'));\n`,
    );
    // 31 runs: on these machines one process's time moves by a tenth from run to run; medians of 11 moved the ratio
    // by ±0.04 between runs of the same build, and of 21 by ±0.03
    const [lint, parse] = compare(
      31,
      () => run([CLI, 'lint', '--format', 'json', 'big.yaml'], dir),
      () => run([parseOnly, 'big.yaml'], dir),
    );
    console.log(`kubewise lint process, 10,000 lines: ${fmt(lint)}; parse-only process: ${fmt(parse)}`);
    console.log(`  ratio lint process / parse process: ${ratios(lint, parse)}  (target <= 1.5)`);

    // 2. Trees of 300+ files: one thread against one per core (two at least, so that the workers run).
    const jobs = Math.max(2, availableParallelism());
    const threads = (label: string, cwd: string, runs: number, env?: NodeJS.ProcessEnv): void => {
      const [one, many] = compare(
        runs,
        () => run([CLI, 'lint', '--format', 'json', '--jobs', '1', '.'], cwd, env),
        () => run([CLI, 'lint', '--format', 'json', '--jobs', String(jobs), '.'], cwd, env),
      );
      const same = one.every((r) => r.stdout === many[0].stdout && r.code === many[0].code);
      console.log(
        `kubewise lint of ${label}: --jobs 1 ${fmt(one)}; --jobs ${jobs} ${fmt(many)} (${availableParallelism()} cores)`,
      );
      console.log(
        `  speed-up --jobs ${jobs} / --jobs 1: ${ratios(one, many)} (CPU above 1: less CPU in all); same output: ${same ? 'yes' : 'NO'}`,
      );
    };
    if (existsSync(CORPUS)) {
      threads('the public-manifest corpus (361 files, overlays built by kubectl when on PATH)', CORPUS, 5);
      // a PATH holding only node: no kubectl or kustomize, so the overlays' files are linted one by one
      const bin = join(dir, 'node-only');
      mkdirSync(bin);
      symlinkSync(process.execPath, join(bin, 'node'));
      threads('the corpus with no kubectl on PATH (kubewise alone)', CORPUS, 5, { ...process.env, PATH: bin });
    }
    const tree = join(dir, 'tree');
    const files = appTree(64);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, rel)), { recursive: true });
      writeFileSync(join(tree, rel), text);
    }
    const manifests = Object.keys(files).filter((f) => f.endsWith('.yaml')).length;
    threads(`a generated ${manifests}-file tree`, tree, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run bench` runs this file as a process of its own (see bench.ts).
if (require.main === module) void cliBench();
