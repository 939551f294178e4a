/**
 * Shared helpers of the Pod Security Standards (PSS) rules: where pod- and container-level security contexts are,
 * which level a Namespace enforces through its Pod Security admission label, and fixes that compose.
 *
 * Every PSS rule follows the admission controller (k8s.io/pod-security-admission) rather than a looser reading:
 * a value is judged where it is written, a container value overrides the pod value for the "must be set" controls
 * (runAsNonRoot, seccomp), and a pod-level value that is explicitly wrong fails even when every container
 * overrides it, because that is what admission does.
 */
import type { Node, Pair, YAMLMap, YAMLSeq } from '../yaml/nodes';
import { isAlias, isScalar, keyString } from '../yaml/nodes';
import type { RuleContext, RuleReport } from '../engine/rule';
import type { ContainerRef } from '../model/object';
import type { Edit, YamlEditor } from '../yaml/edit';
import type { YamlValue } from '../yaml/render';
import { isWindowsPodSpec } from './security/windows';
import type { AnchorKey } from './anchors';

export type PssLevel = 'baseline' | 'restricted';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** The level that the object's Namespace enforces, when the workspace defines that Namespace with the label. */
function enforcedLevel(ctx: RuleContext): PssLevel | undefined {
  const ns = ctx.index.get('Namespace', undefined, ctx.namespace);
  const v = ns?.labels.get(ENFORCE_LABEL)?.trim();
  return v === 'baseline' || v === 'restricted' ? v : undefined;
}

/** The minor version of the target Kubernetes (`1.33` → 33); unparsable settings mean "current". */
export function targetMinor(ctx: RuleContext): number {
  const m = /^v?1\.(\d+)/.exec(ctx.settings.kubernetesVersion ?? '');
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}

export interface PssReport extends RuleReport {
  /** The PSS level whose control this finding breaks, when it differs from the rule's. */
  level?: PssLevel;
}

/**
 * Reports PSS findings: raises them to error when the Namespace enforces a level containing the control (the
 * admission controller would reject the pods), and reports a node shared by several containers (an anchor, an
 * alias, a merge key) once.
 */
/** Why an escalated finding is an error: appended to the rule's message. */
function escalationNote(namespace: string, enforced: PssLevel): string {
  return `Namespace "${namespace}" enforces the ${enforced} Pod Security level: admission rejects such pods.`;
}

export class PssReporter {
  /** Made at the first report: most objects break no control of most rules. */
  private seen: Set<unknown> | undefined;
  private enforced: PssLevel | undefined | null = null;

  constructor(
    private readonly ctx: RuleContext,
    private readonly ruleId: string,
    private readonly level: PssLevel,
    /** The Kubernetes minor from which admission checks this control (Host Probes: 1.34). */
    private readonly sinceMinor = 0,
  ) {}

  report(r: PssReport): void {
    const seen = (this.seen ??= new Set());
    if (seen.has(r.node)) return;
    seen.add(r.node);
    // `r` goes on as it is: the engine reads a report's fields by name and never `level`, so no copy without it
    const report: RuleReport = r;
    const control = r.level ?? this.level;
    if (this.enforced === null) this.enforced = enforcedLevel(this.ctx);
    const enforced = this.enforced;
    if (enforced && (control === 'baseline' || enforced === 'restricted') && targetMinor(this.ctx) >= this.sinceMinor) {
      this.ctx.report({
        ...report,
        severity: 'error',
        escalated: true,
        suffix: escalationNote(this.ctx.namespace, enforced),
      });
      return;
    }
    // A finding graded below error stays out of `minimal` (errors only), unless the user set the rule's severity.
    if (
      report.severity &&
      report.severity !== 'error' &&
      this.ctx.settings.profile === 'minimal' &&
      this.ctx.settings.rules[this.ruleId] === undefined
    ) {
      return;
    }
    this.ctx.report(report);
  }
}

export function podSecurityContext(ctx: RuleContext): YAMLMap | undefined {
  return ctx.nav.getMap(ctx.podSpec(), 'securityContext');
}

export function containerSecurityContext(ctx: RuleContext, c: ContainerRef): YAMLMap | undefined {
  return ctx.nav.getMap(c.node, 'securityContext');
}

