/**
 * Windows pods. Linux-only controls (seccomp, AppArmor, SELinux, capabilities, readOnlyRootFilesystem,
 * allowPrivilegeEscalation, procMount, runAsNonRoot in its Linux sense) mean nothing there and cannot be set, so
 * rules skip them. A pod is a Windows pod when it says so (`spec.os.name: windows`), when it can only be scheduled
 * on Windows nodes (`kubernetes.io/os: windows` in its nodeSelector, or in every term of its required node
 * affinity), or when it runs as a Windows HostProcess container (`windowsOptions.hostProcess`).
 */
import type { RuleContext } from '../../engine/rule';
import type { YAMLMap } from '../../yaml/nodes';

const OS_LABEL = 'kubernetes.io/os';

export function isWindowsPodSpec(ctx: RuleContext, spec: YAMLMap | undefined): boolean {
  if (!spec) return false;
  const nav = ctx.nav;
  if (nav.getStr(nav.getMap(spec, 'os'), 'name') === 'windows') return true;
  if (nav.getStr(nav.getMap(spec, 'nodeSelector'), OS_LABEL) === 'windows') return true;
  const terms = nav.getSeq(
    nav.getMap(
      nav.getMap(nav.getMap(spec, 'affinity'), 'nodeAffinity'),
      'requiredDuringSchedulingIgnoredDuringExecution',
    ),
    'nodeSelectorTerms',
  );
  // Terms are ORed: the pod is bound to Windows only when every term requires it.
  if (terms && terms.items.length > 0 && terms.items.every((t) => termRequiresWindows(ctx, t))) return true;
  const hostProcess = (sc: YAMLMap | undefined): boolean =>
    nav.bool(nav.get(nav.getMap(sc, 'windowsOptions'), 'hostProcess')) === true;
  if (hostProcess(nav.getMap(spec, 'securityContext'))) return true;
  return ctx.containers().some((c) => hostProcess(nav.getMap(c.node, 'securityContext')));
}

function termRequiresWindows(ctx: RuleContext, term: unknown): boolean {
  const exprs = ctx.nav.getSeq(ctx.nav.map(term), 'matchExpressions');
  return (exprs?.items ?? []).some((e) => {
    const m = ctx.nav.map(e);
    if (ctx.nav.getStr(m, 'key') !== OS_LABEL || ctx.nav.getStr(m, 'operator') !== 'In') return false;
    const values = (ctx.nav.getSeq(m, 'values')?.items ?? []).map((v) => ctx.nav.str(v));
    return values.length > 0 && values.every((v) => v === 'windows');
  });
}
