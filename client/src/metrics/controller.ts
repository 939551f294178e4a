/**
 * Runs the panel: loads the kubeconfig (context remembered per workspace, credential commands only when trusted),
 * fetches on an interval while the view is visible (paused while hidden), keeps the history, and posts
 * snapshots. Logs name the context and the problem, never a credential. A fetch never blocks the editor (it is all
 * asynchronous I/O), and never blocks the next refresh: a refresh or a context switch takes over from the fetch
 * under way (which is aborted; a credential command it waited for keeps running only if the new fetch needs it too).
 */
import type { V1Pod } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { aggregate, type Snapshot } from './aggregate';
import { fetchCluster } from './cluster-client';
import { ClusterHpas } from './cluster-hpas';
import { ClusterConnection } from './connection';
import { credentialWaitNotice, type CredentialWaitNotice } from './credential-command';
import { CredentialRunner } from './credential-runner';
import { UsageHistory } from './history';
import { listContexts, loadKubeconfig, type KubeconfigSource, type LoadedKubeconfig } from './kubeconfig';
import type { FromWebview, PanelFocus, PanelPod, SnapshotMessage, ToWebview } from './messages';
import { deltaMessage } from './pods-delta';
import { classify, MetricsError, type MetricsProblem } from './problems';
import { metricsSettings } from './settings';
import { OwnerIndex } from './owners';
import { PodFactsCache } from './pod-facts';
import { PodWatch } from './pod-watch';
import { processCpuMs, RefreshPacing, type Pace } from './refresh-pacing';
import { MetricsViewProvider, type ViewHost } from './view-provider';
import { safeServer, snapshotMessage } from './view-model';

const CONTEXT_KEY = 'kubewise.metrics.context';
/** A credential command that answers within this shows no notice (a cached login answers in milliseconds). */
const WAIT_NOTICE_AFTER_MS = 1000;
/** Manifest namespaces remembered for the forbidden-list fallbacks (each costs a request when used). */
const MAX_MANIFEST_NAMESPACES = 10;

export class MetricsController implements ViewHost, vscode.Disposable {
  readonly view: MetricsViewProvider;
  history: UsageHistory;
  /**
   * Polls while the view is visible, at the setting or slower: refreshes keep to 1 % of a core of the extension
   * host (refresh-pacing.ts), measured as the process's CPU time from the start of each refresh to its end.
   */
  private readonly pacing = new RefreshPacing(
    () => metricsSettings().refreshIntervalSec * 1000,
    () => this.tick(),
  );
  /** The refresh under way; a newer one aborts it. */
  private current: { readonly abort: AbortController; done: Promise<void>; settled: boolean } | undefined;
  /** Runs credential commands with a time limit and caches their credentials per context (killed on dispose). */
  readonly credentials: CredentialRunner;
  private connection: ClusterConnection | undefined;
  private lastMessage: ToWebview | undefined;
  /** The page holds the history up to the last snapshot (it keeps appending to it itself). */
  private pageHasHistory = false;
  /** The pods the page holds (the last snapshot or delta posted to a visible page), so the next refresh sends a delta. */
  private pagePods: readonly PanelPod[] | null = null;
  /** Context, server and metrics availability of `pagePods`: a delta is only sent against the same source. */
  private pageSource: string | undefined;
  private latestSnapshot: Snapshot | undefined;
  private lastProblem: MetricsProblem | undefined;
  private focus: PanelFocus | null = null;
  private readonly changed = new vscode.EventEmitter<Snapshot>();
  /** Fires after every successful refresh (the CodeLens listens). */
  readonly onDidRefresh = this.changed.event;
  private readonly pollingChanged = new vscode.EventEmitter<boolean>();
  /**
   * Fires when the data may have stopped or started being live (the view shown or hidden, polling held, a refresh
   * failed): the CodeLens then says whether it is.
   */
  readonly onDidChangePolling = this.pollingChanged.event;
  invalidMessages = 0;
  private loggedContext: string | undefined;
  private loggedOwnersError: string | undefined;
  /**
   * Namespaces the manifests in the editor name (the newest last, bounded): read first when cluster-wide lists are
   * forbidden.
   */
  private readonly manifestNamespaces = new Set<string>();

  /** The manifest features report the namespaces of the workloads they look up. */
  noteManifestNamespaces(namespaces: Iterable<string>): void {
    for (const n of namespaces) {
      this.manifestNamespaces.delete(n);
      this.manifestNamespaces.add(n);
    }
    for (const n of this.manifestNamespaces) {
      if (this.manifestNamespaces.size <= MAX_MANIFEST_NAMESPACES) break;
      this.manifestNamespaces.delete(n);
    }
  }

