/**
 * Incremental refreshes: the delta the extension computes (client/src/metrics/pods-delta.ts) applied by the page's
 * own code (client/webview/metrics/rows.ts applyDelta, bundled into the page, imported here in Node) gives the new pods.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { PanelPod, SnapshotMessage } from '../../client/src/metrics/messages';
import { deltaMessage, isEmptyDelta, podPatch, podsDelta, type PodsDelta } from '../../client/src/metrics/pods-delta';
import * as rows from '../../client/webview/metrics/rows';

function pod(name: string, cpu: number, hist: number[] = []): PanelPod {
  return {
    key: `default/${name}`,
    namespace: 'default',
    name,
    node: 'node-1',
    phase: 'Running',
    status: 'Running',
    ready: '1/1',
    restarts: 0,
    lastRestart: null,
    qos: 'Burstable',
    created: null,
    owner: 'Deployment/web',
    cpu,
    mem: 1000,
    cpuReq: 0.1,
    cpuLim: null,
    memReq: 2000,
    memLim: 4000,
    containers: [
      {
        name: 'app',
        sidecar: false,
        state: 'Running',
        restarts: 0,
        last: null,
        cpu,
        mem: 1000,
        cpuReq: 0.1,
        cpuLim: null,
        memReq: 2000,
        memLim: 4000,
        cpuHist: hist,
        memHist: hist,
        rec: null,
      },
    ],
  };
}

/** The delta as the page receives it (through JSON, as postMessage clones it). */
function apply(before: PanelPod[], d: PodsDelta, count: number): PanelPod[] | null {
  return rows.applyDelta(
    JSON.parse(JSON.stringify(before)) as PanelPod[],
    JSON.parse(JSON.stringify({ ...d, count })) as unknown,
  );
}

const byKey = (ps: readonly PanelPod[] | null) => (ps ? [...ps].sort((a, b) => (a.key < b.key ? -1 : 1)) : ps);

describe('pods delta', () => {
  const before = [pod('a', 0.01), pod('b', 0.02), pod('c', 0.03)];

  test('added, removed and changed pods are found, and applied give the new pods', () => {
    const after = [pod('a', 0.01), pod('c', 0.05), pod('d', 0.04)];
    const d = podsDelta(before, after);
    assert.deepEqual(
      d.added.map((p) => p.key),
      ['default/d'],
    );
    assert.deepEqual(d.removed, ['default/b']);
    assert.deepEqual(
      d.changed.map((p) => p.key),
      ['default/c'],
    );
    assert.deepEqual(byKey(apply(before, d, after.length)), byKey(after));
  });

  test('only additions, only removals, only changes', () => {
    for (const after of [[...before, pod('z', 1)], [before[0]!], before.map((p, i) => pod(p.name, 0.5 + i)), []]) {
      const d = podsDelta(before, after);
      assert.deepEqual(byKey(apply(before, d, after.length)), byKey(after));
    }
    assert.equal(podsDelta([], before).added.length, 3);
    assert.deepEqual(byKey(apply([], podsDelta([], before), 3)), byKey(before));
  });

  test('no change gives an empty delta, and applying it keeps the pods', () => {
    const same = before.map((p) => pod(p.name, p.cpu!));
    const d = podsDelta(before, same);
    assert.ok(isEmptyDelta(d));
    assert.deepEqual(apply(before, d, 3), before);
  });

  test('the sparkline history (kept by the page) does not make a pod changed', () => {
    const d = podsDelta([pod('a', 0.01, [1, 2, 3])], [pod('a', 0.01)]);
    assert.ok(isEmptyDelta(d));
    assert.equal(podsDelta([pod('a', 0.01)], [pod('a', 0.02)]).changed.length, 1);
    // A change only inside a container (its recommendation) still counts.
    const rec = { cpuReq: 0.1, memReq: 1, memLim: 2, low: true, samples: 3 };
    const withRec = pod('a', 0.01);
    const d2 = podsDelta([withRec], [{ ...withRec, containers: [{ ...withRec.containers[0]!, rec }] }]);
    assert.equal(d2.changed.length, 1);
  });

  test('a delta that does not fit the pods held is refused (the page then asks for a full snapshot)', () => {
    const d = podsDelta(before, [pod('a', 0.01)]);
    assert.equal(apply(before, d, 2), null, 'wrong count');
    assert.equal(apply([before[0]!], d, 1), null, 'removes a pod the page does not hold');
    assert.equal(apply(before, { added: [pod('a', 1)], removed: [], changed: [] }, 4), null, 'adds a duplicate key');
    assert.equal(
      apply(before, { added: [], removed: [], changed: [{ key: 'default/q', set: { cpu: 1 } }] }, 3),
      null,
      'changes an unknown pod',
    );
    assert.equal(rows.applyDelta(before, { added: [{ key: 1 }], removed: [], changed: [], count: 4 }), null);
    assert.equal(rows.applyDelta(before, { type: 'delta' }), null);
  });

  test('the delta message carries the snapshot header, the count and no full pod list', () => {
    const after = [pod('a', 0.01), pod('b', 0.09), pod('c', 0.03)];
    const snap: SnapshotMessage = {
      type: 'snapshot',
      context: 'kind',
      contexts: ['kind'],
      server: 'https://127.0.0.1:6443',
      time: 1,
      intervalSec: 15,
      pace: null,
      metrics: true,
      nodes: null,
      pods: after,
      problems: [],
      focus: null,
      method: 'p95',
      history: false,
      sparkPoints: 30,
    };
    const m = deltaMessage(before, snap);
    assert.equal(m.type, 'delta');
    assert.equal(m.count, 3);
    assert.equal(m.context, 'kind');
    assert.ok(!('pods' in m) && !('history' in m));
    assert.deepEqual(
      m.changed.map((p) => p.key),
      ['default/b'],
    );
    assert.deepEqual(rows.applyDelta(before, JSON.parse(JSON.stringify(m))), after);
  });
});

