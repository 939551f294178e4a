/**
 * The pure parts of the panel: quantities as people write them, the page's row logic (client/webview/metrics/rows.ts,
 * bundled into the page, imported here in Node), message validation, and the ring buffer (recommendations:
 * rightsizing.test.ts).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { RingBuffer, SampleColumns, UsageHistory } from '../../client/src/metrics/history';
import type { PanelPod } from '../../client/src/metrics/messages';
import { parseFromWebview } from '../../client/src/metrics/messages';
import {
  formatCpu,
  formatMemory,
  manifestCpu,
  manifestMemory,
  quantityValue,
  percentOf,
} from '../../server/src/protocol/quantity';
import { firstLine } from '../../client/src/metrics/problems';
import { safeServer } from '../../client/src/metrics/view-model';
import * as rows from '../../client/webview/metrics/rows';

const MI = 2 ** 20;

/** A snapshot for the history's tests: pods `ns/<name>` of one `app` container each, with its CPU (none: no usage). */
function historySnapshot(t: number, owner: string, pods: readonly [string, number | undefined][]) {
  return {
    context: 'c',
    server: 's',
    namespace: 'default',
    time: t,
    metrics: true,
    problems: [],
    pods: pods.map(([n, cpu]) => ({
      key: `ns/${n}`,
      namespace: 'ns',
      name: n,
      node: '',
      phase: 'Running',
      labels: {},
      owner,
      containers: [{ name: 'app', sidecar: false, ...(cpu !== undefined ? { cpu, mem: 1 } : {}) }],
    })),
  };
}

describe('quantities', () => {
  test('parse every form the API and manifests use', () => {
    assert.equal(quantityValue('1522429n'), 0.001522429);
    assert.equal(quantityValue('250m'), 0.25);
    assert.equal(quantityValue('2'), 2);
    assert.equal(quantityValue('0.5'), 0.5);
    assert.equal(quantityValue('3216Ki'), 3216 * 1024);
    assert.equal(quantityValue('1.5Gi'), 1.5 * 2 ** 30);
    assert.equal(quantityValue('128M'), 128e6);
    assert.equal(quantityValue('1e3'), 1000);
    assert.equal(quantityValue('12abc'), undefined);
    assert.equal(quantityValue(undefined), undefined);
  });

  test('written as people write them, and the page writes them the same way', () => {
    const cases: Array<[number, string]> = [
      [0.038, '38m'],
      [0.25, '250m'],
      [0.0005, '0.5m'],
      [1.5, '1500m'],
      [1, '1'],
      [2, '2'],
      [0.9999, '1000m'],
      [12.34, '12.3'],
      [0, '0'],
    ];
    for (const [v, s] of cases) {
      assert.equal(formatCpu(v), s);
      assert.equal(rows.formatCpu(v), s);
    }
    const mem: Array<[number, string]> = [
      [120 * MI, '120Mi'],
      [1.2 * 2 ** 30, '1.2Gi'],
      [512 * 1024, '512Ki'],
      [900, '900'],
      [3.5 * MI, '3.5Mi'],
    ];
    for (const [v, s] of mem) {
      assert.equal(formatMemory(v), s);
      assert.equal(rows.formatMemory(v), s);
    }
    assert.equal(manifestCpu(0.0431), '44m');
    assert.equal(manifestCpu(2), '2');
    assert.equal(manifestMemory(100.2 * MI), '101Mi');
    assert.equal(manifestMemory(2 ** 30), '1Gi');
    assert.equal(percentOf(0.038, 0.5), 7);
    assert.equal(percentOf(1, 0), undefined);
  });
});

