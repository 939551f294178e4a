/**
 * A request's deadline (client/src/metrics/deadline.ts) fires even when a garbage collection runs during the wait,
 * which `AbortSignal.any([signal, AbortSignal.timeout(ms)])` does not in Node 20: a refresh against a hung API server
 * then never failed.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { deadline } from '../../client/src/metrics/deadline';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('the deadline aborts with a timeout after a garbage collection, with a caller signal and without', async () => {
  const parent = new AbortController();
  const withParent = deadline(parent.signal, 100).signal;
  const alone = deadline(undefined, 100).signal;
  // collect once the signals' creation is over (weak references made in a turn survive that turn)
  await wait(10);
  gc();
  gc();
  await wait(600);
  for (const s of [withParent, alone]) {
    assert.equal(s.aborted, true);
    assert.equal((s.reason as DOMException).name, 'TimeoutError');
  }
  assert.equal(parent.signal.aborted, false);
});

test("the caller's abort passes on with its reason; a cleared deadline no longer fires", async () => {
  const parent = new AbortController();
  const d = deadline(parent.signal, 10_000);
  parent.abort(new Error('superseded'));
  assert.equal(d.signal.aborted, true);
  assert.equal((d.signal.reason as Error).message, 'superseded');
  d.clear();

  const already = new AbortController();
  already.abort(new Error('before'));
  assert.equal((deadline(already.signal, 10_000).signal.reason as Error).message, 'before');

  const cleared = deadline(new AbortController().signal, 50);
  cleared.clear();
  await wait(200);
  assert.equal(cleared.signal.aborted, false);
});
