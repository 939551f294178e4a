/**
 * A request's deadline: a signal that aborts when the caller's does, or after `ms`.
 *
 * Not `AbortSignal.any([signal, AbortSignal.timeout(ms)])`: in Node 20 the combined signal holds its timeout signal
 * only weakly, and a garbage collection during the wait takes the timeout with its timer, so that the request never
 * times out (nodejs/node#57736; seen as a refresh against a hung API server that never failed, in a busy extension
 * host). Here the timer holds the controller until it fires or `clear` stops it.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Stops the timer and lets go of the caller's signal (the request is done). */
  clear(): void;
}

export function deadline(parent: AbortSignal | undefined, ms: number): Deadline {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent?.reason);
  const timer = setTimeout(() => {
    parent?.removeEventListener('abort', onAbort);
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, ms);
  // like AbortSignal.timeout: a pending deadline alone does not keep the process alive
  timer.unref?.();
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}