function pod(
  ns: string,
  name: string,
  cpu: number | null,
  cpuReq: number | null,
  containers: string[] = ['app'],
): PanelPod {
  return {
    key: `${ns}/${name}`,
    namespace: ns,
    name,
    node: 'n1',
    phase: 'Running',
    status: 'Running',
    ready: '1/1',
    restarts: 0,
    lastRestart: null,
    qos: 'Burstable',
    created: null,
    owner: `Deployment/${name.split('-')[0]}`,
    cpu,
    mem: 10 * MI,
    cpuReq,
    cpuLim: null,
    memReq: 20 * MI,
    memLim: null,
    containers: containers.map((c) => ({
      name: c,
      sidecar: false,
      state: 'Running',
      restarts: 0,
      last: null,
      cpu,
      mem: 10 * MI,
      cpuReq,
      cpuLim: null,
      memReq: 20 * MI,
      memLim: null,
      cpuHist: [0.01, 0.02, 0.015],
      memHist: [],
      rec: null,
    })),
  };
}

describe('the page rows (rows.ts)', () => {
  const pods = [
    pod('b', 'web-1', 0.3, 0.5),
    pod('a', 'api-1', 0.1, 0.5),
    pod('a', 'api-2', 0.4, 0.5),
    pod('a', 'idle-1', null, 0.1),
  ];

  test('grouped by namespace, each pod followed by its containers', () => {
    const r = rows.flatten(pods, {});
    assert.deepEqual(
      r.map((x) => (x.kind === 'ns' ? `#${x.namespace}` : x.kind === 'pod' ? x.pod!.name : `  ${x.c!.name}`)),
      ['#a', 'api-1', '  app', 'api-2', '  app', 'idle-1', '  app', '#b', 'web-1', '  app'],
    );
  });

  test('sorting by %CPU/R puts the busiest first and unknown usage last; filter and namespace narrow', () => {
    const r = rows.flatten(pods, { sortKey: 'cpuR' }).filter((x) => x.kind === 'pod');
    assert.deepEqual(
      r.map((x) => x.pod!.name),
      ['api-2', 'api-1', 'idle-1', 'web-1'],
    );
    const asc = rows.flatten(pods, { sortKey: 'cpuR', sortDir: 'asc' }).filter((x) => x.kind === 'pod');
    assert.deepEqual(
      asc.map((x) => x.pod!.name),
      ['api-1', 'api-2', 'idle-1', 'web-1'],
    );
    assert.deepEqual(
      rows
        .flatten(pods, { filter: 'WEB' })
        .filter((x) => x.kind === 'pod')
        .map((x) => x.pod!.name),
      ['web-1'],
    );
    assert.deepEqual(
      rows.flatten(pods, { namespace: 'b' }).map((x) => x.kind),
      ['ns', 'pod', 'ctr'],
    );
    assert.deepEqual(
      rows
        .flatten(pods, { only: { 'a/api-2': true } })
        .filter((x) => x.kind === 'pod')
        .map((x) => x.pod!.name),
      ['api-2'],
    );
  });

  test('a row is text (names and figures), escaped; sparklines are inline SVG', () => {
    const evil = pod('ns', '<img src=x onerror=alert(1)>', 0.25, 0.5);
    const html = rows.rowHtml({ kind: 'pod', pod: evil });
    assert.ok(!html.includes('<img'), html);
    assert.match(html, /&lt;img/);
    assert.match(html, />250m</);
    assert.match(html, />500m:-</);
    assert.match(html, />50%</);
    assert.match(
      rows.rowHtml({ kind: 'ctr', pod: evil, c: evil.containers[0] }),
      /<svg class="spark cpu"[^>]*><polyline points="/,
    );
  });
});

