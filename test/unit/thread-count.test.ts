/**
 * How many threads `kubewise lint` uses (server/src/cli/parallel.ts `threadCount`): an explicit `--jobs` is obeyed
 * (never more threads than files); the default stays on one thread below the file and core minimums, where threads
 * were measured to cost CPU without saving wall time.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AUTO_MIN_CORES, AUTO_MIN_FILES, threadCount } from '../../server/src/cli/parallel';

describe('threadCount', () => {
  it('obeys --jobs, with no more threads than files', () => {
    assert.equal(threadCount(3, 10, 2), 3);
    assert.equal(threadCount(4, 2, 8), 2);
    assert.equal(threadCount(1, 50_000, 16), 1);
  });

  it('stays on one thread by default on two cores, however many files', () => {
    assert.equal(threadCount(undefined, 6000, 2), 1);
    assert.equal(threadCount(undefined, 100_000, AUTO_MIN_CORES - 1), 1);
  });

  it('uses one thread per core by default from the file minimum on a machine with enough cores', () => {
    assert.equal(threadCount(undefined, AUTO_MIN_FILES - 1, 8), 1);
    assert.equal(threadCount(undefined, AUTO_MIN_FILES, 8), 8);
    assert.equal(threadCount(undefined, AUTO_MIN_FILES, AUTO_MIN_CORES), AUTO_MIN_CORES);
  });
});
