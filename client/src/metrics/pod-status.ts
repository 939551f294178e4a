/**
 * What k9s and `kubectl get pods` show beside usage, read from one pod's JSON: the STATUS column exactly as kubectl
 * prints it (CrashLoopBackOff, ImagePullBackOff, Init:0/1, Terminating, Completed …), READY, RESTARTS with the time of
 * the last restart, the QoS class, the age, and per container its state, restarts and last termination (OOMKilled,
 * with the memory limit that was in force). The right-sizing reads the OOM kills from here: memory is never
 * recommended below what a container was killed at.
 *
 * The STATUS logic follows kubectl's printer (pkg/printers/internalversion/printers.go, printPod) step by step, so
 * the panel and `kubectl get pods` agree on every pod; the age follows apimachinery's HumanDuration.
 * Type-only imports: the webview bundle imports `humanDuration` from here.
 */
import type { V1Container, V1ContainerStatus, V1Pod, V1PodCondition } from '@kubernetes/client-node';
import { quantityValue } from '../../../server/src/protocol/quantity';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export interface Termination {
  /** `OOMKilled`, `Error`, `Completed`, or `ExitCode:137` / `Signal:9` when the runtime gave no reason. */
  readonly reason: string;
  readonly exitCode: number;
  /** Epoch milliseconds; undefined when the status carries no time. */
  readonly finishedAt?: number;
  /** The memory limit in force when it ended (bytes): the resized limit from the status, else the pod spec's. */
  readonly memoryLimit?: number;
}

export interface ContainerStatusFacts {
  readonly name: string;
  readonly init: boolean;
  /** An init container with `restartPolicy: Always`: it runs beside the app containers. */
  readonly sidecar: boolean;
  readonly ready: boolean;
  readonly restarts: number;
  /** `Running`, the waiting reason (`CrashLoopBackOff`, `ContainerCreating` …), the terminated reason, or `Waiting`. */
  readonly state: string;
  /** The current termination when the container is terminated now, else the last one (`lastState`). */
  readonly lastTermination?: Termination;
}

export interface PodStatusFacts {
  /** The STATUS column of `kubectl get pods`. */
  readonly status: string;
  /** The READY column: `ready/total`, sidecars counted as kubectl counts them. */
  readonly ready: string;
  /** The RESTARTS column's number. */
  readonly restarts: number;
  /** When the last counted restart ended (epoch ms), for kubectl's `3 (2m ago)`. */
  readonly lastRestart?: number;
  readonly qos: QosClass;
  /** metadata.creationTimestamp in epoch ms (the page turns it into an age). */
  readonly created?: number;
  readonly containers: readonly ContainerStatusFacts[];
}

/** An OOM kill, for the memory floor of a recommendation. */
export interface OomKill {
  readonly container: string;
  readonly finishedAt?: number;
  readonly memoryLimit?: number;
}

const time = (v: unknown): number | undefined => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime();
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
};

const isSidecar = (c: V1Container | undefined): boolean => c?.restartPolicy === 'Always';

