// The same extension-host suite under @vscode/test-electron, for machines that can download VS Code (a developer's
// laptop, a CI with internet). These machines cannot, so `npm test` runs the suite in code-server's VS Code instead
// (test/extension/vscode.test.ts); this runner is `npm run test:electron`.
//   VSCODE_VERSION  the VS Code to download (default: the newest stable)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(root, 'test', 'extension', 'suite', 'tsconfig.json'),
  ],
  {
    stdio: 'inherit',
  },
);
const work = mkdtempSync(join(tmpdir(), 'kubewise-electron-'));
const workspace = join(work, 'workspace');
cpSync(join(root, 'test', 'extension', 'fixtures', 'workspace'), workspace, { recursive: true });
const results = join(work, 'results.json');

try {
  await runTests({
    version: process.env.VSCODE_VERSION,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test', 'out', 'extension-suite', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--user-data-dir', join(work, 'user-data')],
    extensionTestsEnv: { KUBEWISE_EXTENSION_RESULTS: results },
  });
} catch (e) {
  console.error(`kubewise: VS Code could not be downloaded or started: ${e instanceof Error ? e.message : e}`);
  process.exit(2);
}
if (!existsSync(results)) {
  console.error('kubewise: the extension host wrote no results');
  process.exit(1);
}
const report = JSON.parse(readFileSync(results, 'utf8'));
for (const f of report.failures ?? []) console.error(`✖ ${f.fullTitle}: ${f.err?.message ?? ''}`);
console.log(`${report.stats.passes ?? 0} passed, ${report.stats.failures ?? 0} failed`);
process.exit(report.stats.failures || !report.stats.tests ? 1 : 0);
