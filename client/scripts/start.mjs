// `npm start`: opens the extension (from this checkout, built by `npm run build`) in a real VS Code on examples/.
// - With a local `code` command: VS Code desktop with `--extensionDevelopmentPath`.
// - Otherwise (or with --browser): VS Code 1.100's server from code-server (scripts/setup-vscode.sh installs it),
//   served on 127.0.0.1; open the printed URL in a browser. Ctrl+C stops it.
//   --exit-when-ready: stop as soon as the workbench answers (for the test of this script).
/* global fetch, setTimeout */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const examples = join(root, 'examples');
const args = process.argv.slice(2);
const browser = args.includes('--browser');
const exitWhenReady = args.includes('--exit-when-ready');

for (const f of ['client/out/extension.js', 'server/out/server.js']) {
  if (!existsSync(join(root, f))) {
    console.error(`${f} is missing: run \`npm run build\` first (npm start does).`);
    process.exit(2);
  }
}

if (!browser && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
  console.log(`Opening VS Code on ${examples} with the extension from ${root}`);
  const r = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

const cache = process.env.KUBEWISE_CACHE ?? join(homedir(), '.cache', 'kubewise');
const vscode = join(cache, 'code-server-4.100.3', 'lib', 'vscode');
if (!existsSync(join(vscode, 'out', 'server-main.js'))) {
  console.error(`No local \`code\` and no VS Code server in ${vscode}: run scripts/setup-vscode.sh first.`);
  process.exit(2);
}

const port = Number(process.env.KUBEWISE_PORT) || (await freePort());
const data = mkdtempSync(join(tmpdir(), 'kubewise-start-'));
const server = spawn(
  process.execPath,
  [
    join(vscode, 'out', 'server-main.js'),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--user-data-dir',
    join(data, 'user-data'),
    '--server-data-dir',
    join(data, 'server'),
    '--extensions-dir',
    join(data, 'extensions'),
  ],
  { cwd: vscode, stdio: exitWhenReady ? 'ignore' : 'inherit' },
);
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));

const base = `http://127.0.0.1:${port}`;
const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]];
const url = `${base}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(base + '/')).status < 500) break;
  } catch {
    // not listening yet
  }
  if (i > 240) {
    console.error('The VS Code server did not answer within 60 s.');
    stop();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}
console.log(`\nKubewise in VS Code (browser): ${url}\n`);
if (exitWhenReady) stop();

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address();
      srv.close(() => resolve(p));
    });
  });
}