function condition(conditions: readonly V1PodCondition[] | undefined, type: string): V1PodCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** The STATUS, READY and RESTARTS columns as kubectl's printPod computes them. */
function kubectlColumns(pod: V1Pod): { status: string; ready: string; restarts: number; lastRestart?: number } {
  const spec = pod.spec;
  const st = pod.status;
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = spec?.containers?.length ?? 0;
  let ready = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  const phase = st?.phase ?? '';
  let reason = st?.reason || phase;
  for (const c of st?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const inits = new Map<string, V1Container>();
  for (const c of spec?.initContainers ?? []) {
    inits.set(c.name, c);
    if (isSidecar(c)) total++;
  }

  let initializing = false;
  const initStatuses = st?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    const sidecar = isSidecar(inits.get(c.name));
    restarts += c.restartCount ?? 0;
    const ended = time(c.lastState?.terminated?.finishedAt) ?? 0;
    if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, ended);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastSidecarRestart = Math.max(lastSidecarRestart, ended);
    }
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      // Initialisation failed.
      reason = term.reason
        ? `Init:${term.reason}`
        : term.signal
          ? `Init:Signal:${term.signal}`
          : `Init:ExitCode:${term.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || condition(st?.conditions, 'Initialized')?.status === 'True') {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = st?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, time(c.lastState.terminated.finishedAt) ?? 0);
      const term = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // A container still running turns "Completed" back into Running (or NotReady).
    if (reason === 'Completed' && hasRunning) {
      reason = condition(st?.conditions, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && st?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return {
    status: reason,
    ready: `${ready}/${total}`,
    restarts,
    ...(restarts > 0 && lastRestart > 0 ? { lastRestart } : {}),
  };
}

const SUPPORTED = ['cpu', 'memory'] as const;

/**
 * The QoS class: status.qosClass when the API server set it, else computed as Kubernetes does (GetPodQOS): no
 * requests or limits anywhere is BestEffort; every container limiting CPU and memory, with requests summing to the
 * limits, is Guaranteed; anything else Burstable. Only CPU and memory count.
 */
export function qosClass(pod: V1Pod): QosClass {
  const given = pod.status?.qosClass;
  if (given === 'Guaranteed' || given === 'Burstable' || given === 'BestEffort') return given;
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const req = (c.resources?.requests ?? {}) as Record<string, unknown>;
    const lim = (c.resources?.limits ?? {}) as Record<string, unknown>;
    let limited = 0;
    for (const k of SUPPORTED) {
      const r = quantityValue(req[k]);
      if (r !== undefined && r !== 0) add(requests, k, r);
      const l = quantityValue(lim[k]);
      if (l !== undefined && l !== 0) {
        add(limits, k, l);
        limited++;
      }
    }
    if (limited < SUPPORTED.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [k, r] of requests) {
      const l = limits.get(k);
      if (l === undefined || Math.abs(l - r) > 1e-9 * Math.max(l, r)) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

function stateOf(s: V1ContainerStatus | undefined): string {
  if (!s?.state) return 'Waiting';
  if (s.state.waiting) return s.state.waiting.reason || 'Waiting';
  if (s.state.terminated) return s.state.terminated.reason || 'Terminated';
  if (s.state.running) return 'Running';
  return 'Waiting';
}

function memoryLimitOf(c: V1Container | undefined, s: V1ContainerStatus | undefined): number | undefined {
  // With in-place resize the status carries the limits actually applied; the spec holds what was asked.
  const applied = (s?.resources?.limits as Record<string, unknown> | undefined)?.memory;
  return quantityValue(applied) ?? quantityValue((c?.resources?.limits as Record<string, unknown> | undefined)?.memory);
}

function terminationOf(c: V1Container | undefined, s: V1ContainerStatus): Termination | undefined {
  const t = s.state?.terminated ?? s.lastState?.terminated;
  if (!t) return undefined;
  const finishedAt = time(t.finishedAt);
  const memoryLimit = memoryLimitOf(c, s);
  return {
    reason: t.reason || (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`),
    exitCode: t.exitCode,
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    ...(memoryLimit !== undefined ? { memoryLimit } : {}),
  };
}

/** Every fact of the panel's status columns for one pod. */
export function podStatus(pod: V1Pod): PodStatusFacts {
  const cols = kubectlColumns(pod);
  const created = time(pod.metadata?.creationTimestamp);
  const specOf = new Map<string, { c: V1Container; init: boolean }>();
  for (const c of pod.spec?.initContainers ?? []) specOf.set(c.name, { c, init: true });
  for (const c of pod.spec?.containers ?? []) specOf.set(c.name, { c, init: false });
  const containers: ContainerStatusFacts[] = [];
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const byName = new Map(statuses.map((s) => [s.name, s]));
  for (const [name, { c, init }] of specOf) {
    const s = byName.get(name);
    const last = s ? terminationOf(c, s) : undefined;
    containers.push({
      name,
      init,
      sidecar: init && isSidecar(c),
      ready: s?.ready ?? false,
      restarts: s?.restartCount ?? 0,
      state: stateOf(s),
      ...(last ? { lastTermination: last } : {}),
    });
  }
  return { ...cols, qos: qosClass(pod), ...(created !== undefined ? { created } : {}), containers };
}

/** The pod's OOM kills, current or last, with the memory limit each was killed at (from the pod, or its facts). */
export function oomKills(pod: V1Pod | PodStatusFacts): OomKill[] {
  const out: OomKill[] = [];
  const facts = 'status' in pod && typeof pod.status === 'string' ? (pod as PodStatusFacts) : podStatus(pod as V1Pod);
  for (const c of facts.containers) {
    const t = c.lastTermination;
    if (t?.reason !== 'OOMKilled') continue;
    out.push({
      container: c.name,
      ...(t.finishedAt !== undefined ? { finishedAt: t.finishedAt } : {}),
      ...(t.memoryLimit !== undefined ? { memoryLimit: t.memoryLimit } : {}),
    });
  }
  return out;
}

/** A duration as kubectl prints an AGE (apimachinery's HumanDuration): `45s`, `3m12s`, `5h30m`, `3d4h`, `2y10d`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}