describe('the page keeps the sparkline history itself', () => {
  test('sent once, then appended from each snapshot, bounded, and dropped for gone containers or a new context', () => {
    const snap = (history: boolean, cpu: number, hist: number[] = [], context = 'c', names = ['a-1']) => ({
      history,
      context,
      sparkPoints: 3,
      pods: names.map((n) => {
        const p = pod('ns', n, cpu, 0.5);
        return { ...p, containers: p.containers.map((c) => ({ ...c, cpuHist: hist, memHist: hist })) };
      }),
    });
    const first = snap(true, 0.1, [0.01, 0.02]);
    let store = rows.keepHistory({ context: null, byKey: {} }, first);
    assert.deepEqual(first.pods[0]!.containers[0]!.cpuHist, [0.01, 0.02]);
    const second = snap(false, 0.03);
    store = rows.keepHistory(store, second);
    assert.deepEqual(second.pods[0]!.containers[0]!.cpuHist, [0.01, 0.02, 0.03]);
    const third = snap(false, 0.04, [], 'c', ['a-1', 'b-1']);
    store = rows.keepHistory(store, third);
    assert.deepEqual(third.pods[0]!.containers[0]!.cpuHist, [0.02, 0.03, 0.04], 'bounded to sparkPoints');
    assert.deepEqual(third.pods[1]!.containers[0]!.cpuHist, [0.04], 'a new container starts with its first figure');
    const other = snap(false, 0.5, [], 'other-context');
    rows.keepHistory(store, other);
    assert.deepEqual(other.pods[0]!.containers[0]!.cpuHist, [0.5], 'a new context starts afresh');
  });
});