describe('a changed pod carries only what changed', () => {
  test('new figures: the figures, not the names, requests or unchanged containers', () => {
    const a = pod('a', 0.01);
    const b = pod('a', 0.02);
    const patch = podPatch(a, b)!;
    assert.deepEqual(patch, { key: 'default/a', set: { cpu: 0.02 }, containers: [{ cpu: 0.02 }] });
    assert.deepEqual(apply([a], { added: [], removed: [], changed: [patch] }, 1), [b]);
  });

  test('a new status, a restart and an OOM kill are changes', () => {
    const a = pod('a', 0.01);
    const last = { reason: 'OOMKilled', at: 1_000, memLim: 4000 };
    const b: PanelPod = {
      ...a,
      restarts: 1,
      status: 'CrashLoopBackOff',
      containers: [{ ...a.containers[0]!, restarts: 1, state: 'CrashLoopBackOff', last }],
    };
    const patch = podPatch(a, b)!;
    assert.deepEqual(patch.set, { status: 'CrashLoopBackOff', restarts: 1 });
    assert.deepEqual(patch.containers, [{ state: 'CrashLoopBackOff', restarts: 1, last }]);
    assert.deepEqual(apply([a], { added: [], removed: [], changed: [patch] }, 1), [b]);
  });

  test('one more sample behind a recommendation is not a change; a moved recommendation is', () => {
    const rec = { cpuReq: 0.1, memReq: 1, memLim: 2, low: true, samples: 3 };
    const a = pod('a', 0.01);
    const withRec = (r: typeof rec): PanelPod => ({ ...a, containers: [{ ...a.containers[0]!, rec: r }] });
    assert.equal(podPatch(withRec(rec), withRec({ ...rec, samples: 4 })), undefined);
    const moved = podPatch(withRec(rec), withRec({ ...rec, cpuReq: 0.2, samples: 4 }))!;
    assert.deepEqual(moved.containers, [{ rec: { ...rec, cpuReq: 0.2, samples: 4 } }]);
  });

  test('containers renamed or reordered are sent whole', () => {
    const a = pod('a', 0.01);
    const b: PanelPod = { ...a, containers: [{ ...a.containers[0]!, name: 'app2' }] };
    const patch = podPatch(a, b)!;
    assert.deepEqual(patch.replaceContainers, b.containers);
    assert.deepEqual(apply([a], { added: [], removed: [], changed: [patch] }, 1), [b]);
  });

  test('a patch for containers the page does not hold is refused', () => {
    const a = pod('a', 0.01);
    const bad = { key: 'default/a', containers: [null, { cpu: 1 }] };
    assert.equal(rows.applyDelta([a], { added: [], removed: [], changed: [bad], count: 1 }), null);
  });
});
