/**
 * The data's age and context in the lens and hover, and data that is not kept current shown as such: a hidden
 * panel, polling held after a credential command was stopped, and a refresh that failed since the last snapshot.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { freshnessOf } from '../../client/src/metrics/freshness';

const snap = { context: 'staging', time: 1_000_000 };
const live = { snap, polling: true, held: false, problem: undefined };

describe('freshness of the figures in the manifest', () => {
  test('live: the context and the age, nothing else', () => {
    assert.deepEqual(freshnessOf(live, snap.time + 12_000), { text: 'context staging · 12 s ago', paused: false });
  });

  test('hidden panel: paused, with the age of the last figures', () => {
    assert.deepEqual(freshnessOf({ ...live, polling: false }, snap.time + 6 * 60_000), {
      text: 'context staging · paused, from 6 min ago (the panel is hidden)',
      paused: true,
    });
  });

  test('polling held after a credential command was cancelled or timed out: paused, and how to resume', () => {
    const f = freshnessOf({ ...live, held: true }, snap.time + 2 * 60_000);
    assert.equal(f.paused, true);
    assert.equal(
      f.text,
      'context staging · paused, from 2 min ago (the credential command was stopped; Refresh in the panel to resume)',
    );
  });

  test('the last refresh failed: the figures are the last ones read, and the failure is named', () => {
    const f = freshnessOf({ ...live, problem: 'Cannot connect to the API server' }, snap.time + 45_000);
    assert.equal(f.paused, true);
    assert.equal(f.text, 'context staging · from 45 s ago (the last refresh failed: Cannot connect to the API server)');
  });

  test('nothing read yet: no text, and not live', () => {
    assert.deepEqual(freshnessOf({ ...live, snap: undefined }, 0), { text: '', paused: true });
  });
});
