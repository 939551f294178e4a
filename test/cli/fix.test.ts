import { strict as assert } from 'node:assert';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CLEAN,
  DEPLOY,
  DUPLICATE_KEY,
  findingLines,
  kubewise,
  kubewiseProcess,
  ONLY_CPU,
  summaryLine,
  workspace,
} from './helpers';

const FIXED_CONTAINER = /image: nginx:1\.27\n {10}resources:\n {12}requests:\n {14}cpu: 100m # TODO[^\n]*\n$/;

// cpu-request-missing's fix is unsafe (it sets resources): these tests apply it with --unsafe-fixes.
describe('--fix', () => {
  test('writes the fixes in place, keeps comments, reports what remains; a second run has nothing to fix', async () => {
    const ws = workspace({ 'deploy.yaml': DEPLOY, 'broken.yaml': DUPLICATE_KEY, 'clean.yaml': CLEAN });
    try {
      const past = new Date('2020-01-01T00:00:00Z');
      utimesSync(join(ws.dir, 'clean.yaml'), past, past);
      const r = await kubewise(['lint', '--fix', '--unsafe-fixes', '--only', 'cpu-request-missing,yaml-syntax', '.'], {
        cwd: ws.dir,
      });
      assert.equal(r.code, 1, 'the duplicate key has no automatic fix and is still an error');
      const fixed = readFileSync(join(ws.dir, 'deploy.yaml'), 'utf8');
      assert.match(fixed, FIXED_CONTAINER);
      assert.match(fixed, /name: web # the web tier\n/, 'comments stay');
      assert.equal(readFileSync(join(ws.dir, 'broken.yaml'), 'utf8'), DUPLICATE_KEY);
      assert.equal(
        statSync(join(ws.dir, 'clean.yaml')).mtime.getTime(),
        past.getTime(),
        'a file without fixes is not rewritten',
      );
      assert.deepEqual(
        findingLines(r.stdout).map((l) => l.split(' ')[0]),
        ['broken.yaml:3:1'],
      );
      assert.match(r.stdout, /^Fixed 1 problem in 1 file\.\n1 problem \(1 error, 0 warnings, 0 info\) in 3 files\n$/m);

      const again = await kubewise(['lint', '--only', 'cpu-request-missing,yaml-syntax', '.'], { cwd: ws.dir });
      assert.equal(
        summaryLine(again.stdout),
        '1 problem (1 error, 0 warnings, 0 info) in 3 files',
        'nothing fixable left',
      );
      const third = await kubewise(['lint', '--fix', '--unsafe-fixes', ...ONLY_CPU, '.'], { cwd: ws.dir });
      assert.equal(third.code, 0);
      assert.doesNotMatch(third.stdout, /Fixed/);
      assert.equal(readFileSync(join(ws.dir, 'deploy.yaml'), 'utf8'), fixed, 'fixing twice equals fixing once');
    } finally {
      ws.cleanup();
    }
  });

  test('every fix of a file is applied, with JSON reporting the rest', async () => {
    const two = DEPLOY + '        - name: side\n          image: busybox:1.36\n';
    const ws = workspace({ 'two.yaml': two });
    try {
      const r = await kubewise(['lint', '--fix', '--unsafe-fixes', '--format', 'json', ...ONLY_CPU, 'two.yaml'], {
        cwd: ws.dir,
      });
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.stdout), {
        files: [{ path: 'two.yaml', diagnostics: [] }],
        summary: { files: 1, errors: 0, warnings: 0, infos: 0, fixable: 0, unsafeFixable: 0 },
      });
      const text = readFileSync(join(ws.dir, 'two.yaml'), 'utf8');
      assert.equal(text.match(/cpu: 100m/g)?.length, 2);
    } finally {
      ws.cleanup();
    }
  });

  test('keeps a byte-order mark and CRLF line ends', async () => {
    const crlf = '\uFEFF' + DEPLOY.replace(/\n/g, '\r\n');
    const ws = workspace({ 'win.yaml': crlf });
    try {
      await kubewise(['lint', '--fix', '--unsafe-fixes', ...ONLY_CPU, 'win.yaml'], { cwd: ws.dir });
      const bytes = readFileSync(join(ws.dir, 'win.yaml'));
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      assert.match(text, /cpu: 100m/);
      assert.ok(!/[^\r]\n/.test(text), 'every line still ends with CRLF');
    } finally {
      ws.cleanup();
    }
  });

  test('stdin: the fixed text on stdout, the report on stderr', async () => {
    const ws = workspace({});
    try {
      // the real binary: fixed text and report on two real streams
      const r = kubewiseProcess(['lint', '--fix', '--unsafe-fixes', ...ONLY_CPU, '-'], { cwd: ws.dir, input: DEPLOY });
      assert.equal(r.code, 0);
      assert.match(r.stdout, FIXED_CONTAINER);
      assert.ok(r.stdout.startsWith(DEPLOY.slice(0, DEPLOY.indexOf('          image'))));
      assert.match(r.stderr, /^Fixed 1 problem in 1 file\.\n0 problems .* in 1 file\n$/);

      // Nothing to fix, a Helm template, an empty input: the text comes back unchanged, so `<a >b` never empties b.
      for (const input of [CLEAN, 'metadata:\n  name: {{ .Release.Name }}\n', '']) {
        const same = await kubewise(['lint', '--fix', '-'], { cwd: ws.dir, input });
        assert.equal(same.stdout, input);
      }
      const json = await kubewise(['lint', '--fix', '-f', 'json', '--only', 'yaml-syntax', '-'], {
        cwd: ws.dir,
        input: DUPLICATE_KEY,
      });
      assert.equal(json.code, 1);
      assert.equal(json.stdout, DUPLICATE_KEY);
      assert.equal((JSON.parse(json.stderr) as { summary: { errors: number } }).summary.errors, 1);
    } finally {
      ws.cleanup();
    }
  });
});
