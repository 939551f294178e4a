/**
 * Keeps the cluster's pods current with a list and then a watch, as client-go's reflector does, so that a refresh
 * polls only the metrics: the pods are listed once (paged, `limit`/`continue`), then `watch=true&resourceVersion=…`
 * streams each change (ADDED, MODIFIED, DELETED; BOOKMARK moves the resourceVersion on). A stream the server ends
 * (its `timeoutSeconds`) or that breaks is opened again from the last resourceVersion seen; a 410 Gone (the version
 * was compacted: an ERROR event with a 410 Status, or a 410 answer) lists again. Each pod object is kept as the
 * watch delivered it, so pod-facts.ts parses it once per resourceVersion.
 *
 * The stream goes through the panel's ClusterConnection (its credential command with a time limit, TLS verified,
 * aborts) rather than client-node's `Watch`, which opens its own request from a KubeConfig and so would bypass the
 * connection's credential handling and its refusal to skip TLS verification.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { KubeRequest } from './connection';
import { MetricsError } from './problems';

/** What the watch needs of a ClusterConnection. */
export interface WatchSource {
  readonly context: string;
  readonly server: string;
  request<T>(req: KubeRequest): Promise<T>;
  stream(req: KubeRequest, onLine: (line: string) => void): Promise<void>;
}

interface PodListJson {
  readonly items?: V1Pod[];
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
}

interface WatchEvent {
  readonly type?: string;
  readonly object?: {
    readonly metadata?: { readonly resourceVersion?: string; readonly namespace?: string; readonly name?: string };
    readonly code?: number;
    readonly message?: string;
  };
}

export interface PodWatchOptions {
  /** Pods per page of the initial list, as kubectl's `--chunk-size`. */
  readonly pageSize?: number;
  /** Asked of the server: it ends each watch after this long (client-go picks 5–10 minutes). */
  readonly timeoutSeconds?: number;
  /** Time limit of each list request. */
  readonly requestTimeoutMs?: number;
  /** Wait before opening a broken stream again (doubles up to 30 s while it keeps failing). */
  readonly retryMs?: number;
}

/** The resourceVersion is too old: list again. */
class Gone extends Error {}

const keyOf = (p: { metadata?: { namespace?: string; name?: string } }) =>
  `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

export class PodWatch {
  private readonly store = new Map<string, V1Pod>();
  private resourceVersion: string | undefined;
  private readonly stop = new AbortController();
  private loop: Promise<void> | undefined;
  private first: Promise<void> | undefined;
  /** Whether the store holds a complete list kept current (false until the first list, and after a failure). */
  synced = false;
  /** Lists and watch streams opened, and events applied (tests and the bench read them). */
  lists = 0;
  watches = 0;
  events = 0;
  /** The last failure of the list or the stream; cleared when one works again. */
  lastError: unknown;

  constructor(
    readonly source: WatchSource,
    private readonly options: PodWatchOptions = {},
  ) {}

  /** The pods as the watch knows them now. */
  get pods(): V1Pod[] {
    return [...this.store.values()];
  }

  get size(): number {
    return this.store.size;
  }

  /** Lists the pods (once) and starts watching; resolves when the first list is in, rejects when it failed. */
  start(): Promise<void> {
    this.first ??= this.list().then(() => {
      this.loop = this.run();
    });
    return this.first;
  }

  /** Ends the stream under way and every retry. */
  dispose(): void {
    this.stop.abort(new Error('the pod watch was stopped'));
    this.synced = false;
  }

  get disposed(): boolean {
    return this.stop.signal.aborted;
  }

  /** For tests: resolves when the watch loop has ended (after `dispose`). */
  async ended(): Promise<void> {
    await this.loop;
  }

  private async list(): Promise<void> {
    this.lists++;
    const pageSize = this.options.pageSize ?? 500;
    const items: V1Pod[] = [];
    let token: string | undefined;
    let rv: string | undefined;
    const page = (query: Record<string, string | number | undefined>) =>
      this.source.request<PodListJson>({
        path: '/api/v1/pods',
        query,
        signal: this.stop.signal,
        ...(this.options.requestTimeoutMs ? { timeoutMs: this.options.requestTimeoutMs } : {}),
      });
    do {
      let answer: PodListJson;
      try {
        answer = await page({ limit: pageSize, continue: token });
      } catch (e) {
        // An expired continue token: one full, consistent list instead (client-go's pager does the same).
        if (!token || !(e instanceof MetricsError) || e.answer?.status !== 410) throw e;
        items.length = 0;
        answer = await page({});
      }
      for (const p of answer.items ?? []) items.push(p);
      rv ??= answer.metadata?.resourceVersion;
      token = answer.metadata?.continue || undefined;
    } while (token);
    this.store.clear();
    for (const p of items) this.store.set(keyOf(p), p);
    this.resourceVersion = rv;
    this.synced = rv !== undefined;
    this.lastError = undefined;
  }

  private async run(): Promise<void> {
    let retry = this.options.retryMs ?? 1000;
    while (!this.disposed) {
      try {
        if (this.resourceVersion === undefined) await this.list();
        await this.watchOnce();
        retry = this.options.retryMs ?? 1000;
      } catch (e) {
        if (this.disposed) return;
        if (e instanceof Gone || (e instanceof MetricsError && e.answer?.status === 410)) {
          this.resourceVersion = undefined; // list again, at once
          continue;
        }
        // A failed list leaves no version to watch from: the pods may be stale until a list works again.
        if (this.resourceVersion === undefined) this.synced = false;
        this.lastError = e;
        await sleep(retry, this.stop.signal);
        retry = Math.min(30_000, retry * 2);
      }
    }
  }

  /** One watch stream from the last resourceVersion, until the server ends it. */
  private async watchOnce(): Promise<void> {
    this.watches++;
    const timeoutSeconds = this.options.timeoutSeconds ?? 300;
    await this.source.stream(
      {
        path: '/api/v1/pods',
        query: {
          watch: 'true',
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: 'true',
          timeoutSeconds,
        },
        signal: this.stop.signal,
        // The server ends the stream at timeoutSeconds; past that plus a margin it is stuck.
        timeoutMs: (timeoutSeconds + 30) * 1000,
        describe: { verb: 'watch', resource: 'pods' },
      },
      (line) => this.apply(JSON.parse(line) as WatchEvent),
    );
  }

  private apply(e: WatchEvent): void {
    const o = e.object;
    if (e.type === 'ERROR') {
      if (o?.code === 410) throw new Gone(o.message ?? 'too old resource version');
      throw new Error(`the pod watch failed: ${o?.message ?? 'an error event'}`);
    }
    const rv = o?.metadata?.resourceVersion;
    if (!o || !rv) return;
    this.events++;
    if (e.type === 'ADDED' || e.type === 'MODIFIED') this.store.set(keyOf(o), o as V1Pod);
    else if (e.type === 'DELETED') this.store.delete(keyOf(o));
    // BOOKMARK: only the resourceVersion moves on.
    this.resourceVersion = rv;
    this.lastError = undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
