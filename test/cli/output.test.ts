import { strict as assert } from 'node:assert';
import { after, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import {
  CLEAN,
  CLI,
  DEPLOY,
  DUPLICATE_KEY,
  findingLines,
  jsonDiagnostics,
  kubewise,
  ONLY_CPU,
  summaryLine,
  VERSION,
  workspace,
} from './helpers';

const ws = workspace({
  'deploy.yaml': DEPLOY,
  'broken.yaml': DUPLICATE_KEY,
  'clean.yaml': CLEAN,
  'sub dir/two.yaml': DEPLOY + '---\n' + DEPLOY.replace('name: web #', 'name: api #'),
});
after(() => ws.cleanup());
const run = (args: string[], env?: Record<string, string>) => kubewise(args, { cwd: ws.dir, env });
const ESC = '\u001b[';

describe('text output', () => {
  test('one compiler-style line per finding, 1-based positions, then the summary', async () => {
    const r = await run(['lint', ...ONLY_CPU, 'deploy.yaml', 'clean.yaml']);
    assert.equal(r.code, 0, 'warnings do not fail the default --max-severity error');
    const [d] = await jsonDiagnostics(['lint', ...ONLY_CPU, 'deploy.yaml'], { cwd: ws.dir });
    // the text format prints the message the JSON output carries (here the rule's message without a limit)
    assert.equal(d.messageId, 'noCpuRequest');
    assert.deepEqual(findingLines(r.stdout), [`deploy.yaml:15:11 warning ${d.message} [cpu-request-missing]`]);
    assert.match(
      r.stdout,
      /^deploy\.yaml:15:11 warning [^\n]+ \[cpu-request-missing\]\n\n\d/,
      'a blank line before the summary',
    );
    assert.equal(
      summaryLine(r.stdout),
      '1 problem (0 errors, 1 warning, 0 info) in 2 files, 1 more with --fix --unsafe-fixes (they change what runs)',
    );
    assert.equal(r.stderr, '');
  });

  test('positions in later YAML documents count from the top of the file', async () => {
    const r = await run(['lint', ...ONLY_CPU, 'sub dir/two.yaml']);
    assert.deepEqual(
      findingLines(r.stdout).map((l) => l.slice(0, l.indexOf(' warning '))),
      ['sub dir/two.yaml:15:11', 'sub dir/two.yaml:32:11'],
    );
  });

  test('errors: exit 1, and the summary counts them', async () => {
    const r = await run(['lint', '--only', 'yaml-syntax', 'broken.yaml']);
    assert.equal(r.code, 1);
    const [d] = await jsonDiagnostics(['lint', '--only', 'yaml-syntax', 'broken.yaml'], { cwd: ws.dir });
    assert.deepEqual(findingLines(r.stdout), [`broken.yaml:3:1 error ${d.message} [yaml-syntax]`]);
    assert.equal(summaryLine(r.stdout), '1 problem (1 error, 0 warnings, 0 info) in 1 file');
  });

  test('clean input: exit 0 and a zero summary', async () => {
    const r = await run(['lint', 'clean.yaml']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 1 file\n');
  });
});

describe('exit codes and --max-severity', () => {
  test('default error: warnings pass, errors fail', async () => {
    assert.equal((await run(['lint', ...ONLY_CPU, 'deploy.yaml'])).code, 0);
    assert.equal((await run(['lint', '--only', 'yaml-syntax', 'broken.yaml'])).code, 1);
  });
  test('--max-severity warning fails on a warning; info fails on anything', async () => {
    assert.equal((await run(['lint', ...ONLY_CPU, '--max-severity', 'warning', 'deploy.yaml'])).code, 1);
    assert.equal((await run(['lint', ...ONLY_CPU, '--max-severity=info', 'deploy.yaml'])).code, 1);
    assert.equal((await run(['lint', '--max-severity', 'info', 'clean.yaml'])).code, 0);
  });
  test('--quiet reports errors only, and only they decide the exit code', async () => {
    const r = await run([
      'lint',
      '--quiet',
      '--only',
      'cpu-request-missing,yaml-syntax',
      '--max-severity',
      'warning',
      'deploy.yaml',
      'broken.yaml',
    ]);
    assert.equal(r.code, 1);
    assert.deepEqual(
      findingLines(r.stdout).map((l) => l.replace(/ .*\[/, ' [')),
      ['broken.yaml:3:1 [yaml-syntax]'],
    );
    const q = await run(['lint', '-q', ...ONLY_CPU, '--max-severity', 'warning', 'deploy.yaml']);
    assert.equal(q.code, 0);
    assert.equal(summaryLine(q.stdout), '0 problems (0 errors, 0 warnings, 0 info) in 1 file');
  });
});

describe('colour', () => {
  test('off when stdout is not a terminal', async () => {
    const r = await run(['lint', ...ONLY_CPU, 'deploy.yaml']);
    assert.ok(!r.stdout.includes(ESC));
  });
  test('on with FORCE_COLOR, off with FORCE_COLOR=0', async () => {
    const on = await run(['lint', ...ONLY_CPU, 'deploy.yaml'], { FORCE_COLOR: '1' });
    assert.ok(on.stdout.includes(`${ESC}33mwarning${ESC}39m`), JSON.stringify(on.stdout));
    assert.ok(on.stdout.includes(`${ESC}1mdeploy.yaml:15:11${ESC}22m`));
    assert.ok(!(await run(['lint', ...ONLY_CPU, 'deploy.yaml'], { FORCE_COLOR: '0' })).stdout.includes(ESC));
  });
  test('--no-color beats FORCE_COLOR; --color beats NO_COLOR and a pipe', async () => {
    assert.ok(
      !(await run(['lint', ...ONLY_CPU, '--no-color', 'deploy.yaml'], { FORCE_COLOR: '1' })).stdout.includes(ESC),
    );
    assert.ok((await run(['lint', ...ONLY_CPU, '--color', 'deploy.yaml'], { NO_COLOR: '1' })).stdout.includes(ESC));
  });
  test('on by default in a terminal, unless NO_COLOR is set', async () => {
    // util-linux `script` (Debian's essential bsdutils) runs the command on a pseudo-terminal.
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const inTerminal = (env: Record<string, string>) => {
      const cmd = [process.execPath, CLI, 'lint', ...ONLY_CPU, 'deploy.yaml'].map(quote).join(' ');
      const clean: NodeJS.ProcessEnv = { ...process.env, ...env };
      for (const k of ['FORCE_COLOR', 'NO_COLOR']) if (!(k in env)) delete clean[k];
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ws.dir, env: clean, encoding: 'utf8' });
      assert.equal(r.error, undefined);
      assert.match(r.stdout, /deploy\.yaml:15:11/);
      return r.stdout;
    };
    assert.ok(inTerminal({ TERM: 'xterm' }).includes(`${ESC}33mwarning${ESC}39m`));
    assert.ok(!inTerminal({ TERM: 'xterm', NO_COLOR: '1' }).includes(ESC));
    assert.ok(!inTerminal({ TERM: 'dumb' }).includes(ESC));
  });
  test('NO_COLOR keeps it off', async () => {
    assert.ok(!(await run(['lint', ...ONLY_CPU, 'deploy.yaml'], { NO_COLOR: '1' })).stdout.includes(ESC));
  });
  test('an error is red', async () => {
    const r = await run(['lint', '--only', 'yaml-syntax', '--color', 'broken.yaml']);
    assert.ok(r.stdout.includes(`${ESC}31merror${ESC}39m`));
  });
});

describe('JSON output', () => {
  test('exact shape, 0-based positions, fixable flag, summary', async () => {
    const r = await run([
      'lint',
      '--format',
      'json',
      '--only',
      'cpu-request-missing,yaml-syntax',
      'deploy.yaml',
      'broken.yaml',
      'clean.yaml',
    ]);
    assert.equal(r.code, 1);
    type Out = {
      files: Array<{
        path: string;
        diagnostics: Array<Record<string, unknown> & { range: { end: { line: number; character: number } } }>;
      }>;
    };
    const out = JSON.parse(r.stdout) as Out;
    // Messages and range ends belong to the rules; the CLI owns the shape and the 0-based starts.
    const messages: unknown[] = [];
    for (const f of out.files)
      for (const d of f.diagnostics) {
        messages.push(d.message);
        d.message = '…';
        assert.ok(d.range.end.line >= 0 && d.range.end.character >= 0);
        d.range.end = { line: -1, character: -1 };
      }
    assert.ok(messages.every((m) => typeof m === 'string' && m.length > 0));
    assert.deepEqual(out, {
      files: [
        {
          path: 'deploy.yaml',
          diagnostics: [
            {
              ruleId: 'cpu-request-missing',
              severity: 'warning',
              message: '…',
              messageId: 'noCpuRequest',
              data: { container: 'Container "web"' },
              range: { start: { line: 14, character: 10 }, end: { line: -1, character: -1 } },
              fixable: true,
              fix: 'unsafe',
            },
          ],
        },
        {
          path: 'broken.yaml',
          diagnostics: [
            {
              ruleId: 'yaml-syntax',
              severity: 'error',
              message: '…',
              messageId: 'duplicateKey',
              data: { key: 'kind' },
              range: { start: { line: 2, character: 0 }, end: { line: -1, character: -1 } },
              fixable: false,
              fix: null,
            },
          ],
        },
        { path: 'clean.yaml', diagnostics: [] },
      ],
      summary: { files: 3, errors: 1, warnings: 1, infos: 0, fixable: 0, unsafeFixable: 1 },
    });
  });
});

describe('SARIF output', () => {
  interface Region {
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
  }
  type Json = Record<string, unknown>;
  const obj = (v: unknown, what: string): Json => {
    assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `${what} is an object`);
    return v as Json;
  };
  const arr = (v: unknown, what: string): unknown[] => {
    assert.ok(Array.isArray(v), `${what} is an array`);
    return v as unknown[];
  };
  const region = (v: unknown, what: string): Region => {
    const r = obj(v, what);
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'])
      assert.ok(Number.isInteger(r[k]) && (r[k] as number) >= 1, `${what}.${k} ≥ 1`);
    return r as unknown as Region;
  };

  test('the properties SARIF 2.1.0 requires, with rules, results, regions and fixes', async () => {
    const r = await run([
      'lint',
      '--format',
      'sarif',
      '--only',
      'cpu-request-missing,yaml-syntax',
      'deploy.yaml',
      'broken.yaml',
      'sub dir/two.yaml',
    ]);
    assert.equal(r.code, 1);
    const log = obj(JSON.parse(r.stdout), 'log');
    assert.equal(log.version, '2.1.0');
    assert.match(String(log.$schema), /sarif-2\.1\.0/);
    const runs = arr(log.runs, 'runs');
    assert.equal(runs.length, 1);
    const run0 = obj(runs[0], 'run');
    const driver = obj(obj(run0.tool, 'tool').driver, 'driver');
    assert.equal(driver.name, 'kubewise');
    assert.equal(driver.version, VERSION);
    assert.match(String(driver.informationUri), /^https:\/\//);
    const rules = arr(driver.rules, 'rules').map((x, i) => obj(x, `rules[${i}]`));
    assert.deepEqual(rules.map((x) => x.id).sort(), ['cpu-request-missing', 'yaml-syntax']);
    for (const rule of rules) {
      assert.equal(typeof obj(rule.shortDescription, 'shortDescription').text, 'string');
      assert.ok(String(obj(rule.fullDescription, 'fullDescription').text).length > 10);
      assert.equal(rule.helpUri, `https://github.com/kubewise/kubewise/blob/main/docs/rules/${String(rule.id)}.md`);
      assert.ok(
        ['error', 'warning', 'note'].includes(String(obj(rule.defaultConfiguration, 'defaultConfiguration').level)),
      );
    }
    const cpuRule = rules.find((x) => x.id === 'cpu-request-missing')!;
    assert.equal(obj(cpuRule.defaultConfiguration, 'dc').level, 'warning');

    const results = arr(run0.results, 'results').map((x, i) => obj(x, `results[${i}]`));
    assert.equal(results.length, 4);
    for (const res of results) {
      assert.equal(typeof res.ruleId, 'string');
      assert.equal(rules[res.ruleIndex as number].id, res.ruleId, 'ruleIndex points at the rule');
      assert.ok(['error', 'warning', 'note'].includes(String(res.level)));
      assert.equal(typeof obj(res.message, 'message').text, 'string');
      const loc = obj(arr(res.locations, 'locations')[0], 'location');
      const phys = obj(loc.physicalLocation, 'physicalLocation');
      const uri = String(obj(phys.artifactLocation, 'artifactLocation').uri);
      assert.ok(!uri.includes('\\') && !uri.startsWith('/'), 'relative, forward slashes');
      region(phys.region, 'region');
    }
    const cpu = results.filter((x) => x.ruleId === 'cpu-request-missing');
    const where = (res: Json) => {
      const phys = obj(obj(arr(res.locations, 'l')[0], 'l').physicalLocation, 'p');
      return { uri: obj(phys.artifactLocation, 'a').uri, region: phys.region };
    };
    const cpuWhere = where(cpu[0]) as { uri: string; region: Region };
    assert.equal(cpuWhere.uri, 'deploy.yaml');
    assert.deepEqual([cpuWhere.region.startLine, cpuWhere.region.startColumn], [15, 11]);
    // SARIF's end column is the one after the region: the JSON's 0-based end character plus one.
    const jsonCpu = JSON.parse((await run(['lint', '-f', 'json', ...ONLY_CPU, 'deploy.yaml'])).stdout) as {
      files: Array<{ diagnostics: Array<{ range: { end: { line: number; character: number } } }> }>;
    };
    const end = jsonCpu.files[0].diagnostics[0].range.end;
    assert.deepEqual([cpuWhere.region.endLine, cpuWhere.region.endColumn], [end.line + 1, end.character + 1]);
    assert.equal(where(cpu[1]).uri, 'sub%20dir/two.yaml');
    const syntax = results.find((x) => x.ruleId === 'yaml-syntax')!;
    assert.equal(syntax.level, 'error');
    const syntaxRegion = where(syntax).region as Region;
    assert.deepEqual([syntaxRegion.startLine, syntaxRegion.startColumn], [3, 1]);

    // The fix as an artifact change: an insertion is a zero-length deleted region.
    const fix = obj(arr(cpu[0].fixes, 'fixes')[0], 'fix');
    assert.match(String(obj(fix.description, 'description').text), /requests\.cpu/);
    const change = obj(arr(fix.artifactChanges, 'artifactChanges')[0], 'change');
    assert.equal(obj(change.artifactLocation, 'al').uri, 'deploy.yaml');
    const replacement = obj(arr(change.replacements, 'replacements')[0], 'replacement');
    region(replacement.deletedRegion, 'deletedRegion');
    assert.match(String(obj(replacement.insertedContent, 'insertedContent').text), /cpu: 100m/);
    assert.equal(syntax.fixes, undefined);
  });

  test('a clean run is a valid log with no results', async () => {
    const r = await run(['lint', '-f', 'sarif', 'clean.yaml']);
    assert.equal(r.code, 0);
    const log = JSON.parse(r.stdout) as { runs: Array<{ results: unknown[]; tool: { driver: { rules: unknown[] } } }> };
    assert.deepEqual(log.runs[0].results, []);
    assert.ok(log.runs[0].tool.driver.rules.length > 0, 'the rules in force are listed');
  });
});
