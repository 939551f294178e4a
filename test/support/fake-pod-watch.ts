/**
 * Pod changes as kube-apiserver serves them to a watch: every change of a pod (added, modified, deleted) gets the
 * next resourceVersion, lists carry the resourceVersion they are current at, and `watch=true&resourceVersion=N`
 * streams the changes after N as chunked JSON lines (`{"type":"MODIFIED","object":{…}}`), then each new change as it
 * happens. As the real server: `allowWatchBookmarks=true` gets BOOKMARK events (an object with only `kind`,
 * `apiVersion` and `metadata.resourceVersion`); a resourceVersion older than the compacted history gets an ERROR
 * event carrying a 410 `Status` with reason `Expired` ("too old resource version"), after which the client must list
 * again; `timeoutSeconds` ends the stream, and the client resumes from the last resourceVersion it saw.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeCluster, PodSpecFixture } from './fake-cluster';

type Json = Record<string, unknown>;
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface Change {
  readonly rv: number;
  readonly type: WatchEventType;
  readonly fixture: PodSpecFixture;
  /** The object as it was at that version (a deleted pod: its last state). */
  readonly object: Json;
}

interface Watcher {
  readonly res: ServerResponse;
  readonly namespace: string | undefined;
  readonly bookmarks: boolean;
}

export class FakePodWatch {
  /** The current resourceVersion of the pod collection. */
  private rv = 1000;
  /** Each fixture's resourceVersion and uid index (kept when other pods come and go). */
  private readonly versions = new WeakMap<PodSpecFixture, { rv: number; index: number }>();
  private nextIndex: number;
  private readonly log: Change[] = [];
  /** Changes at or below this resourceVersion are compacted away: a watch from there gets 410. */
  private compactedAt = 0;
  private readonly watchers = new Set<Watcher>();
  /** Watch requests answered (tests read it). */
  watches = 0;

  constructor(
    private readonly cluster: FakeCluster,
    private readonly json: (p: PodSpecFixture, index: number) => Json,
  ) {
    cluster.pods.forEach((p, i) => this.versions.set(p, { rv: this.rv, index: i }));
    this.nextIndex = cluster.pods.length;
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** The pod's JSON as listed now, with its own resourceVersion. */
  objectOf(p: PodSpecFixture): Json {
    let v = this.versions.get(p);
    if (!v) {
      // A fixture put into the cluster by hand (not through `add`): it exists from now on.
      v = { rv: ++this.rv, index: this.nextIndex++ };
      this.versions.set(p, v);
    }
    const o = this.json(p, v.index);
    (o.metadata as Json).resourceVersion = String(v.rv);
    return o;
  }

  /** A new pod. */
  add(p: PodSpecFixture): void {
    this.cluster.pods.push(p);
    this.versions.set(p, { rv: ++this.rv, index: this.nextIndex++ });
    this.emit('ADDED', p);
  }

  /** The pod's fixture replaced by `next` (same namespace and name: a changed spec or status). */
  modify(p: PodSpecFixture, next: PodSpecFixture): void {
    const i = this.cluster.pods.indexOf(p);
    if (i < 0) throw new Error(`no pod ${p.namespace}/${p.name}`);
    this.cluster.pods[i] = next;
    this.versions.set(next, { rv: ++this.rv, index: this.versions.get(p)?.index ?? this.nextIndex++ });
    this.emit('MODIFIED', next);
  }

  remove(p: PodSpecFixture): void {
    const i = this.cluster.pods.indexOf(p);
    if (i < 0) throw new Error(`no pod ${p.namespace}/${p.name}`);
    this.cluster.pods.splice(i, 1);
    this.versions.set(p, { rv: ++this.rv, index: this.versions.get(p)?.index ?? 0 });
    this.emit('DELETED', p);
  }

  /** Forgets the history up to now, as etcd's compaction does: watches from an older version get 410 Gone. */
  compact(): void {
    this.compactedAt = this.rv;
    this.log.length = 0;
  }

  /** Sends a BOOKMARK to every watcher that asked for them. */
  bookmark(): void {
    for (const w of this.watchers)
      if (w.bookmarks)
        this.write(w, {
          type: 'BOOKMARK',
          object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: this.resourceVersion } },
        });
  }

  /** Ends every open watch stream, as the server does at `timeoutSeconds` or on restart. */
  closeAll(): void {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  get open(): number {
    return this.watchers.size;
  }

  private emit(type: WatchEventType, fixture: PodSpecFixture): void {
    const v = this.versions.get(fixture)!;
    const object = this.json(fixture, v.index);
    (object.metadata as Json).resourceVersion = String(v.rv);
    const change: Change = { rv: v.rv, type, fixture, object };
    this.log.push(change);
    for (const w of this.watchers) if (this.matches(w, change)) this.write(w, { type, object });
  }

  private matches(w: Watcher, c: Change): boolean {
    return w.namespace === undefined || c.fixture.namespace === w.namespace;
  }

  private write(w: Watcher, event: Json): void {
    w.res.write(JSON.stringify(event) + '\n');
  }

  /** Answers `GET …/pods?watch=true&resourceVersion=N`. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL, namespace?: string): void {
    this.watches++;
    const from = Number(url.searchParams.get('resourceVersion') ?? '0');
    const bookmarks = url.searchParams.get('allowWatchBookmarks') === 'true';
    const timeout = Number(url.searchParams.get('timeoutSeconds') ?? '0');
    // Chunked JSON lines, as kube-apiserver streams a watch (no Content-Length).
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const w: Watcher = { res, namespace, bookmarks };
    if (from > 0 && from < this.compactedAt) {
      this.write(w, {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${from} (${this.compactedAt})`,
          reason: 'Expired',
          code: 410,
        },
      });
      res.end();
      return;
    }
    for (const c of this.log) if (c.rv > from && this.matches(w, c)) this.write(w, { type: c.type, object: c.object });
    this.watchers.add(w);
    const done = () => this.watchers.delete(w);
    req.on('close', done);
    res.on('close', done);
    if (timeout > 0) {
      const t = setTimeout(() => {
        done();
        res.end();
      }, timeout * 1000);
      t.unref();
      res.on('close', () => clearTimeout(t));
    }
  }
}
