/**
 * The `kubewise` command as a whole process (start-up, reading, linting, printing), against processes that do less:
 *   - the 10,000-line manifest, against a process that only parses it with `yaml`;
 *   - a generated tree of 300+ files with cross-file findings (test/support/generate.ts `appTree`), `--jobs 1`
 *     against one thread per core.
 * Wall time is what a user waits; CPU time (every thread of the process) is what a busy machine cannot distort.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { appTree, bigManifest } from '../support/generate';

const CLI = join(__dirname, '../../../../server/out/cli.js');

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
    const run = (args: string[], cwd: string): Run => {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['-r', cpuProbe, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
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
    const [lint, parse] = compare(
      5,
      () => run([CLI, 'lint', '--format', 'json', 'big.yaml'], dir),
      () => run([parseOnly, 'big.yaml'], dir),
    );
    console.log(`kubewise lint process, 10,000 lines: ${fmt(lint)}; parse-only process: ${fmt(parse)}`);
    console.log(`  ratio lint process / parse process: ${ratios(lint, parse)}  (target <= 1.5)`);

    // 2. A tree of 300+ files: one thread against one per core (two at least, so that the workers run).
    const tree = join(dir, 'tree');
    const files = appTree(64);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, rel)), { recursive: true });
      writeFileSync(join(tree, rel), text);
    }
    const manifests = Object.keys(files).filter((f) => f.endsWith('.yaml')).length;
    const jobs = Math.max(2, availableParallelism());
    const [one, many] = compare(
      3,
      () => run([CLI, 'lint', '--format', 'json', '--jobs', '1', '.'], tree),
      () => run([CLI, 'lint', '--format', 'json', '--jobs', String(jobs), '.'], tree),
    );
    const same = one.every((r) => r.stdout === many[0].stdout && r.code === many[0].code);
    console.log(
      `kubewise lint of a ${manifests}-file tree: --jobs 1 ${fmt(one)}; --jobs ${jobs} ${fmt(many)} (${availableParallelism()} cores)`,
    );
    console.log(
      `  speed-up --jobs ${jobs} / --jobs 1: ${ratios(one, many)} (CPU above 1: less CPU in all); same output: ${same ? 'yes' : 'NO'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