  /** The "waiting for the credential command" notice the page shows now (tests read it). */
  waitNotice: CredentialWaitNotice | undefined;
  /** Polling holds after a credential command was cancelled or timed out, until Refresh or another context. */
  private held = false;
  /** Whether timer ticks are held (tests read it). */
  get pollingHeld(): boolean {
    return this.held;
  }
  /** Set by the manifest link: apply a recommendation from the panel's button. */
  applyHandler: ((pod: string, container: string) => Promise<void>) | undefined;
  /** Set by open-manifest.ts: open the manifest of a pod's workload from the panel's button. */
  openManifestHandler: ((pod: string) => Promise<void>) | undefined;
  /** The ReplicaSets and Jobs between pods and their workloads (kept across refreshes). */
  readonly owners = new OwnerIndex();
  /** Keeps the pods current while the view is visible, so that a refresh polls only the metrics. */
  private podWatch: PodWatch | undefined;
  /** Connections whose cluster-wide pod watch is forbidden: their pods are listed on each refresh. */
  private readonly watchRefused = new WeakSet<ClusterConnection>();
  /** Each pod's parsed facts by resourceVersion, for the context and server of `factsSource` (kept across refreshes). */
  private readonly podFacts = new PodFactsCache();
  private factsSource = '';
  /** The cluster's HorizontalPodAutoscalers (re-listed at most once a minute). */
  readonly hpas = new ClusterHpas();
  private loggedHpaProblem: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.view = new MetricsViewProvider(context.extensionUri, this);
    this.history = new UsageHistory(metricsSettings().historySize);
    this.credentials = new CredentialRunner({ timeoutMs: metricsSettings().credentialTimeoutSec * 1000 });
  }

  /** Polling runs only while the view is visible. */
  get polling(): boolean {
    return this.pacing.running;
  }

  /** The refresh interval in effect (ms): the setting, or longer on a cluster whose refreshes cost more CPU. */
  get intervalMs(): number {
    return this.pacing.intervalMs;
  }

  /** Why the interval is longer than the setting (null when it is not). */
  get pace(): Pace | null {
    return this.pacing.pace;
  }

  get latest(): Snapshot | undefined {
    return this.latestSnapshot;
  }

  /**
   * A connection to the context in use (the one chosen for this workspace, else the kubeconfig's current-context)
   * for any feature that reads the cluster: see ./connection for what it guarantees. It shares the panel's
   * credential cache, time limits and messages. Throws a MetricsError (no kubeconfig, unknown context, untrusted
   * workspace with a credential command, plain-http server …).
   */
  connect(): ClusterConnection {
    const chosen = this.chosenContext;
    const loaded = loadKubeconfig(this.source(), {
      trusted: vscode.workspace.isTrusted,
      ...(chosen ? { context: chosen } : {}),
    });
    const timeoutMs = metricsSettings().requestTimeoutSec * 1000;
    const last = this.connection;
    // The same context, server and credential source: keep the connection (its TLS options and credential).
    if (last && sameSource(last.loaded, loaded) && last.timeoutMs === timeoutMs) return last;
    this.connection = new ClusterConnection(loaded, this.credentials, { timeoutMs });
    return this.connection;
  }

  get problem(): MetricsProblem | undefined {
    return this.lastProblem;
  }

  private source(): KubeconfigSource {
    const s = metricsSettings();
    return { setting: s.kubeconfig, env: process.env.KUBECONFIG ?? '' };
  }

  get chosenContext(): string | undefined {
    return this.context.workspaceState.get<string>(CONTEXT_KEY);
  }

  onMessage(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        // A page that was hidden and shown again starts empty: give it what is known, fetch only if nothing is.
        this.pageHasHistory = false;
        if (this.lastMessage?.type === 'snapshot' && this.latestSnapshot) {
          this.lastMessage = this.message(this.latestSnapshot, this.lastMessage.contexts);
          this.postSnapshot(this.lastMessage, true);
        } else if (this.lastMessage) {
          this.pagePods = null;
          this.view.post(this.lastMessage);
        } else void this.refresh();
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'pickContext':
        void this.chooseContext();
        return;
      case 'selectContext':
        void this.useContext(m.context);
        return;
      case 'openSettings':
        void vscode.commands.executeCommand('workbench.action.openSettings', 'kubewise.metrics');
        return;
      case 'cancelCredential':
        this.cancelCredential();
        return;
      case 'manageTrust':
        void vscode.commands.executeCommand('workbench.trust.manage');
        return;
      case 'applyRecommendation':
        void this.applyHandler?.(m.pod, m.container);
        return;
      case 'openManifest':
        void this.openManifestHandler?.(m.pod);
        return;
    }
  }

  onInvalidMessage(): void {
    this.invalidMessages++;
    this.log.warn('Cluster Metrics: ignored a malformed message from the panel');
  }

  onVisible(visible: boolean): void {
    const was = this.polling;
    if (visible) {
      this.schedule();
      void this.refresh();
    } else if (this.pacing.running) {
      this.pacing.stop();
      // Nothing is polled while hidden: the watch stops too, and lists again when the view is shown.
      this.stopPodWatch();
    }
    if (was !== this.polling) this.pollingChanged.fire(this.polling);
  }

  private schedule(): void {
    this.pacing.start();
  }

  /**
   * A timer tick never takes over from a fetch under way: on a cluster that takes longer than the interval to list,
   * every fetch would be aborted by the next tick and none would finish.
   */
  private tick(): void {
    if (this.current && !this.current.settled) return;
    // The user cancelled a credential command: polling would only start it again.
    if (this.held) return;
    void this.refresh();
  }

  /**
   * Cancel on the "waiting for the credential command" card: stops the command (its whole process group), the
   * refresh waiting for it reports that it was cancelled, and polling holds until Refresh or another context.
   */
  cancelCredential(): boolean {
    const stopped = this.connection?.cancelCredential() ?? false;
    if (stopped) {
      this.held = true;
      this.pollingChanged.fire(this.polling);
    }
    return stopped;
  }

  /**
   * While `conn`'s credential command runs longer than a second, the page shows which command, for how long, what
   * it printed (a device-code login's URL and code) and what happens at the time limit, updated every second; the
   * card goes when the command is done. Returns the function that stops watching.
   */
  private watchCredential(conn: ClusterConnection, signal: AbortSignal): () => void {
    if (!conn.runsCommand) return () => undefined;
    let shown = false;
    const timer = setInterval(() => {
      if (signal.aborted) return;
      const p = conn.credentialProgress();
      const elapsed = p ? Date.now() - p.startedAt : 0;
      if (p && elapsed >= WAIT_NOTICE_AFTER_MS) {
        this.waitNotice = credentialWaitNotice(p.cmd, elapsed, p.timeoutMs, p.output);
        this.view.post({ type: 'waiting', context: conn.context, notice: this.waitNotice });
        shown = true;
      } else if (shown) {
        shown = false;
        this.waitNotice = undefined;
        this.view.post({ type: 'waiting', context: conn.context, notice: null });
      }
    }, 500);
    return () => {
      clearInterval(timer);
      this.waitNotice = undefined;
    };
  }

  settingsChanged(): void {
    this.credentials.setTimeout(metricsSettings().credentialTimeoutSec * 1000);
    this.history = new UsageHistory(metricsSettings().historySize);
    this.pageHasHistory = false;
    if (this.view.visible) {
      this.schedule();
      void this.refresh();
    }
  }

  setFocus(focus: PanelFocus | null): void {
    this.focus = focus;
    this.view.post({ type: 'focus', focus });
  }

  /**
   * Fetches once. A refresh asked while one runs (Refresh, settings or context changed) takes over:
   * the older fetch is aborted and posts nothing, so the answer always reflects the latest settings and context, and
   * a fetch stuck behind a slow credential command or server never holds the next one back. The promise settles when
   * the latest refresh is done.
   */
  refresh(): Promise<void> {
    this.held = false;
    const previous = this.current;
    const abort = new AbortController();
    const mine: { readonly abort: AbortController; done: Promise<void>; settled: boolean } = {
      abort,
      done: Promise.resolve(),
      settled: false,
    };
    this.current = mine;
    // Started before the older one is aborted, so that a credential command both need keeps running.
    mine.done = this.doRefresh(abort.signal).then(() => {
      mine.settled = true;
      return this.current && this.current !== mine ? this.current.done : undefined;
    });
    previous?.abort.abort(new Error('superseded by a newer refresh'));
    return mine.done;
  }

  /**
   * The pods from the watch on `conn` (started on the first refresh: it lists them once, then follows changes), or
   * undefined when the pods must be listed this refresh: the watch's list failed (the refresh's own list then says
   * why, and falls back namespace by namespace where the cluster-wide list is forbidden), or it is not in sync.
   * A cluster-wide pod list or watch that is forbidden is not tried again on the same connection.
   */
  private async watchedPods(conn: ClusterConnection): Promise<V1Pod[] | undefined> {
    if (this.podWatch && this.podWatch.source !== conn) this.stopPodWatch();
    if (this.watchRefused.has(conn)) return undefined;
    this.podWatch ??= new PodWatch(conn, { requestTimeoutMs: metricsSettings().requestTimeoutSec * 1000 });
    const w = this.podWatch;
    try {
      await w.start();
    } catch (e) {
      if (this.podWatch === w) this.stopPodWatch();
      const status = e instanceof MetricsError ? e.answer?.status : undefined;
      // Any other failure of the pod list is the refresh's failure (the same list, the same problem).
      if (status !== 403 && status !== 404 && status !== 405) throw e;
      this.watchRefused.add(conn);
      this.log.info(
        `Cluster Metrics (${conn.context}): pods cannot be listed and watched cluster-wide (${status}); they are listed namespace by namespace on each refresh`,
      );
      return undefined;
    }
    return this.podWatch === w && w.synced ? w.pods : undefined;
  }

  private stopPodWatch(): void {
    this.podWatch?.dispose();
    this.podWatch = undefined;
  }

  private async doRefresh(signal: AbortSignal): Promise<void> {
    const s = metricsSettings();
    const cpuAtStart = processCpuMs();
    let contexts: readonly string[] = [];
    let context: string | null = this.chosenContext ?? null;
    try {
      const conn = this.connect();
      const loaded = conn.loaded;
      contexts = loaded.contexts;
      context = loaded.context;
      if (context !== this.loggedContext) {
        this.loggedContext = context;
        this.log.info(
          `Cluster Metrics: reading context "${context}" at ${safeServer(loaded.server)} (kubeconfig: ${loaded.files.join(', ')})`,
        );
      }
      if (!this.latestSnapshot) this.view.post({ type: 'loading', context });
      if (loaded.skipTlsIgnored) {
        this.log.warn(
          `Context "${loaded.context}" asks to skip TLS verification; Kubewise verifies the certificate anyway.`,
        );
      }
      const stopWatching = this.watchCredential(conn, signal);
      const manifestNamespaces = [...this.manifestNamespaces];
      let raw: Awaited<ReturnType<typeof fetchCluster>>;
      try {
        const pods = await this.watchedPods(conn);
        if (signal.aborted) return;
        raw = await fetchCluster(conn, {
          timeoutMs: s.requestTimeoutSec * 1000,
          signal,
          manifestNamespaces,
          ...(pods ? { pods } : {}),
        });
      } finally {
        stopWatching();
      }
      if (signal.aborted) return;
      const preferred = [...manifestNamespaces, conn.namespace];
      await Promise.all([
        this.owners.update(conn, raw.pods, signal, preferred),
        this.hpas.update(conn, preferred, signal),
      ]);
      if (signal.aborted) return;
      if (this.hpas.problem && this.hpas.problem !== this.loggedHpaProblem) {
        this.log.warn(
          `Cluster Metrics (${loaded.context}): ${this.hpas.problem}; HPAs that exist only in the cluster are not taken into account where they could not be read`,
        );
      }
      this.loggedHpaProblem = this.hpas.problem;
      if (this.owners.lastError && this.owners.lastError !== this.loggedOwnersError) {
        this.log.warn(
          `Cluster Metrics (${loaded.context}): cannot list ReplicaSets or Jobs, so owners are guessed from pod names (${this.owners.lastError})`,
        );
      }
      this.loggedOwnersError = this.owners.lastError;
      const source = `${conn.context}\n${conn.server}`;
      if (source !== this.factsSource) {
        this.podFacts.clear();
        this.factsSource = source;
      }
      // Owner lists forbidden where some pods are: the panel says which pods are matched by labels instead.
      const ownerNotes = this.owners.problems;
      const snap = aggregate(
        ownerNotes.length ? { ...raw, problems: [...raw.problems, ...ownerNotes] } : raw,
        Date.now(),
        this.owners,
        this.podFacts,
      );
      const changedContext = snap.context !== this.latestSnapshot?.context;
      if (changedContext) {
        this.history.clear();
        this.pacing.reset();
      }
      this.history.record(snap);
      this.latestSnapshot = snap;
      this.lastProblem = undefined;
      for (const p of snap.problems) this.log.warn(`Cluster Metrics (${snap.context}): ${p.title}`);
      if (changedContext) this.pageHasHistory = false;
      this.lastMessage = this.message(snap, contexts);
      this.postSnapshot(this.lastMessage, false);
      this.changed.fire(snap);
      // The refresh's CPU, all of it (fetch and parse, aggregation, history, message), sets the pace of the next ones.
      this.pacing.measured(processCpuMs() - cpuAtStart);
    } catch (e) {
      if (signal.aborted) return; // a newer refresh took over; it reports
      const p = e instanceof MetricsError ? e.problem : classify(e, { verb: 'list', resource: 'pods', server: '' });
      if (!(e instanceof MetricsError)) this.log.error(`Cluster Metrics: unexpected failure: ${p.detail}`);
      if (this.lastProblem?.title !== p.title)
        this.log.warn(`Cluster Metrics${context ? ` (${context})` : ''}: ${p.title}. ${p.next}`);
      this.lastProblem = p;
      // A credential command that timed out waits for a login only the user can complete: timer ticks would start
      // it again every interval, so polling holds until Refresh or another context, as after Cancel.
      if (p.kind === 'credential-timeout') this.held = true;
      if (!contexts.length) {
        try {
          contexts = listContexts(this.source()).contexts;
        } catch {
          // The kubeconfig itself is the problem; the picker stays empty.
        }
      }
      this.lastMessage = { type: 'problem', problem: p, context, contexts };
      this.pagePods = null; // the page empties its list on a problem
      this.view.post(this.lastMessage);
      this.pollingChanged.fire(this.polling);
    }
  }

  /** The snapshot for the page: with the history when the page has none yet, else only this snapshot's figures. */
  private message(snap: Snapshot, contexts: readonly string[]): SnapshotMessage {
    const withHistory = !this.pageHasHistory || !this.view.visible;
    const pace = this.pacing.pace;
    const m = snapshotMessage(snap, this.history, {
      contexts,
      intervalSec: this.pacing.intervalMs / 1000,
      pace: pace && { settingSec: pace.settingMs / 1000, cpuMs: Math.round(pace.cpuMs) },
      focus: this.focus,
      withHistory,
    });
    // A message posted to a hidden (or not yet resolved) page may be lost: send the history again next time.
    this.pageHasHistory = this.view.visible;
    return m;
  }

  /**
   * A page that holds the previous pods (same page, no history to resend) gets only the delta; a page shown again,
   * reloaded or switched to another context gets the full snapshot.
   */
  private postSnapshot(m: SnapshotMessage, full: boolean): void {
    // Another cluster (server), context, or metrics-server appearing or going away changes what every row means:
    // the page then gets the whole list, never a delta against rows of another source.
    const source = `${m.context}\n${m.server}\n${m.metrics}`;
    const sameSource = source === this.pageSource;
    const base = full || m.history || !sameSource ? null : this.pagePods;
    this.view.post(base ? deltaMessage(base, m) : m);
    this.pagePods = this.view.visible ? m.pods : null;
    this.pageSource = this.view.visible ? source : undefined;
  }

  async chooseContext(): Promise<string | undefined> {
    let list: { contexts: string[]; current?: string };
    try {
      list = listContexts(this.source());
    } catch (e) {
      const p = e instanceof MetricsError ? e.problem : undefined;
      void vscode.window.showErrorMessage(`Kubewise: ${p ? `${p.title}. ${p.next}` : 'cannot read the kubeconfig'}`);
      return undefined;
    }
    if (!list.contexts.length) {
      void vscode.window.showInformationMessage('Kubewise: the kubeconfig defines no context.');
      return undefined;
    }
    const chosen = this.chosenContext ?? list.current;
    const pick = await vscode.window.showQuickPick(
      list.contexts.map((c) => ({
        label: c,
        description: c === chosen ? 'in use' : c === list.current ? 'current-context' : '',
      })),
      {
        title: 'Kubewise: cluster context for this workspace',
        placeHolder: 'Pick the context the metrics panel reads',
      },
    );
    if (!pick) return undefined;
    await this.useContext(pick.label);
    return pick.label;
  }

  async useContext(name: string): Promise<void> {
    await this.context.workspaceState.update(CONTEXT_KEY, name);
    this.latestSnapshot = undefined;
    this.history.clear();
    this.pageHasHistory = false;
    await this.refresh();
  }

  dispose(): void {
    this.pacing.stop();
    this.stopPodWatch();
    this.current?.abort.abort(new Error('disposed'));
    this.credentials.dispose();
    this.view.dispose();
    this.changed.dispose();
    this.pollingChanged.dispose();
  }
}

/** Two loads of one context that would connect the same way (same server, user and credential source). */
function sameSource(a: LoadedKubeconfig, b: LoadedKubeconfig): boolean {
  return (
    a.context === b.context &&
    a.server === b.server &&
    JSON.stringify([a.user ?? null, a.credential ?? null]) === JSON.stringify([b.user ?? null, b.credential ?? null])
  );
}
