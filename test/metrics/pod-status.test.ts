/**
 * The status columns from real pod JSON (the shapes the API server returns): kubectl's STATUS, READY and RESTARTS for
 * running, crash-looping, image-pull, initialising, pending, terminating and completed pods, native sidecars,
 * OOM kills with the memory limit then in force, the QoS class, and kubectl's age format.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { V1Pod } from '@kubernetes/client-node';
import { humanDuration, oomKills, podStatus, qosClass } from '../../client/src/metrics/pod-status';

const MI = 2 ** 20;
const CREATED = '2026-12-01T08:00:00Z';

type Json = Record<string, unknown>;

function pod(spec: Json, status: Json, metadata: Json = {}): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-7d4b9c8f6-x2k4p', namespace: 'shop', creationTimestamp: CREATED, ...metadata },
    spec: { restartPolicy: 'Always', ...spec },
    status,
  } as unknown as V1Pod;
}

const app = (name = 'app', resources: Json = {}): Json => ({ name, image: 'registry.example.com/app:1', resources });
const running = (name = 'app', extra: Json = {}): Json => ({
  name,
  ready: true,
  started: true,
  restartCount: 0,
  image: 'registry.example.com/app:1',
  imageID: '',
  state: { running: { startedAt: CREATED } },
  lastState: {},
  ...extra,
});
const readyConditions = [
  { type: 'Initialized', status: 'True' },
  { type: 'Ready', status: 'True' },
  { type: 'ContainersReady', status: 'True' },
  { type: 'PodScheduled', status: 'True' },
];

describe('kubectl STATUS, READY and RESTARTS', () => {
  test('a running pod', () => {
    const s = podStatus(
      pod({ containers: [app()] }, { phase: 'Running', conditions: readyConditions, containerStatuses: [running()] }),
    );
    assert.equal(s.status, 'Running');
    assert.equal(s.ready, '1/1');
    assert.equal(s.restarts, 0);
    assert.equal(s.lastRestart, undefined);
    assert.equal(s.created, Date.parse(CREATED));
    assert.deepEqual(
      s.containers.map((c) => [c.name, c.state, c.restarts]),
      [['app', 'Running', 0]],
    );
  });

  test('CrashLoopBackOff, with the restarts and when the last one ended', () => {
    const s = podStatus(
      pod(
        { containers: [app()] },
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
          containerStatuses: [
            running('app', {
              ready: false,
              started: false,
              restartCount: 5,
              state: {
                waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' },
              },
              lastState: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  startedAt: '2026-12-03T06:58:00Z',
                  finishedAt: '2026-12-03T06:59:00Z',
                },
              },
            }),
          ],
        },
      ),
    );
    assert.equal(s.status, 'CrashLoopBackOff');
    assert.equal(s.ready, '0/1');
    assert.equal(s.restarts, 5);
    assert.equal(s.lastRestart, Date.parse('2026-12-03T06:59:00Z'));
    assert.equal(s.containers[0]!.state, 'CrashLoopBackOff');
    assert.equal(s.containers[0]!.lastTermination?.reason, 'Error');
  });

  test('ImagePullBackOff and ErrImagePull are the waiting reason', () => {
    for (const reason of ['ImagePullBackOff', 'ErrImagePull', 'ContainerCreating']) {
      const s = podStatus(
        pod(
          { containers: [app()] },
          {
            phase: 'Pending',
            containerStatuses: [running('app', { ready: false, started: false, state: { waiting: { reason } } })],
          },
        ),
      );
      assert.equal(s.status, reason);
    }
  });

  test('Init:0/1 while the first init container runs, Init:CrashLoopBackOff when it keeps failing', () => {
    const spec = { initContainers: [app('migrate')], containers: [app()] };
    const waitingApp = running('app', {
      ready: false,
      started: false,
      state: { waiting: { reason: 'PodInitializing' } },
    });
    const initRunning = podStatus(
      pod(spec, {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized' }],
        initContainerStatuses: [running('migrate', { ready: false })],
        containerStatuses: [waitingApp],
      }),
    );
    assert.equal(initRunning.status, 'Init:0/1');
    assert.equal(initRunning.ready, '0/1');
    const initFailing = podStatus(
      pod(spec, {
        phase: 'Pending',
        initContainerStatuses: [
          running('migrate', {
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 2, reason: 'Error', finishedAt: '2026-12-03T06:59:00Z' } },
          }),
        ],
        containerStatuses: [waitingApp],
      }),
    );
    assert.equal(initFailing.status, 'Init:CrashLoopBackOff');
    assert.equal(initFailing.restarts, 3, 'init restarts count while initialising');
    const initExit = podStatus(
      pod(spec, {
        phase: 'Pending',
        initContainerStatuses: [running('migrate', { ready: false, state: { terminated: { exitCode: 3 } } })],
        containerStatuses: [waitingApp],
      }),
    );
    assert.equal(initExit.status, 'Init:ExitCode:3');
  });

  test('Pending (unschedulable) and SchedulingGated', () => {
    const pending = podStatus(
      pod(
        { containers: [app()] },
        { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] },
      ),
    );
    assert.equal(pending.status, 'Pending');
    assert.equal(pending.containers[0]!.state, 'Waiting');
    const gated = podStatus(
      pod(
        { containers: [app()] },
        { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
      ),
    );
    assert.equal(gated.status, 'SchedulingGated');
  });

  test('Terminating while being deleted, Unknown when its node is lost', () => {
    const status = { phase: 'Running', conditions: readyConditions, containerStatuses: [running()] };
    const deleting = { deletionTimestamp: '2026-12-03T07:00:00Z', deletionGracePeriodSeconds: 30 };
    assert.equal(podStatus(pod({ containers: [app()] }, status, deleting)).status, 'Terminating');
    assert.equal(
      podStatus(pod({ containers: [app()] }, { ...status, reason: 'NodeLost' }, deleting)).status,
      'Unknown',
    );
  });

  test('Completed for a finished Job pod; Error for a failed one', () => {
    const done = (exitCode: number, reason: string, phase: string) =>
      podStatus(
        pod(
          { containers: [app()], restartPolicy: 'Never' },
          {
            phase,
            containerStatuses: [
              running('app', {
                ready: false,
                started: false,
                state: { terminated: { exitCode, reason, finishedAt: '2026-12-03T06:59:00Z' } },
              }),
            ],
          },
        ),
      );
    assert.equal(done(0, 'Completed', 'Succeeded').status, 'Completed');
    assert.equal(done(1, 'Error', 'Failed').status, 'Error');
  });

  test('a native sidecar counts in READY and its restarts count', () => {
    const s = podStatus(
      pod(
        {
          initContainers: [{ ...app('proxy'), restartPolicy: 'Always' }, app('migrate')],
          containers: [app()],
        },
        {
          phase: 'Running',
          conditions: readyConditions,
          initContainerStatuses: [
            running('proxy', { restartCount: 2, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }),
            running('migrate', {
              ready: false,
              started: false,
              state: { terminated: { exitCode: 0, reason: 'Completed' } },
            }),
          ],
          containerStatuses: [running()],
        },
      ),
    );
    assert.equal(s.status, 'Running');
    assert.equal(s.ready, '2/2');
    assert.equal(s.restarts, 2);
    const proxy = s.containers.find((c) => c.name === 'proxy')!;
    assert.equal(proxy.sidecar, true);
    assert.equal(proxy.init, true);
    assert.equal(s.containers.find((c) => c.name === 'migrate')!.sidecar, false);
  });

  test('a Completed container beside a running one reads Running (or NotReady)', () => {
    const spec = { containers: [app('a'), app('b')] };
    const statuses = [
      running('a'),
      running('b', { ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
    ];
    assert.equal(
      podStatus(pod(spec, { phase: 'Running', conditions: readyConditions, containerStatuses: statuses })).status,
      'Running',
    );
    assert.equal(
      podStatus(pod(spec, { phase: 'Running', conditions: [], containerStatuses: statuses })).status,
      'NotReady',
    );
  });
});

describe('OOM kills', () => {
  const oomPod = (statusResources?: Json) =>
    pod(
      { containers: [app('app', { requests: { memory: '200Mi' }, limits: { memory: '256Mi' } })] },
      {
        phase: 'Running',
        conditions: readyConditions,
        containerStatuses: [
          running('app', {
            restartCount: 1,
            lastState: {
              terminated: {
                exitCode: 137,
                reason: 'OOMKilled',
                startedAt: '2026-12-03T06:00:00Z',
                finishedAt: '2026-12-03T06:30:00Z',
              },
            },
            ...(statusResources ? { resources: statusResources } : {}),
          }),
        ],
      },
    );

  test('the last termination names OOMKilled and the limit from the spec', () => {
    const s = podStatus(oomPod());
    assert.equal(s.status, 'Running');
    assert.equal(s.restarts, 1);
    assert.deepEqual(s.containers[0]!.lastTermination, {
      reason: 'OOMKilled',
      exitCode: 137,
      finishedAt: Date.parse('2026-12-03T06:30:00Z'),
      memoryLimit: 256 * MI,
    });
    assert.deepEqual(oomKills(oomPod()), [
      { container: 'app', finishedAt: Date.parse('2026-12-03T06:30:00Z'), memoryLimit: 256 * MI },
    ]);
  });

  test('after an in-place resize the limit applied (from the status) is the one reported', () => {
    const kills = oomKills(oomPod({ requests: { memory: '200Mi' }, limits: { memory: '512Mi' } }));
    assert.equal(kills[0]!.memoryLimit, 512 * MI);
  });

  test('times given as Date objects (as client-node deserialises them) are read too', () => {
    const p = oomPod();
    const cs = p.status!.containerStatuses![0]!;
    cs.lastState!.terminated!.finishedAt = new Date('2026-12-03T06:30:00Z');
    p.metadata!.creationTimestamp = new Date(CREATED);
    assert.equal(oomKills(p)[0]!.finishedAt, Date.parse('2026-12-03T06:30:00Z'));
    assert.equal(podStatus(p).created, Date.parse(CREATED));
  });

  test('a pod that was never OOM killed has none', () => {
    const p = pod({ containers: [app()] }, { phase: 'Running', containerStatuses: [running()] });
    assert.deepEqual(oomKills(p), []);
  });
});

describe('QoS class', () => {
  const withResources = (...rs: Json[]) => pod({ containers: rs.map((r, i) => app(`c${i}`, r)) }, { phase: 'Running' });

  test('status.qosClass wins when the API server set it', () => {
    const p = withResources({});
    (p.status as Json).qosClass = 'Guaranteed';
    assert.equal(qosClass(p), 'Guaranteed');
  });

  test('computed as Kubernetes does when the status has none', () => {
    assert.equal(qosClass(withResources({}, {})), 'BestEffort');
    assert.equal(
      qosClass(withResources({ requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '0.5', memory: '128Mi' } })),
      'Guaranteed',
    );
    assert.equal(
      qosClass(withResources({ requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '1', memory: '128Mi' } })),
      'Burstable',
    );
    assert.equal(qosClass(withResources({ limits: { cpu: '1', memory: '1Gi' } }, {})), 'Burstable');
    assert.equal(qosClass(withResources({ requests: { cpu: '100m' } })), 'Burstable');
    // An init container without limits makes the pod Burstable too.
    const p = pod(
      {
        initContainers: [app('init')],
        containers: [app('c', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } })],
      },
      { phase: 'Running' },
    );
    assert.equal(qosClass(p), 'Burstable');
  });
});

describe('age as kubectl prints it', () => {
  const S = 1000;
  const M = 60 * S;
  const H = 60 * M;
  const D = 24 * H;
  const cases: [number, string][] = [
    [-5 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [3 * M + 12 * S, '3m12s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [5 * H + 30 * M, '5h30m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [3 * D + 4 * H, '3d4h'],
    [7 * D, '7d'],
    [400 * D, '400d'],
    [2 * 365 * D + 10 * D, '2y10d'],
    [9 * 365 * D, '9y'],
  ];
  for (const [ms, text] of cases) test(`${ms} ms → ${text}`, () => assert.equal(humanDuration(ms), text));
});
