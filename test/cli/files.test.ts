import { strict as assert } from 'node:assert';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
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

/** The file part of each finding line. */
const files = (stdout: string): string[] => [
  ...new Set(findingLines(stdout).map((l) => l.slice(0, l.search(/:\d+:\d+ /)))),
];

const HELM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
`;

describe('folders', () => {
  test('recursive; *.yaml, *.yml and JSON manifests; node_modules and .git skipped; sorted', async () => {
    const ws = workspace({
      'b.yaml': DEPLOY,
      'a/x.yml': DEPLOY,
      'a/deep/er/y.YAML': DEPLOY,
      'a/notes.txt': DEPLOY,
      'node_modules/pkg/deploy.yaml': DEPLOY,
      'a/node_modules/deploy.yaml': DEPLOY,
      '.git/hooks/deploy.yaml': DEPLOY,
      'manifest.json': JSON.stringify(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'j' },
          spec: { template: { spec: { containers: [{ name: 'j', image: 'nginx:1.27' }] } } },
        },
        null,
        2,
      ),
      'package.json': '{ "name": "not-a-manifest" }',
      'tsconfig.json': '{ /* JSON with comments */ "compilerOptions": {} }',
    });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, '.'], { cwd: ws.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(files(r.stdout), ['a/deep/er/y.YAML', 'a/x.yml', 'b.yaml', 'manifest.json']);
      // package.json and tsconfig.json are not manifests: not counted, not reported.
      assert.match(summaryLine(r.stdout), / in 4 files,/);
      // No path means the current folder.
      assert.equal((await kubewise(['lint', ...ONLY_CPU], { cwd: ws.dir })).stdout, r.stdout);
      // A JSON manifest's position is that of its "name" key.
      assert.match(r.stdout, /^manifest\.json:\d+:\d+ warning .*"j".* \[cpu-request-missing\]$/m);
    } finally {
      ws.cleanup();
    }
  });

  test('a file named on the command line is linted whatever its extension; one named twice is linted once', async () => {
    const ws = workspace({ 'deploy.txt': DEPLOY, 'd/x.yaml': DEPLOY });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, 'deploy.txt', 'd', 'd/x.yaml', './d/x.yaml'], { cwd: ws.dir });
      assert.deepEqual(files(r.stdout), ['deploy.txt', 'd/x.yaml']);
      assert.match(summaryLine(r.stdout), / in 2 files/);
    } finally {
      ws.cleanup();
    }
  });

  test('an absolute path is shown absolute', async () => {
    const ws = workspace({ 'x.yaml': DEPLOY });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, join(ws.dir, 'x.yaml')], { cwd: '/' });
      assert.deepEqual(files(r.stdout), [join(ws.dir, 'x.yaml')]);
    } finally {
      ws.cleanup();
    }
  });

  test('a folder of 2,000 files is linted file by file', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) many[`m/${String(i % 20)}/f${i}.yaml`] = i % 500 === 0 ? DEPLOY : CLEAN;
    const ws = workspace(many);
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, '--format', 'json', 'm'], { cwd: ws.dir });
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { files: unknown[]; summary: { files: number; warnings: number } };
      assert.equal(out.summary.files, 2000);
      assert.equal(out.files.length, 2000);
      assert.equal(out.summary.warnings, 4);
    } finally {
      ws.cleanup();
    }
  });
});

describe('globs', () => {
  const ws = () =>
    workspace({
      'k8s/app/deploy.yaml': DEPLOY,
      'k8s/app/other.yml': DEPLOY,
      'k8s/db/deploy.yaml': DEPLOY,
      'k8s/node_modules/deploy.yaml': DEPLOY,
      'top.yaml': DEPLOY,
    });

  test('expanded by kubewise: ** and * and braces, relative to the current folder', async () => {
    const w = ws();
    try {
      assert.deepEqual(files((await kubewise(['lint', ...ONLY_CPU, 'k8s/**/*.yaml'], { cwd: w.dir })).stdout), [
        'k8s/app/deploy.yaml',
        'k8s/db/deploy.yaml',
      ]);
      assert.deepEqual(files((await kubewise(['lint', ...ONLY_CPU, 'k8s/*/deploy.yaml'], { cwd: w.dir })).stdout), [
        'k8s/app/deploy.yaml',
        'k8s/db/deploy.yaml',
      ]);
      assert.deepEqual(files((await kubewise(['lint', ...ONLY_CPU, 'k8s/app/*.{yaml,yml}'], { cwd: w.dir })).stdout), [
        'k8s/app/deploy.yaml',
        'k8s/app/other.yml',
      ]);
      assert.deepEqual(files((await kubewise(['lint', ...ONLY_CPU, '*.yaml'], { cwd: w.dir })).stdout), ['top.yaml']);
      assert.deepEqual(
        files((await kubewise(['lint', ...ONLY_CPU, 'app/*.yml'], { cwd: join(w.dir, 'k8s') })).stdout),
        ['app/other.yml'],
      );
    } finally {
      w.cleanup();
    }
  });

  test('a glob that matches nothing is an error (exit 2); the other paths are still linted', async () => {
    const w = ws();
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, 'nothing/**/*.yaml', 'top.yaml'], { cwd: w.dir });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, "kubewise: no files match 'nothing/**/*.yaml'\n");
      assert.deepEqual(files(r.stdout), ['top.yaml']);
    } finally {
      w.cleanup();
    }
  });
});

describe('standard input', () => {
  const ws = workspace({});
  after(() => ws.cleanup());
  test('- reads stdin, shown as <stdin> (the real binary reading a pipe)', () => {
    const r = kubewiseProcess(['lint', ...ONLY_CPU, '-'], { cwd: ws.dir, input: DEPLOY });
    assert.equal(r.code, 0);
    assert.deepEqual(
      findingLines(r.stdout).map((l) => l.replace(/ warning .* \[/, ' [')),
      ['<stdin>:15:11 [cpu-request-missing]'],
    );
    const e = kubewiseProcess(['lint', '--format', 'json', '--only', 'yaml-syntax', '-'], {
      cwd: ws.dir,
      input: DUPLICATE_KEY,
    });
    assert.equal(e.code, 1);
    assert.equal((JSON.parse(e.stdout) as { files: Array<{ path: string }> }).files[0].path, '<stdin>');
  });
  test('empty stdin is a clean file', async () => {
    const r = await kubewise(['lint', '-'], { cwd: ws.dir, input: '' });
    assert.equal(r.code, 0);
    assert.equal(summaryLine(r.stdout), '0 problems (0 errors, 0 warnings, 0 info) in 1 file');
  });
});

describe('errors and odd files', () => {
  test('a missing path: exit 2 and one clear line; the other paths are still linted', async () => {
    const ws = workspace({ 'ok.yaml': DEPLOY });
    try {
      // the exit code of the real binary
      const r = kubewiseProcess(['lint', ...ONLY_CPU, 'x.yaml', 'ok.yaml'], { cwd: ws.dir });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, "kubewise: cannot read 'x.yaml': no such file or directory\n");
      assert.deepEqual(files(r.stdout), ['ok.yaml']);
      const j = await kubewise(['lint', '--format', 'json', 'missing/'], { cwd: ws.dir });
      assert.equal(j.code, 2);
      assert.match(j.stderr, /cannot read 'missing\/': no such file or directory/);
      assert.doesNotThrow(() => JSON.parse(j.stdout), 'stdout stays valid JSON');
    } finally {
      ws.cleanup();
    }
  });

  test('a dangling symbolic link named on the command line: exit 2; inside a folder it is passed over', async () => {
    const ws = workspace({ 'd/ok.yaml': CLEAN });
    try {
      symlinkSync(join(ws.dir, 'gone.yaml'), join(ws.dir, 'd', 'link.yaml'));
      const r = await kubewise(['lint', 'd/link.yaml'], { cwd: ws.dir });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, "kubewise: cannot read 'd/link.yaml': no such file or directory\n");
      const folder = await kubewise(['lint', 'd'], { cwd: ws.dir });
      assert.equal(folder.code, 0, folder.stderr);
      assert.match(summaryLine(folder.stdout), / in 1 file$/);
    } finally {
      ws.cleanup();
    }
  });

  test('a binary file is skipped, not reported as broken YAML', async () => {
    const ws = workspace({
      'image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
      'ok.yaml': CLEAN,
    });
    try {
      const r = await kubewise(['lint', 'image.yaml', 'ok.yaml'], { cwd: ws.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(findingLines(r.stdout), []);
      assert.match(r.stdout, /in 1 file\n1 file skipped \(binary file\); --verbose lists them\n$/);
      const v = await kubewise(['lint', '--verbose', 'image.yaml'], { cwd: ws.dir });
      assert.match(v.stdout, /^image\.yaml: skipped \(binary file\)$/m);
    } finally {
      ws.cleanup();
    }
  });

  test('an empty file, a comment-only file and invalid UTF-8 get answers, not crashes', async () => {
    const ws = workspace({
      'empty.yaml': '',
      'comments.yaml': '# nothing here\n',
      // `# café` written in Latin-1: not valid UTF-8, decoded with a replacement character.
      'latin1.yaml': Buffer.concat([
        Buffer.from(DEPLOY.split('# the web tier')[0] + '# caf'),
        Buffer.from([0xe9]),
        Buffer.from(DEPLOY.split('# the web tier')[1]),
      ]),
    });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, '.'], { cwd: ws.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.deepEqual(files(r.stdout), ['latin1.yaml']);
      assert.match(summaryLine(r.stdout), / in 3 files/);
    } finally {
      ws.cleanup();
    }
  });

  test('a BOM does not shift columns', async () => {
    const oneLine =
      '{"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}\n';
    const ws = workspace({ 'bom.json': '\uFEFF' + oneLine, 'plain.json': oneLine });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, 'bom.json', 'plain.json'], { cwd: ws.dir });
      const [bom, plain] = findingLines(r.stdout);
      assert.match(plain, /^plain\.json:1:\d+ warning/);
      assert.equal(bom, plain.replace('plain.json', 'bom.json'));
    } finally {
      ws.cleanup();
    }
  });

  test('templates outside a chart (no Chart.yaml) are skipped, said so in the summary, listed with --verbose, absent from JSON', async () => {
    const ws = workspace({
      'chart/templates/deploy.yaml': HELM,
      'chart/values.yaml': 'replicas: 2\n',
      'app.yaml': DEPLOY,
    });
    try {
      const r = await kubewise(['lint', ...ONLY_CPU, '.'], { cwd: ws.dir });
      assert.equal(r.code, 0);
      assert.deepEqual(files(r.stdout), ['app.yaml']);
      assert.match(
        r.stdout,
        /in 2 files, 1 more with --fix --unsafe-fixes \(they change what runs\)\n1 file skipped \(template placeholders, not in a Helm chart\); --verbose lists them\n$/,
      );
      const v = await kubewise(['lint', ...ONLY_CPU, '--verbose', '.'], { cwd: ws.dir });
      assert.match(
        v.stdout,
        /^chart\/templates\/deploy\.yaml: skipped \(template placeholders, not in a Helm chart\)$/m,
      );
      assert.match(v.stdout, /1 file skipped \(template placeholders, not in a Helm chart\)\n$/);
      const j = JSON.parse((await kubewise(['lint', ...ONLY_CPU, '-f', 'json', '.'], { cwd: ws.dir })).stdout) as {
        files: Array<{ path: string }>;
        summary: { files: number };
      };
      assert.deepEqual(
        j.files.map((f) => f.path),
        ['app.yaml', 'chart/values.yaml'],
      );
      assert.equal(j.summary.files, 2);
    } finally {
      ws.cleanup();
    }
  });
});

