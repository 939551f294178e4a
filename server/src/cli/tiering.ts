/**
 * V8's tiering tuned for a process that lives about a second. By default V8 sends a function to its optimizing
 * compiler (TurboFan, on background threads) once it has run about 66 KB of bytecode; in a `kubewise lint` of a
 * 10,000-line file that is some 140 functions, and their compilation took as much CPU as the lint's own thread
 * spent parsing (about 400 ms on background threads, against 150 ms in a process that only parses the file). With a
 * budget four times larger, only the functions that stay hot are optimized: whole-process CPU down by about 15 %
 * on that file and on a 373-file tree, less wall time on a busy machine, and no loss on a 60,000-line file.
 *
 * A flag V8 counts in its code-cache check: it is set before the bundle is compiled, here and in the build's
 * training run alike (./code-cache-train.ts), so that the shipped cache matches (see ./code-cache.ts).
 */
import { setFlagsFromString } from 'node:v8';

/**
 * V8's default budget (V8 11 in Node 20) times four; and V8's `gc` function for contexts made from now on, which the
 * CLI calls once before a large lint (./heap.ts).
 */
export const SHORT_RUN_FLAGS = '--interrupt-budget=270336 --expose-gc';

export function tuneForShortRun(): void {
  setFlagsFromString(SHORT_RUN_FLAGS);
}
