/**
 * Entry point VS Code's extension host calls (`extensionTestsPath`): runs every `*.test.js` next to this file with
 * mocha and writes mocha's JSON report to `KUBEWISE_EXTENSION_RESULTS` (the host exits 0 whatever happens, so the
 * node:test wrapper reads the verdict from that file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const output = process.env.KUBEWISE_EXTENSION_RESULTS ?? path.join(__dirname, 'results.json');
  const grep = process.env.KUBEWISE_EXTENSION_GREP;
  const mocha = new Mocha({
    ui: 'tdd',
    timeout: 60_000,
    color: false,
    reporter: 'json',
    reporterOptions: { output },
    ...(grep ? { grep } : {}),
  });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  await new Promise<void>((resolve) => {
    try {
      mocha.run(() => resolve());
    } catch (e) {
      fs.writeFileSync(
        output,
        JSON.stringify({
          stats: { tests: 0, failures: 1 },
          failures: [{ fullTitle: 'mocha', err: { message: String(e) } }],
        }),
      );
      resolve();
    }
  });
}