describe('the given paths are one workspace', () => {
  const USES_SECRET = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1.0.0
          env:
            - name: TOKEN
              valueFrom:
                secretKeyRef:
                  name: api-token
                  key: token
`;
  const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-token\nstringData:\n  token: x\n';

  test('an object in another file resolves a cross-resource reference', async () => {
    const ws = workspace({ 'app/deploy.yaml': USES_SECRET, 'secrets/token.yaml': SECRET });
    try {
      const only = ['lint', '--only', 'env-ref-not-found'];
      const alone = await kubewise([...only, 'app/deploy.yaml'], { cwd: ws.dir });
      assert.deepEqual(
        findingLines(alone.stdout).map((l) => l.replace(/ info .* \[/, ' [')),
        ['app/deploy.yaml:15:19 [env-ref-not-found]'],
      );
      const together = await kubewise([...only, 'app', 'secrets'], { cwd: ws.dir });
      assert.deepEqual(findingLines(together.stdout), []);
      assert.match(summaryLine(together.stdout), / in 2 files$/);
      // The same through --fix (which lints in the same workspace) and stdin beside a file.
      assert.deepEqual(findingLines((await kubewise([...only, '--fix', '.'], { cwd: ws.dir })).stdout), []);
      assert.deepEqual(
        findingLines(
          (await kubewise([...only, '-', 'secrets/token.yaml'], { cwd: ws.dir, input: USES_SECRET })).stdout,
        ),
        [],
      );
    } finally {
      ws.cleanup();
    }
  });
});
