/**
 * A loopback control channel to a test API server for tests that run in another process (the extension host of a
 * real VS Code): they change the cluster's pods through it, as a controller or kubectl would on a real cluster, and
 * read how often the pods were listed and watched. Plain HTTP on 127.0.0.1, JSON answers; the Kubernetes API itself
 * stays on the stand-in's HTTPS port with its real wire format.
 *
 * - `POST /pods/add?from=<namespace/name>&name=<new name>`: a new pod, a copy of an existing one (a replica the
 *   ReplicaSet adds); the watch sees an ADDED event.
 * - `POST /pods/remove?pod=<namespace/name>`: the pod is deleted; the watch sees a DELETED event.
 * - `POST /pods/expire?pod=<namespace/name>`: the API server restarts after etcd compacted its history: every watch
 *   stream ends, the pod is deleted while nobody watches, and the history is compacted, so a watch resumed from
 *   the last version it saw gets a 410 Gone and must list again.
 * - `POST /hang?on=1` (`on=0` to end it): the server accepts requests and never answers them, as one behind a
 *   broken network route; ending it resets the requests left hanging.
 * - `GET /state`: `{ podLists, watches, open, pods }` — pod list requests (not watches) answered so far, watch
 *   requests, open watch streams, and the pods' `namespace/name`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeApiServer } from './fake-apiserver';

export interface ControlState {
  readonly podLists: number;
  readonly watches: number;
  readonly open: number;
  readonly pods: readonly string[];
}

export interface ApiServerControl {
  readonly url: string;
  stop(): Promise<void>;
}

const POD_PATH = /^\/api\/v1\/(?:namespaces\/[^/?]+\/)?pods(?:\?|$)/;

/** Pod list requests (not watches) among the stand-in's requests. */
export function podListRequests(requests: readonly string[]): number {
  return requests.filter((r) => POD_PATH.test(r) && !/[?&]watch=(true|1)(&|$)/.test(r)).length;
}

export function stateOf(server: FakeApiServer): ControlState {
  return {
    podLists: podListRequests(server.requests),
    watches: server.pods.watches,
    open: server.pods.open,
    pods: server.cluster.pods.map((p) => `${p.namespace}/${p.name}`),
  };
}

export async function startApiServerControl(server: FakeApiServer): Promise<ApiServerControl> {
  const find = (key: string | null) => {
    const p = server.cluster.pods.find((x) => `${x.namespace}/${x.name}` === key);
    if (!p) throw new Error(`no pod ${key ?? '(none given)'}`);
    return p;
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    const route = `${req.method} ${url.pathname}`;
    try {
      if (route === 'POST /pods/add') {
        const name = q.get('name');
        if (!name) throw new Error('name is required');
        server.pods.add({ ...find(q.get('from')), name });
      } else if (route === 'POST /pods/remove') {
        server.pods.remove(find(q.get('pod')));
      } else if (route === 'POST /pods/expire') {
        const pod = find(q.get('pod'));
        // All in one turn of the event loop: no client can open a stream between these steps.
        server.pods.closeAll();
        server.pods.remove(pod);
        server.pods.compact();
      } else if (route === 'POST /hang') {
        server.hang = q.get('on') === '1';
      } else if (route !== 'GET /state') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.stringify(stateOf(server));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    } catch (e) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(e));
    }
  };
  const http = createServer(handle);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
