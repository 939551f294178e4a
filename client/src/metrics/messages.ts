/**
 * The messages between the extension and the Cluster Metrics webview, both ways. What goes to the webview carries
 * figures, names and problems, never a credential (no token, certificate, exec command or kubeconfig content). What
 * comes back is untrusted input: `parseFromWebview` checks every field and drops anything else.
 */
import type { CredentialWaitNotice } from './credential-command';
import type { MetricsProblem } from './problems';

/** Figures as numbers (cores, bytes); the webview formats them. `null`: not known. */
export type Fig = number | null;

/** A container's last termination (its current one when it is terminated now). */
export interface PanelTermination {
  /** `OOMKilled`, `Error`, `Completed`, `ExitCode:137` … */
  readonly reason: string;
  /** When it ended (epoch ms), or null. */
  readonly at: number | null;
  /** The memory limit in force then (bytes), or null. */
  readonly memLim: Fig;
}

export interface PanelContainer {
  readonly name: string;
  readonly sidecar: boolean;
  /** `Running`, or the waiting or terminated reason (`CrashLoopBackOff` …). */
  readonly state: string;
  readonly restarts: number;
  readonly last: PanelTermination | null;
  readonly cpu: Fig;
  readonly mem: Fig;
  readonly cpuReq: Fig;
  readonly cpuLim: Fig;
  readonly memReq: Fig;
  readonly memLim: Fig;
  /** Recent CPU (cores) and memory (bytes) samples, oldest first, for the sparklines (see `history`). */
  readonly cpuHist: readonly number[];
  readonly memHist: readonly number[];
  /**
   * The recommendation of the container's workload (all replicas; the same the lens and Apply use), once the
   * evidence minimum is met; null before (the method is the snapshot's `method`).
   */
  readonly rec: {
    readonly cpuReq: number;
    readonly memReq: number;
    readonly memLim: number;
    /** Under a day of history (the VPA's confidence below 1). */
    readonly low: boolean;
    /** Distinct metric windows it stands on. */
    readonly samples: number;
  } | null;
}

export interface PanelPod {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly phase: string;
  readonly owner: string;
  /** The STATUS column of `kubectl get pods`. */
  readonly status: string;
  /** kubectl's READY: `ready/total`. */
  readonly ready: string;
  readonly restarts: number;
  /** When the last counted restart ended (epoch ms), or null. */
  readonly lastRestart: number | null;
  readonly qos: string;
  /** metadata.creationTimestamp (epoch ms), or null. */
  readonly created: number | null;
  readonly cpu: Fig;
  readonly mem: Fig;
  readonly cpuReq: Fig;
  readonly cpuLim: Fig;
  readonly memReq: Fig;
  readonly memLim: Fig;
  readonly containers: readonly PanelContainer[];
}

export interface PanelNode {
  readonly name: string;
  readonly cpu: Fig;
  readonly mem: Fig;
  readonly cpuAlloc: Fig;
  readonly memAlloc: Fig;
  readonly cpuReq: number;
  readonly memReq: number;
  readonly pods: number;
}

/** Why refreshes are slower than the setting (see `SnapshotMessage.pace`). */
export interface PanelPace {
  readonly settingSec: number;
  readonly cpuMs: number;
}

/** The workload of the active editor, whose pods the panel shows first. */
export interface PanelFocus {
  readonly label: string;
  readonly namespace: string;
  readonly podKeys: readonly string[];
}

export interface SnapshotMessage {
  readonly type: 'snapshot';
  readonly context: string;
  readonly contexts: readonly string[];
  readonly server: string;
  readonly time: number;
  /** The refresh interval in effect: the setting, or longer (`pace`). */
  readonly intervalSec: number;
  /**
   * Set when refreshes are slower than the setting so that they take at most 1 % of a core of the extension host:
   * the setting and the CPU time of a refresh (the median of the recent ones).
   */
  readonly pace: PanelPace | null;
  readonly metrics: boolean;
  readonly nodes: readonly PanelNode[] | null;
  readonly pods: readonly PanelPod[];
  readonly problems: readonly MetricsProblem[];
  readonly focus: PanelFocus | null;
  /** How recommendations are computed (the same for every container). */
  readonly method: string;
  /** Whether `cpuHist`/`memHist` carry the history (else: empty, the page appends this snapshot's figures). */
  readonly history: boolean;
  /** How many points a sparkline keeps. */
  readonly sparkPoints: number;
}

