/**
 * Why drift could not be shown for an object, each with the next step. HTTP answers of the object requests are
 * read here (401, 403 with the verb and resource, 404 of the kind, 409, an admission webhook's denial, an invalid
 * object); connection failures (DNS, refused, time limit, TLS) get the panel's own messages.
 */
import { classify } from '../metrics/problems';
import { DriftRequestError } from './access';

export interface DriftProblem {
  /** One line for the CodeLens: "cannot read: forbidden to get deployments.apps in prod". */
  readonly short: string;
  readonly detail: string;
  readonly next: string;
  /** The whole context cannot be read: no point asking for the other objects. */
  readonly fatal: boolean;
}

function where(ns: string | undefined): string {
  return ns ? ` in ${ns}` : ' at the cluster scope';
}

export function driftProblem(e: unknown, server: string): DriftProblem {
  if (e instanceof DriftRequestError) {
    const said = e.statusMessage;
    switch (e.code) {
      case 401:
        return {
          short: 'cannot read: the API server did not accept the credentials (401)',
          detail: said ?? 'The token or client certificate of this context is missing, wrong or expired.',
          next: 'Log in again (refresh the token, e.g. with your cloud CLI) or choose another context.',
          fatal: true,
        };
      case 403:
        if (said && /admission webhook/i.test(said)) return denied(said);
        return {
          short: `cannot read: forbidden to ${e.verb} ${e.resource}${where(e.namespace)}`,
          detail: said ?? `The API server refused ${e.verb} on ${e.resource}${where(e.namespace)}.`,
          next:
            e.verb === 'patch'
              ? `Ask for "patch" on "${e.resource}"${where(e.namespace)}: a server-side dry run needs it, and writes nothing.`
              : `Ask a cluster administrator for "${e.verb}" on "${e.resource}"${where(e.namespace)}.`,
          fatal: false,
        };
      case 404:
        return {
          short: `${e.resource} is not served by this cluster`,
          detail: said ?? `The API server does not know ${e.resource}.`,
          next: 'Install its CustomResourceDefinition (kubectl get crd lists those installed), or check the apiVersion.',
          fatal: false,
        };
      case 409:
        return {
          short: `conflict: ${said ?? 'the API server refused the apply (409)'}`,
          detail: said ?? 'The API server answered 409 Conflict to the dry-run apply.',
          next: /has been modified|resourceVersion/i.test(said ?? '')
            ? 'Remove metadata.resourceVersion from the manifest (it pins the version it was copied from), then save.'
            : 'Another field manager owns these fields; see the output, or compare with kubectl diff --server-side.',
          fatal: false,
        };
      case 400:
      case 422:
        if (said && /admission webhook/i.test(said)) return denied(said);
        return {
          short: `the API server rejects this object: ${said ?? `HTTP ${e.code}`}`,
          detail: said ?? `HTTP ${e.code}.`,
          next: 'Fix the manifest as the message says: kubectl apply would be refused the same way.',
          fatal: false,
        };
      default:
        return {
          short: `cannot read: the API server answered ${e.code}`,
          detail: said ?? `HTTP ${e.code} to ${e.verb} ${e.resource}.`,
          next: 'Save again to retry; if it persists, check the API server with kubectl get --raw /healthz.',
          fatal: e.code >= 500,
        };
    }
  }
  const p = classify(e, { verb: 'get', resource: 'the object', server });
  return {
    short: `cannot read: ${p.title}`,
    detail: p.detail,
    next: p.next.replace('press Refresh', 'save again'),
    fatal: true,
  };
}

function denied(message: string): DriftProblem {
  return {
    short: `rejected by an admission webhook: ${message.replace(/^admission webhook\s+/i, '')}`,
    detail: message,
    next: 'The cluster would refuse this manifest on apply: change it as the webhook says, or ask its owners.',
    fatal: false,
  };
}
