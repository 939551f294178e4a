/**
 * One full garbage collection at the start of a large lint, while V8's heap is still small.
 *
 * V8 sets its first limit for the old generation at its first scavenges, a few megabytes above what is live then
 * (in `kubewise`, mostly the code cache's bytecode). A lint keeps every parsed object until the cross-object rules
 * have run, so an input of a few thousand lines outgrows that limit while it is being parsed: V8 then marks the whole
 * heap incrementally, with every write of the parser going through its marking barrier, and stops the thread to
 * finish (on the 10,000-line file: marking steps of about 6 ms spread over the parse, then a 7 ms pause). A full
 * collection before the parse costs about 3 ms on the small heap, and V8 then sets its next limit at four times what
 * survived: the parse and the rules run without marking, and the next full collection comes as the report is
 * written (a 1 ms pause and 3-4 ms of steps). On that file, in interleaved runs of the whole process: wall time
 * about -1 to -2 % (docs/cli.md, Performance).
 *
 * Only the `kubewise` process does it (`CliIO.beforeLargeLint`), only once, and only on the thread that lints: worker
 * threads lint a share each, in heaps of their own.
 */
import { runInNewContext } from 'node:vm';

/**
 * Text read by one lint on this thread from which it collects first: about 3,000 lines of manifest. A lint of that
 * size already meets one full collection, but a cheap one (a 1 ms pause), and the early one costs about as much.
 */
export const LARGE_LINT_CHARS = 64_000;

/**
 * A full collection now. V8's `gc` exists under `--expose-gc` (set with the other V8 flags of a short run,
 * ./tiering.ts, before the bundle compiles) in contexts made after the flag: this process's own context was made
 * before it, so a new one lends it. Without the flag this does nothing.
 */
export function collectBeforeLargeLint(): void {
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  if (typeof gc === 'function') (gc as () => void)();
}
