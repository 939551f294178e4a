/**
 * What the manifest features (lens, hover, code actions, Apply, the panel's focus) share: the workloads of a
 * document as the language server describes them (asked once per version), their live pods in the last snapshot,
 * and their right-sizing (Prometheus' history when configured, else the panel's), computed in one place.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type {
  ProtocolRange,
  Workload,
  WorkloadAutoscaler,
  WorkloadContainer,
  WorkloadsResult,
} from '../../../server/src/protocol';
import { mergeAutoscalers } from './cluster-hpas';
import { WorkloadsRequest } from '../../../server/src/protocol/requests';
import type { PodRow, Snapshot } from './aggregate';
import type { MetricsController } from './controller';
import { MetricsError } from './problems';
import { durationSec, prometheusStats, type PrometheusHistory, type PrometheusTarget } from './prometheus';
import { freshnessOf, type Freshness } from './freshness';
import type { Rightsizing } from './recommend';
import { metricsSettings } from './settings';
import {
  clusterNameOf,
  containerUsage,
  livePods,
  namespaceOf,
  rightsizingOf,
  workloadKey,
  type ContainerUsage,
} from './workload-usage';

export const toRange = (r: ProtocolRange) =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export interface Live {
  readonly snap: Snapshot;
  readonly pods: readonly PodRow[];
  readonly usage: ContainerUsage;
  readonly namespace: string;
  /** `namespace/Kind/name` in the cluster. */
  readonly key: string;
  /** The workload's name in the cluster. */
  readonly name: string;
  /**
   * The HPAs a request change moves: the workspace's, and the cluster's that the workspace does not have (their
   * names say "in the cluster only").
   */
  readonly autoscalers: readonly WorkloadAutoscaler[];
  /** Why the cluster's HPAs could not all be read (then only the workspace's count), if so. */
  readonly hpaProblem?: string;
}

export class ManifestWorkloads {
  private readonly cache = new Map<string, { version: number; result: Promise<WorkloadsResult> }>();
  private readonly promCache = new Map<string, { at: number; stats: Promise<PrometheusHistory | undefined> }>();
  private promWarned = '';

  constructor(
    private readonly client: LanguageClient,
    readonly metrics: MetricsController,
    readonly log: vscode.LogOutputChannel,
  ) {}

  /** The workloads of a document, asked once per version. */
  workloads(doc: vscode.TextDocument): Promise<WorkloadsResult> {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.result;
    const result = this.client.isRunning()
      ? this.client.sendRequest(WorkloadsRequest, { uri: key }).then(
          (r) => {
            // Read first when the cluster-wide lists are forbidden (a user with namespaced Roles).
            this.metrics.noteManifestNamespaces(r.workloads.flatMap((w) => (w.namespace ? [w.namespace] : [])));
            return r;
          },
          (e: unknown) => {
            this.log.warn(`${WorkloadsRequest.method} failed: ${e instanceof Error ? e.message : String(e)}`);
            return { uri: key, version: null, workloads: [] };
          },
        )
      : Promise.resolve({ uri: key, version: null, workloads: [] } as WorkloadsResult);
    this.cache.set(key, { version: doc.version, result });
    return result;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The container's usage in the workload's live pods of the last snapshot. */
  live(w: Workload, c: WorkloadContainer): Live | undefined {
    const snap = this.metrics.latest;
    if (!snap) return undefined;
    const pods = livePods(w, snap);
    if (pods.length === 0) return undefined;
    const usage = containerUsage(pods, c.name);
    if (usage.pods === 0) return undefined;
    const key = workloadKey(w, snap)!;
    const hpas = this.metrics.hpas;
    return {
      snap,
      pods,
      usage,
      namespace: namespaceOf(w, snap),
      key,
      name: clusterNameOf(w, snap)!,
      autoscalers: mergeAutoscalers(w.autoscalers ?? [], hpas.forWorkload(key)),
      ...(hpas.problem ? { hpaProblem: hpas.problem } : {}),
    };
  }

  /**
   * The container's right-sizing: from Prometheus' history when `kubewise.metrics.prometheusUrl` or
   * `prometheusService` is set (cached a minute), else from the panel's own. A Prometheus that fails is reported
   * once in the output and the panel's history is used.
   */
  async rightsizing(w: Workload, c: WorkloadContainer): Promise<{ live: Live; r: Rightsizing } | undefined> {
    const live = this.live(w, c);
    if (!live) return undefined;
    const s = metricsSettings();
    // The interval in effect: on a cluster whose refreshes are stretched, windows come in more slowly.
    const intervalMs = this.metrics.intervalMs;
    const panel = () => rightsizingOf(live.key, c.name, this.metrics.history, { intervalMs });
    const fromPanel = () => {
      const r = panel();
      return r ? { live, r } : undefined;
    };
    if (!s.prometheusUrl && !s.prometheusService) return fromPanel();
    const windowSec = durationSec(s.prometheusWindow) ?? 7 * 86400;
    const q = {
      namespace: live.namespace,
      pods: live.pods.map((p) => p.name).sort(),
      container: c.name,
      windowSec,
      stepSec: Math.max(60, Math.ceil(windowSec / 10_000)),
      rateWindow: '5m',
      timeoutMs: s.requestTimeoutSec * 1000,
    };
    const key = `${s.prometheusUrl || `${live.snap.context}:${s.prometheusService}`} ${q.namespace} ${q.pods.join(',')} ${q.container} ${q.windowSec}`;
    let hit = this.promCache.get(key);
    if (!hit || Date.now() - hit.at > 60_000) {
      const target = this.prometheusTarget(s.prometheusUrl, s.prometheusService);
      if (!target) return fromPanel();
      hit = { at: Date.now(), stats: prometheusStats(target, q) };
      this.promCache.set(key, hit);
    }
    try {
      const prometheus = await hit.stats;
      if (!prometheus) return fromPanel();
      const r = rightsizingOf(live.key, c.name, this.metrics.history, { prometheus });
      return r ? { live, r } : fromPanel();
    } catch (e) {
      const p = e instanceof MetricsError ? e.problem : undefined;
      const msg = p ? `${p.title}. ${p.next}` : String(e);
      if (msg !== this.promWarned) {
        this.promWarned = msg;
        this.log.warn(`Prometheus history: ${msg} Using the panel's own history instead.`);
      }
      this.promCache.delete(key);
      return fromPanel();
    }
  }

  /**
   * Prometheus at its URL, or its Service through the panel's connection to the context in use (the same
   * credentials, time limits and messages as the panel's own requests); undefined when neither is set, or when the
   * context cannot be connected to (the panel already says why).
   */
  private prometheusTarget(url: string, service: string): PrometheusTarget | undefined {
    if (url) return { url };
    if (!service) return undefined;
    try {
      return { connection: this.metrics.connect(), service };
    } catch {
      return undefined;
    }
  }

  /**
   * Where the figures come from and how old they are: `context staging · 12 s ago`, or, when they are not kept
   * current (panel hidden, polling held, the last refresh failed), `context staging · paused, from 6 min ago (the
   * panel is hidden)`: never presented as live (./freshness).
   */
  freshness(now = Date.now()): Freshness {
    const m = this.metrics;
    return freshnessOf({ snap: m.latest, polling: m.polling, held: m.pollingHeld, problem: m.problem?.title }, now);
  }
}
