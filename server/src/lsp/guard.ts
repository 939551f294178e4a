/**
 * How the server answers requests: a failing handler is logged and answered with a fallback (never allowed to take
 * the server down); a request the client cancelled (`$/cancelRequest`) is answered `RequestCancelled` before any
 * work; and a result computed for a text the user has since changed is answered `ContentModified` (LSP's way of
 * saying "ask again"), never with positions of a version the editor no longer shows.
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';

export interface Logger {
  error(message: string): void;
}

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** Runs a notification handler; a failure is logged, never thrown. */
export function guard<A extends unknown[], R>(
  log: Logger,
  name: string,
  fallback: R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      log.error(`${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}

/** Thrown by a handler when the document changed under it: the request is answered `ContentModified`. */
export class StaleResult extends Error {}

/**
 * A request handler: answered `RequestCancelled` when the client cancelled it before it ran, `ContentModified` when
 * the handler found its text outdated (`StaleResult`), `fallback` (logged) when it failed.
 */
export function request<P, R>(
  log: Logger,
  name: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (token.isCancellationRequested) return cancelled();
    try {
      const result = await handler(params, token);
      return token.isCancellationRequested ? cancelled() : result;
    } catch (e) {
      if (e instanceof StaleResult) return new ResponseError(LSPErrorCodes.ContentModified, e.message);
      log.error(`${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

/** Throws `StaleResult` when the document is no longer at `version` (it changed while the handler waited). */
export function stillAt(doc: { version: number } | undefined, version: number): void {
  if (!doc || doc.version !== version) throw new StaleResult('the document changed; ask again');
}
