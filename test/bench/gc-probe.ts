/**
 * Preloaded into the language server by the memory bench only (`node --expose-gc -r gc-probe.js server.js`). On
 * SIGUSR2 it collects garbage (twice, so that objects freed by finalisers go too) and writes `process.memoryUsage()`
 * to the file named by `KUBEWISE_GC_PROBE_OUT`. RSS alone cannot tell memory still in use from garbage V8 has not
 * collected yet; the live heap after a full collection can.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.KUBEWISE_GC_PROBE_OUT;
const gc = (globalThis as { gc?: () => void }).gc;
if (out && gc) {
  process.on('SIGUSR2', () => {
    gc();
    gc();
    writeFileSync(out, JSON.stringify(process.memoryUsage()));
  });
}
