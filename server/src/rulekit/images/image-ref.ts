/**
 * Container image references, parsed as the container runtimes read them:
 *
 *   [registry[:port]/]repository[:tag][@algorithm:digest]
 *
 * The first path component is a registry only when it looks like a host (has a `.` or a `:`, or is `localhost`), so
 * `localhost:5000/app` is the repository `app` on `localhost:5000` with no tag, while `app:1.2` is tagged. A digest
 * pins the image whatever the tag says (`app:1.2@sha256:…` runs exactly that digest).
 */
import type { ContainerRef } from '../../model/object';
import type { RuleContext } from '../../engine/rule';
import type { Node, Pair } from '../../yaml/nodes';

export interface ImageRef {
  /** The text as written. */
  readonly raw: string;
  /** `registry.k8s.io`, `localhost:5000`; undefined for Docker Hub short names (`nginx`, `bitnami/redis`). */
  readonly registry: string | undefined;
  /** The path below the registry (`library/nginx` is written `nginx`). */
  readonly repository: string;
  readonly tag: string | undefined;
  /** `sha256:<hex>` (any algorithm) when pinned. */
  readonly digest: string | undefined;
}

/** Text that is not an image reference but a placeholder filled in later (`$(IMAGE)`, `${TAG}`, `{{ .Values }}`). */
const TEMPLATED = /\$\(|\$\{|\{\{|<[^>]*>/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Fa-f0-9]{32,}$/;

/** Parses an image reference; undefined for empty or templated text, which no image rule can judge. */
export function parseImage(raw: string): ImageRef | undefined {
  const text = raw.trim();
  if (text === '' || TEMPLATED.test(text) || /\s/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  // After the registry is cut off, a `:` can only introduce the tag (repository paths never contain one).
  const colon = rest.lastIndexOf(':');
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return {
    raw: text,
    registry,
    repository: rest,
    tag: tag === '' ? undefined : tag,
    digest: digest === '' ? undefined : digest,
  };
}

/** Whether the digest has the `algorithm:hex` shape (a malformed one is the schema's business, not a pin). */
export function hasValidDigest(ref: ImageRef): boolean {
  return ref.digest !== undefined && DIGEST.test(ref.digest);
}

/**
 * Whether the reference may resolve to different images over time: no digest, and no tag or the tag `latest`.
 * (Any tag can be re-pushed; these two are mutable by convention, as Kubernetes' own pull-policy default assumes.)
 */
export function isMutable(ref: ImageRef): boolean {
  if (ref.digest !== undefined) return false;
  return ref.tag === undefined || ref.tag === 'latest';
}

/** A container's image with the node that wrote it, for the containers that have one that can be judged. */
export interface ContainerImage {
  readonly container: ContainerRef;
  readonly pair: Pair;
  readonly node: Node;
  readonly ref: ImageRef;
}

export function containerImages(ctx: RuleContext): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const c of ctx.containers()) {
    const pair = ctx.nav.pair(c.node, 'image');
    const node = ctx.nav.deref(pair?.value);
    const text = ctx.nav.str(node);
    if (!pair || !node || text === undefined) continue;
    const ref = parseImage(text);
    if (ref) out.push({ container: c, pair, node, ref });
  }
  return out;
}
