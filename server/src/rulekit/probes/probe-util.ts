/** Shared helpers of the probe rules: which containers need probes, their ports, and the probe a fix inserts. */
import type { YAMLMap } from '../../yaml/nodes';
import type { FixSpec, RuleContext } from '../../engine/rule';
import type { ContainerRef } from '../../model/object';
import type { YamlValue } from '../../yaml/render';
import { Commented } from '../../yaml/render';

export const PROBE_KEYS = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
export type ProbeKey = (typeof PROBE_KEYS)[number];

/** Kinds whose pods run to completion: a probe there has nothing to keep alive or route traffic to. */
const BATCH_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/**
 * The containers that should have readiness and liveness probes: the regular containers of pods that keep running.
 * Init containers run to completion (native sidecars are left to their authors), ephemeral containers cannot have
 * probes, and Job/CronJob pods, like bare Pods with `restartPolicy` Never or OnFailure, finish by design.
 */
export function longRunningContainers(ctx: RuleContext): ContainerRef[] {
  if (BATCH_KINDS.has(ctx.object.kind)) return [];
  const restart = ctx.nav.getStr(ctx.podSpec(), 'restartPolicy');
  if (restart === 'Never' || restart === 'OnFailure') return [];
  return ctx.containers().filter((c) => c.kind === 'container');
}

export interface ContainerPort {
  readonly name: string | undefined;
  readonly number: number | undefined;
  readonly protocol: string;
}

export function containerPorts(ctx: RuleContext, c: ContainerRef): ContainerPort[] {
  const seq = ctx.nav.getSeq(c.node, 'ports');
  if (!seq) return [];
  const out: ContainerPort[] = [];
  for (const item of seq.items) {
    const m = ctx.nav.map(item);
    if (!m) continue;
    const raw = ctx.nav.getStr(m, 'containerPort');
    const number = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
    out.push({ name: ctx.nav.getStr(m, 'name'), number, protocol: ctx.nav.getStr(m, 'protocol') ?? 'TCP' });
  }
  return out;
}

/**
 * The port an inserted httpGet probe targets: the first TCP port named like HTTP (`http`, `web`, `http-api`) if any,
 * else the first TCP port. Written by name when it has one, so the probe follows a later renumbering.
 */
function probePort(ports: readonly ContainerPort[]): string | number | undefined {
  const tcp = ports.filter((p) => p.protocol.toUpperCase() === 'TCP' && (p.number !== undefined || p.name));
  const httpLike = tcp.find((p) => p.name !== undefined && /http|web/i.test(p.name));
  const chosen = httpLike ?? tcp[0];
  if (!chosen) return undefined;
  return chosen.name ?? chosen.number;
}

/**
 * The fix that adds an httpGet probe on the container's port, with the path left for the author to confirm.
 * None when the container declares no TCP port: there is nothing to aim an httpGet or tcpSocket probe at, and an
 * invented `exec` command would fail (never ready, or restarted in a loop) or pass without checking anything.
 */
export function probeFix(ctx: RuleContext, c: ContainerRef, key: ProbeKey, todo: string): FixSpec | undefined {
  const port = probePort(containerPorts(ctx, c));
  if (port === undefined) return undefined;
  const probe: YamlValue = { httpGet: { path: new Commented('/', todo), port } };
  const node: YAMLMap = c.node;
  return {
    title: `Add ${key} (httpGet / on port ${port})`,
    edit: (e) => e.insertPair(node, key, probe),
  };
}

/**
 * A node as plain data for comparison: aliases followed, merge keys applied, map keys sorted, scalars as Kubernetes
 * reads their text (so `port: 8080` and `port: "8080"` compare equal, as the API server's IntOrString makes them).
 */
export function plain(ctx: RuleContext, node: unknown, depth = 0): unknown {
  if (depth > 32) return null;
  const m = ctx.nav.map(node);
  if (m) {
    const entries = ctx.nav.entries(m).map(([k, p]) => [k, plain(ctx, p.value, depth + 1)] as const);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  const s = ctx.nav.seq(node);
  if (s) return s.items.map((it) => plain(ctx, it, depth + 1));
  return ctx.nav.str(node) ?? null;
}