describe('messages from the webview are validated', () => {
  test('known messages pass, anything else is dropped', () => {
    assert.deepEqual(parseFromWebview({ type: 'refresh' }), { type: 'refresh' });
    assert.deepEqual(parseFromWebview({ type: 'selectContext', context: 'prod' }), {
      type: 'selectContext',
      context: 'prod',
    });
    assert.deepEqual(parseFromWebview({ type: 'applyRecommendation', pod: 'shop/web-1', container: 'nginx' }), {
      type: 'applyRecommendation',
      pod: 'shop/web-1',
      container: 'nginx',
    });
    for (const bad of [
      null,
      'refresh',
      [],
      { type: 'refresh', extra: 1 },
      { type: 'selectContext' },
      { type: 'selectContext', context: 42 },
      { type: 'selectContext', context: 'x'.repeat(300) },
      { type: 'applyRecommendation', pod: 'a b', container: 'c' },
      { type: 'applyRecommendation', pod: 'shop/web', container: 'c', command: 'rm -rf' },
      { type: 'runCommand', command: 'x' },
      { type: 'manageTrust', command: 'workbench.action.terminal.new' },
      { type: 'cancelCredential', context: 'prod' },
    ]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
    assert.deepEqual(parseFromWebview({ type: 'cancelCredential' }), { type: 'cancelCredential' });
    assert.deepEqual(parseFromWebview({ type: 'manageTrust' }), { type: 'manageTrust' });
  });

  test("a problem card's buttons make its next step one click", () => {
    const labels = (k: Parameters<typeof rows.problemActions>[0]) =>
      rows.problemActions(k).map((a) => `${a.label}:${a.message.type}`);
    // An untrusted workspace: open VS Code's trust editor, or pick a context that needs no command.
    assert.deepEqual(labels('exec-untrusted'), ['Manage Workspace Trust:manageTrust', 'Choose context:pickContext']);
    assert.deepEqual(labels('no-kubeconfig'), ['Open settings:openSettings']);
    assert.deepEqual(labels('unknown-context'), ['Choose context:pickContext']);
    assert.deepEqual(labels('credential-cancelled'), ['Refresh:refresh']);
    assert.deepEqual(labels('metrics-absent'), []);
    // Every button sends a message the extension accepts.
    for (const a of rows.problemActions('exec-untrusted')) assert.deepEqual(parseFromWebview(a.message), a.message);
  });

  test('the server URL shown has no user info or query, nor has an error message', () => {
    assert.equal(safeServer('https://user:secret@k8s.example.com:6443/?token=abc'), 'https://k8s.example.com:6443');
    assert.equal(
      firstLine('request to https://admin:s3cret@k8s.example.com:6443/api/v1/pods failed\n    at x (y.js:1:2)'),
      'request to https://k8s.example.com:6443/api/v1/pods failed',
    );
  });
});

describe('history and recommendations', () => {
  test('the ring buffer keeps the newest samples only', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    assert.deepEqual(r.toArray(), [3, 4, 5]);
    assert.equal(r.size, 3);
    assert.equal(r.last(), 5);
  });

  test('sample rings share columns without touching each other, and a released slot starts empty', () => {
    const columns = new SampleColumns(4);
    // More rings than one block holds, pushed in turns, each past its capacity.
    const rings = Array.from({ length: 300 }, () => columns.ring());
    for (let k = 0; k < 6; k++) rings.forEach((r, i) => r.push(1000 * i + k, i + k / 10, 1024 * (10 * i + k)));
    for (const i of [0, 1, 255, 256, 299]) {
      const r = rings[i]!;
      assert.equal(r.size, 4);
      assert.equal(r.lastTime(), 1000 * i + 5);
      assert.deepEqual(
        r.lastN().map((s) => s.t),
        [2, 3, 4, 5].map((k) => 1000 * i + k),
        `ring ${i}`,
      );
      assert.deepEqual(
        r.lastN(2).map((s) => s.mem),
        [4, 5].map((k) => 1024 * (10 * i + k)),
      );
    }
    columns.release(rings[256]!);
    const again = columns.ring();
    assert.equal(again.slot, rings[256]!.slot, 'the slot is used again');
    assert.equal(again.size, 0);
    assert.equal(again.lastTime(), -Infinity);
    again.push(7, 0.5, 8);
    assert.deepEqual(again.lastN(), [{ t: 7, cpu: 0.5, mem: 8 }]);
    assert.equal(rings[255]!.lastTime(), 255_005, 'its neighbours are untouched');
    assert.equal(rings[257]!.lastTime(), 257_005);
  });

  test('history per container is bounded, and forgets containers that are gone', () => {
    const h = new UsageHistory(5, 2);
    const snap = (t: number, names: string[]) =>
      historySnapshot(
        t,
        '',
        names.map((n) => [n, t / 1000]),
      );
    for (let t = 1; t <= 8; t++) h.record(snap(t, ['a', 'b']));
    assert.equal(h.samples('ns/a/app').length, 5);
    assert.deepEqual(
      h.samples('ns/a/app').map((s) => s.t),
      [4, 5, 6, 7, 8],
    );
    h.record(snap(8, ['a', 'b']));
    assert.equal(h.samples('ns/a/app').length, 5, 'the same timestamp is not recorded twice');
    h.record(snap(9, ['a']));
    h.record(snap(10, ['a']));
    assert.equal(h.containers, 1, 'b was forgotten');
  });

  test('a container without usage long enough to be forgotten starts a new history, apart from the others', () => {
    const h = new UsageHistory(5, 2);
    const snap = (t: number, pods: [string, number | undefined][]) => historySnapshot(t, 'Deployment/web', pods);
    for (let t = 1; t <= 3; t++) h.record(snap(t, [['a', 0.1]]));
    // The pod stays, its usage does not come: its samples are forgotten (and their slot given back) …
    for (let t = 4; t <= 6; t++) h.record(snap(t, [['a', undefined]]));
    assert.equal(h.containers, 0);
    // … and taken by a new pod's container; then a's usage comes back.
    h.record(snap(7, [['c', 0.3]]));
    h.record(
      snap(8, [
        ['a', 0.2],
        ['c', 0.3],
      ]),
    );
    assert.deepEqual(
      h.samples('ns/a/app').map((x) => [x.t, x.cpu]),
      [[8, Math.fround(0.2)]],
    );
    assert.deepEqual(
      h.samples('ns/c/app').map((x) => [x.t, x.cpu]),
      [
        [7, Math.fround(0.3)],
        [8, Math.fround(0.3)],
      ],
    );
    assert.equal(h.workload('ns/Deployment/web/app')!.stats.evidence.pods, 2, 'a and c');
  });
});
