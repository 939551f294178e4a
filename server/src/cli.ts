/**
 * The `kubewise` command's bundle (server/out/cli-main.js, which the `kubewise` script server/out/cli.js loads with
 * its code cache: see ./cli-start.ts). Only process wiring lives here; the command itself is `run` in ./cli/main.ts.
 */
import { collectBeforeLargeLint } from './cli/heap';
import { isLintWorker } from './cli/lint-worker';
import { run } from './cli/main';
import { tuneProcessForThreads } from './cli/parallel';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

// A closed pipe (`kubewise lint | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// `kubewise lint --jobs N` starts this same bundle as its worker threads: those serve ./cli/lint-worker.ts only.
if (!isLintWorker()) main();

function main(): void {
  run(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    readStdin,
    beforeThreads: tuneProcessForThreads,
    beforeLargeLint: collectBeforeLargeLint,
  }).then(
    (code) => {
      // Set, not exit(): a large report piped to another program must be flushed first.
      process.exitCode = code;
    },
    (e: unknown) => {
      // Reaching here is a bug in kubewise, not a user mistake: one line, and the stack only on request.
      const err = e instanceof Error ? e : new Error(String(e));
      process.stderr.write(`kubewise: internal error: ${err.message}\n`);
      if (process.env.KUBEWISE_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
      else process.stderr.write('Set KUBEWISE_DEBUG=1 to see where it happened, and please report it.\n');
      process.exitCode = 2;
    },
  );
}
