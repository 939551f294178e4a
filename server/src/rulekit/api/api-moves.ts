/**
 * apiVersion moves that a fix can make without the author: the old version is no longer served, so the object as
 * written is rejected, and the move keeps what it means (safe), except where a default changes (unsafe):
 * - a mechanical move (same schema): rewrite the apiVersion;
 * - PodDisruptionBudget policy/v1beta1 → policy/v1 when its selector is non-empty (an empty selector selected no pod
 *   in v1beta1 and selects every pod of the namespace in v1, so that one is left to the author);
 * - extensions/v1beta1 (and apps/v1beta1) Deployment and DaemonSet → apps/v1, with `spec.selector` copied from the
 *   template's labels when absent (the old versions defaulted it from them; apps/v1 requires it);
 * - an extensions/v1beta1 DaemonSet without `updateStrategy.type` defaulted to OnDelete (pods replaced only when
 *   deleted by hand); apps/v1 defaults to RollingUpdate (every node's pod replaced on the next template change), so
 *   that move changes what runs: unsafe.
 * - a Deployment that leaves a field unset whose default differs: extensions/v1beta1 rolled out one pod at a time
 *   (maxSurge 1, maxUnavailable 1; apps/v1: 25% each, so ten pods at once out of forty), kept every old ReplicaSet
 *   (apps/v1beta1: two; apps/v1: ten) and had no progress deadline (apps/v1: 600 s, after which `kubectl rollout
 *   status` fails). The move is unsafe, and a `# TODO` above the apiVersion names the defaults that now apply, for
 *   the author to pin the old values or accept the new ones (only they know which the rollout relies on).
 */
import type { FixSpec, RuleContext } from '../../engine/rule';
import type { Deprecation } from '../../schema/deprecations';
import type { Edit, YamlEditor } from '../../yaml/edit';
import type { Node, YAMLMap } from '../../yaml/nodes';
import type { YamlValue } from '../../yaml/render';

export function apiMoveFix(ctx: RuleContext, dep: Deprecation, valueNode: Node): FixSpec | undefined {
  if (!dep.replacement.includes('/')) return undefined;
  const { kind } = ctx.object;
  const spec = ctx.nav.getMap(ctx.object.node, 'spec');
  const strategyChanges =
    kind === 'DaemonSet' &&
    dep.apiVersion === 'extensions/v1beta1' &&
    ctx.nav.getStr(ctx.nav.getMap(spec, 'updateStrategy'), 'type') === undefined;
  const defaults = kind === 'Deployment' ? deploymentDefaults(ctx, dep.apiVersion, spec) : [];
  const safety = strategyChanges || defaults.length > 0 ? 'unsafe' : 'safe';
  const title = `Change apiVersion to ${dep.replacement}`;
  const changes = strategyChanges
    ? ' (the update strategy becomes RollingUpdate, was OnDelete)'
    : defaults.length > 0
      ? ` (defaults change: ${defaults.join('; ')})`
      : '';
  // the defaults that now apply, above the apiVersion line, for the author to pin or accept
  const todo = (e: YamlEditor): Edit[] =>
    defaults.length > 0
      ? [
          e.insertCommentAbove(
            valueNode.range?.[0] ?? 0,
            `TODO: ${dep.replacement} defaults apply: ${defaults.join('; ')}. Set them here to keep the old rollout.`,
          ),
        ]
      : [];
  const rewrite: FixSpec = {
    title: title + changes,
    safety,
    edit: (e: YamlEditor) => [e.setValue(valueNode, dep.replacement), ...todo(e)],
  };
  if (dep.mechanical) return rewrite;
  if (kind === 'PodDisruptionBudget' && dep.apiVersion === 'policy/v1beta1') {
    const selector = ctx.nav.getMap(spec, 'selector');
    const nonEmpty = (key: string): boolean => {
      const v = ctx.nav.get(selector, key);
      const m = ctx.nav.map(v);
      const s = ctx.nav.seq(v);
      return (m?.items.length ?? 0) > 0 || (s?.items.length ?? 0) > 0;
    };
    return nonEmpty('matchLabels') || nonEmpty('matchExpressions') ? rewrite : undefined;
  }
  if (
    (kind === 'Deployment' || kind === 'DaemonSet') &&
    (dep.apiVersion === 'extensions/v1beta1' || dep.apiVersion === 'apps/v1beta1') &&
    dep.replacement === 'apps/v1' &&
    spec
  ) {
    if (ctx.nav.get(spec, 'selector') !== undefined) return rewrite;
    const labels = ctx.nav.getMap(ctx.nav.getMap(ctx.nav.getMap(spec, 'template'), 'metadata'), 'labels');
    const matchLabels: { [k: string]: YamlValue } = {};
    for (const p of labels?.items ?? []) {
      const k = ctx.nav.str(p.key);
      const v = ctx.nav.str(p.value);
      if (k === undefined || v === undefined) return undefined;
      matchLabels[k] = v;
    }
    if (Object.keys(matchLabels).length === 0) return undefined;
    return {
      title: `${title}, with spec.selector from the template's labels${changes}`,
      safety,
      edit: (e): Edit[] | undefined => {
        const sel = e.insertPair(spec, 'selector', { matchLabels });
        return sel ? [e.setValue(valueNode, dep.replacement), sel, ...todo(e)] : undefined;
      },
    };
  }
  return undefined;
}

/**
 * The fields a Deployment leaves unset whose apps/v1 default differs from the one of the version it is written in,
 * as `field new, was old`.
 */
function deploymentDefaults(ctx: RuleContext, from: string, spec: YAMLMap | undefined): string[] {
  if (from !== 'extensions/v1beta1' && from !== 'apps/v1beta1') return [];
  const out: string[] = [];
  const strategy = ctx.nav.getMap(spec, 'strategy');
  if (from === 'extensions/v1beta1' && ctx.nav.getStr(strategy, 'type') !== 'Recreate') {
    const rolling = ctx.nav.getMap(strategy, 'rollingUpdate');
    if (ctx.nav.get(rolling, 'maxSurge') === undefined) out.push('maxSurge 25%, was 1');
    if (ctx.nav.get(rolling, 'maxUnavailable') === undefined) out.push('maxUnavailable 25%, was 1');
  }
  if (ctx.nav.get(spec, 'revisionHistoryLimit') === undefined)
    out.push(`revisionHistoryLimit 10, was ${from === 'apps/v1beta1' ? '2' : 'every old ReplicaSet'}`);
  if (from === 'extensions/v1beta1' && ctx.nav.get(spec, 'progressDeadlineSeconds') === undefined)
    out.push('progressDeadlineSeconds 600, was none');
  return out;
}