/** Windows pods are exempt from the Linux-only restricted controls (and cannot set them): see windows.ts. */
export function isWindowsPod(ctx: RuleContext): boolean {
  // nine rules ask of every pod, each some fifteen lookups: answered once per object
  return ctx.perObject(WINDOWS_POD, () => isWindowsPodSpec(ctx, ctx.podSpec()));
}

const WINDOWS_POD = Symbol('isWindowsPod');

/** `Containers "a", "b" and init container "c"`: several containers named in one message. */
const CONTAINER_GROUPS: ReadonlyArray<readonly [string, string, ContainerRef['kind']]> = [
  ['Container', 'Containers', 'container'],
  ['init container', 'init containers', 'initContainer'],
  ['ephemeral container', 'ephemeral containers', 'ephemeralContainer'],
];

export function containerList(cs: readonly ContainerRef[]): string {
  const parts: string[] = [];
  // index loops and no intermediate lists: a message of most PSS findings is built here
  for (let g = 0; g < CONTAINER_GROUPS.length; g++) {
    const group = CONTAINER_GROUPS[g];
    const kind = group[2];
    const names: string[] = [];
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      if (c.kind !== kind) continue;
      const name = c.name ? `"${c.name}"` : `#${c.index + 1}`;
      if (!names.includes(name)) names.push(name);
    }
    if (names.length) parts.push(`${names.length === 1 ? group[0] : group[1]} ${names.join(', ')}`);
  }
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where a missing container setting is squiggled (with `containerAnchor`): the container's own `securityContext:`. */
export const SECURITY_CONTEXT_KEY: AnchorKey = { path: ['securityContext'], keyOnly: true };

/**
 * Sets `path` below `map` to `value`, inserting into existing blocks (so that several fixes build one
 * securityContext) and creating missing maps. Unlike a plain insert it refuses to shadow a map that a merge key
 * brings in (an own `securityContext:` would drop every merged setting) and fills a `key:` written without a value
 * in place. Undefined when no safe edit exists.
 */
export function setPath(
  ctx: RuleContext,
  e: YamlEditor,
  map: YAMLMap,
  path: readonly string[],
  value: YamlValue,
): Edit | undefined {
  // a list or block already written there is the author's: it is extended by other fixes, never replaced
  const existing = ctx.nav.getIn(map, path);
  if (existing && !isScalar(existing)) return undefined;
  return e.ensurePath(map, path, value);
}

/** The fix for a wrong value: set it through the path, else (an anchor shared by the pod's containers) in place. */
export function setValueFix(
  ctx: RuleContext,
  e: YamlEditor,
  owner: YAMLMap,
  path: readonly string[],
  pair: Pair,
  value: YamlValue,
): Edit | undefined {
  const viaPath = setPath(ctx, e, owner, path, value);
  if (viaPath) return viaPath;
  const v = pair.value as Node | null;
  return v && (isScalar(v) || isAlias(v)) ? e.setValue(v, value) : undefined;
}

/**
 * Deletes `pair` from `map`. When the pair comes from a merge key it cannot be deleted here: `override` (a value
 * with the same meaning as absence) is written as an own key instead. When `parent` is given and the pair is the
 * map's only entry, the parent key goes too, so that no empty `seLinuxOptions:` is left behind.
 */
export function removeField(
  e: YamlEditor,
  map: YAMLMap,
  pair: Pair,
  override?: YamlValue,
  parent?: { map: YAMLMap; pair: Pair },
): Edit | undefined {
  if (!map.items.includes(pair)) {
    const key = keyString(pair.key);
    return override === undefined || key === undefined ? undefined : e.insertPair(map, key, override);
  }
  if (parent && map.items.length === 1 && parent.pair.value === map && parent.map.items.includes(parent.pair)) {
    return e.removePair(parent.map, parent.pair);
  }
  return e.removePair(map, pair);
}

/** Deletes item `index` of `seq`; the last item takes its key (`parent`) with it. */
export function removeSeqItem(e: YamlEditor, seq: YAMLSeq, index: number, parent?: { map: YAMLMap; pair: Pair }): Edit {
  if (parent && seq.items.length === 1 && parent.pair.value === seq && parent.map.items.includes(parent.pair)) {
    return e.removePair(parent.map, parent.pair);
  }
  return e.removeItem(seq, index);
}

/** Capabilities that the baseline profile lets a container add (the runtime's default set without NET_RAW). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The capability a runtime grants for a name as written (`cap_sys_admin` → `SYS_ADMIN`). */
export function normalizeCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, '');
}