export type ToWebview =
  | SnapshotMessage
  | DeltaMessage
  | {
      readonly type: 'problem';
      readonly problem: MetricsProblem;
      readonly context: string | null;
      readonly contexts: readonly string[];
    }
  | { readonly type: 'loading'; readonly context: string | null }
  /** A credential command has run for a while (a login): which, how long, what it printed; null: it is done. */
  | { readonly type: 'waiting'; readonly context: string; readonly notice: CredentialWaitNotice | null }
  | { readonly type: 'focus'; readonly focus: PanelFocus | null };

/**
 * A refresh for a page that already holds the previous snapshot's pods: the snapshot's header, then only the pods
 * added, removed (by key) and what changed in the others (see pods-delta.ts). `count` is how many pods the page must hold afterwards;
 * the page checks it and every key, and asks for a full snapshot ('ready') when they do not match.
 */
export type DeltaMessage = Omit<SnapshotMessage, 'type' | 'pods' | 'history'> & {
  readonly type: 'delta';
  readonly count: number;
  readonly added: readonly PanelPod[];
  readonly removed: readonly string[];
  readonly changed: readonly PodPatch[];
};

export type PodFields = Omit<PanelPod, 'key' | 'containers'>;
/** A container's fields but its sparklines (the page keeps those). */
export type ContainerFields = Omit<PanelContainer, 'cpuHist' | 'memHist'>;

/** What changed in one pod the page holds (pods-delta.ts). */
export interface PodPatch {
  readonly key: string;
  /** The pod's own fields that changed. */
  readonly set?: Partial<PodFields>;
  /** Per container, in the order the page holds them: the fields that changed, or null for none. */
  readonly containers?: readonly (Partial<ContainerFields> | null)[];
  /** The containers, whole, when their names or order changed (the page then forgets their sparklines). */
  readonly replaceContainers?: readonly PanelContainer[];
}

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'pickContext' }
  | { readonly type: 'selectContext'; readonly context: string }
  | { readonly type: 'openSettings' }
  /** Stop the credential command the panel waits for. */
  | { readonly type: 'cancelCredential' }
  /** Open VS Code's workspace trust editor (the untrusted card's button). */
  | { readonly type: 'manageTrust' }
  | { readonly type: 'applyRecommendation'; readonly pod: string; readonly container: string }
  /** Open the manifest of the pod's workload (or of the bare pod) from the workspace. */
  | { readonly type: 'openManifest'; readonly pod: string };

const NAME = /^[A-Za-z0-9._:@/-]{1,253}$/;

function str(v: unknown, max = 253): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

/** A message from the webview, or undefined when it is not one of ours (wrong type, extra or malformed fields). */
export function parseFromWebview(m: unknown): FromWebview | undefined {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return undefined;
  const o = m as Record<string, unknown>;
  const keys = Object.keys(o).sort().join(',');
  switch (o.type) {
    case 'ready':
    case 'refresh':
    case 'pickContext':
    case 'openSettings':
    case 'cancelCredential':
    case 'manageTrust':
      return keys === 'type' ? { type: o.type } : undefined;
    case 'selectContext':
      return keys === 'context,type' && str(o.context) && !/[\0\n]/.test(o.context)
        ? { type: 'selectContext', context: o.context }
        : undefined;
    case 'applyRecommendation':
      return keys === 'container,pod,type' &&
        str(o.pod) &&
        NAME.test(o.pod) &&
        str(o.container, 63) &&
        NAME.test(o.container)
        ? { type: 'applyRecommendation', pod: o.pod, container: o.container }
        : undefined;
    case 'openManifest':
      return keys === 'pod,type' && str(o.pod) && NAME.test(o.pod) ? { type: 'openManifest', pod: o.pod } : undefined;
    default:
      return undefined;
  }
}
