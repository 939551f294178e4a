/**
 * HorizontalPodAutoscalers as the cluster has them (`autoscaling/v2`), so that an HPA that exists only in the
 * cluster (made by hand, by another repository, by a platform team) is seen like one in the workspace: a request
 * change moves its `Utilization` targets (usage ÷ request), and the hover and the confirmation must say so.
 * Listed through the connection, paged; namespace by namespace when the cluster-wide list is forbidden
 * (./list-pages); re-listed at most once a minute (HPAs change rarely). When they cannot be read at all, `problem`
 * says why (once, in the log) and the panel goes on without them.
 */
import type { HpaUtilization, WorkloadAutoscaler } from '../../../server/src/protocol';
import { isForbidden, listEverywhere, type ListSource } from './list-pages';
import { MetricsError } from './problems';

/** The parts of an `autoscaling/v2` HorizontalPodAutoscaler that matter here, as the API server sends them. */
export interface HpaJson {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: {
    readonly scaleTargetRef?: { readonly kind?: string; readonly name?: string; readonly apiVersion?: string };
    readonly minReplicas?: number;
    readonly maxReplicas?: number;
    readonly metrics?: readonly {
      readonly type?: string;
      readonly resource?: { readonly name?: string; readonly target?: HpaTargetJson };
      readonly containerResource?: {
        readonly name?: string;
        readonly container?: string;
        readonly target?: HpaTargetJson;
      };
    }[];
  };
}

interface HpaTargetJson {
  readonly type?: string;
  readonly averageUtilization?: number;
}

/** How often the HPAs are listed again while the panel refreshes. */
export const HPA_RELIST_MS = 60_000;

/** `namespace/Kind/name` of the workload an HPA scales (the key workload-usage.ts keeps workloads under). */
export function hpaTargetKey(h: HpaJson): string | undefined {
  const ns = h.metadata?.namespace;
  const ref = h.spec?.scaleTargetRef;
  return ns && ref?.kind && ref.name ? `${ns}/${ref.kind}/${ref.name}` : undefined;
}

/**
 * The HPA as the manifest features describe one: its resource metrics on a `Utilization` target (an
 * `AverageValue` target does not depend on the request), a `ContainerResource` metric with the container it reads.
 * `minReplicas` defaults to 1, as the API server sets it.
 */
export function autoscalerOf(h: HpaJson): WorkloadAutoscaler {
  const utilization: HpaUtilization[] = [];
  for (const m of h.spec?.metrics ?? []) {
    const perContainer = m.type === 'ContainerResource';
    const r = perContainer ? m.containerResource : m.type === 'Resource' ? m.resource : undefined;
    if (!r || (r.name !== 'cpu' && r.name !== 'memory')) continue;
    const container = perContainer ? m.containerResource?.container : undefined;
    if (perContainer && !container) continue;
    if (r.target?.type === 'Utilization' && typeof r.target.averageUtilization === 'number') {
      utilization.push({ resource: r.name, percent: r.target.averageUtilization, ...(container ? { container } : {}) });
    }
  }
  return {
    name: h.metadata?.name ?? '',
    minReplicas: h.spec?.minReplicas ?? 1,
    ...(typeof h.spec?.maxReplicas === 'number' ? { maxReplicas: h.spec.maxReplicas } : {}),
    utilization,
  };
}

export class ClusterHpas {
  private byTarget = new Map<string, WorkloadAutoscaler[]>();
  private source = '';
  private listedAt = -Infinity;
  /** Why the HPAs could not be read (all or some namespaces), for the log and the hover; undefined when they were. */
  problem: string | undefined;
  /** How many times HPAs were listed (tests read it). */
  listings = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Lists the HPAs when the context changed or the last listing is older than HPA_RELIST_MS. `namespaces`: read
   * one by one when the cluster-wide list is forbidden (the manifests' and the context's). Never rejects: a
   * failure keeps what was known and sets `problem`.
   */
  async update(conn: ListSource, namespaces: readonly string[], signal?: AbortSignal): Promise<void> {
    const source = `${conn.context}\n${conn.server}`;
    if (source === this.source && this.now() - this.listedAt < HPA_RELIST_MS) return;
    if (source !== this.source) {
      this.source = source;
      this.byTarget = new Map();
      this.problem = undefined;
    }
    this.listedAt = this.now();
    this.listings++;
    try {
      const got = await listEverywhere<HpaJson>(conn, 'autoscaling/v2', 'horizontalpodautoscalers', namespaces, signal);
      if (signal?.aborted) return this.abandoned();
      const next = new Map<string, WorkloadAutoscaler[]>();
      for (const h of got.items) {
        const key = hpaTargetKey(h);
        if (!key) continue;
        const list = next.get(key) ?? [];
        list.push(autoscalerOf(h));
        next.set(key, list);
      }
      this.byTarget = next;
      const b = got.byNamespace;
      const notRead = b ? [...b.forbidden, ...b.skipped] : [];
      this.problem =
        b && (notRead.length > 0 || b.read.length === 0)
          ? `listing horizontalpodautoscalers.autoscaling in all namespaces is forbidden; read in ${b.read.length ? b.read.join(', ') : 'no namespace'}` +
            (notRead.length ? `, not in ${notRead.join(', ')}` : '')
          : undefined;
    } catch (e) {
      if (signal?.aborted) return this.abandoned();
      this.problem = isForbidden(e)
        ? 'listing horizontalpodautoscalers.autoscaling is forbidden'
        : `cannot list horizontalpodautoscalers.autoscaling: ${e instanceof MetricsError ? e.problem.title : String(e)}`;
    }
  }

  /**
   * A listing whose refresh was superseded (a newer refresh, another context) got nothing: the next update lists
   * again instead of waiting out HPA_RELIST_MS with no HPAs known.
   */
  private abandoned(): void {
    this.listedAt = -Infinity;
  }

  /** The cluster's HPAs that scale the workload `namespace/Kind/name`. */
  forWorkload(key: string): readonly WorkloadAutoscaler[] {
    return this.byTarget.get(key) ?? [];
  }
}

/**
 * The HPAs a request change moves: the workspace's (as written) and the cluster's that the workspace does not
 * have (by name), marked as such.
 */
export function mergeAutoscalers(
  workspace: readonly WorkloadAutoscaler[],
  cluster: readonly WorkloadAutoscaler[],
): WorkloadAutoscaler[] {
  const names = new Set(workspace.map((a) => a.name));
  return [
    ...workspace,
    ...cluster.filter((a) => !names.has(a.name)).map((a) => ({ ...a, name: `${a.name} (in the cluster only)` })),
  ];
}
