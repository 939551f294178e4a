/**
 * What the test API server does for the connection's tests: lists paged with `limit` and `continue` as
 * kube-apiserver pages them (an opaque continue token; `metadata.remainingItemCount`), a continue token that has
 * expired (410 Gone with the real `Expired` Status), and a plain-http server on an https address's port.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PagingState {
  /** Continue tokens handed out from now on are refused as expired (the list's resourceVersion was compacted). */
  expireContinue: boolean;
  /** Pages served (requests that carried `limit`). */
  pages: number;
}

export function pagingState(): PagingState {
  return { expireContinue: false, pages: 0 };
}

interface ListHead {
  readonly kind: string;
  readonly apiVersion: string;
  readonly metadata: { readonly resourceVersion: string };
}

/** kube-apiserver's message for an expired continue token (apiserver's storage, `Expired`). */
const EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/**
 * The answer to a list request: the whole list without `limit`, else the page at the continue token; a 410 `Status`
 * when continue tokens have expired. Only the entries of the page are turned into JSON, so that paging costs the
 * stand-in what it costs an API server serving from its cache, not a whole list per page.
 */
export function pagedList<T>(
  url: URL,
  head: ListHead,
  entries: readonly T[],
  json: (e: T) => unknown,
  state: PagingState,
): { code: number; body: unknown } {
  const limit = Number(url.searchParams.get('limit') ?? '0');
  const token = url.searchParams.get('continue');
  if (!(limit > 0) && !token) return { code: 200, body: { ...head, items: entries.map(json) } };
  state.pages++;
  let offset = 0;
  if (token) {
    if (state.expireContinue) {
      return {
        code: 410,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: EXPIRED,
          reason: 'Expired',
          code: 410,
        },
      };
    }
    try {
      offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { start: number }).start;
    } catch {
      return {
        code: 400,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'continue key is not valid: illegal base64 data at input byte 0',
          reason: 'BadRequest',
          code: 400,
        },
      };
    }
  }
  const end = limit > 0 ? offset + limit : entries.length;
  const items = entries.slice(offset, end).map(json);
  const more = end < entries.length;
  return {
    code: 200,
    body: {
      ...head,
      metadata: {
        resourceVersion: head.metadata.resourceVersion,
        ...(more
          ? {
              continue: Buffer.from(
                JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(head.metadata.resourceVersion), start: end }),
              ).toString('base64'),
              remainingItemCount: entries.length - end,
            }
          : {}),
      },
      items,
    },
  };
}

/** A plain-http server (what `kubectl proxy` or a wrong port answers): a test points an https:// address at it. */
export async function startPlainHttpServer(): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"kind":"APIVersions","versions":["v1"]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
