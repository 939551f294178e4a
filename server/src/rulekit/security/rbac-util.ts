/** Shared by the RBAC rules: the `rules[]` entries of a Role or ClusterRole, each field as its written items. */
import type { Node } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';

export const ROLE_KINDS: readonly string[] = ['Role', 'ClusterRole'];
export const BINDING_KINDS: readonly string[] = ['RoleBinding', 'ClusterRoleBinding'];

export interface RbacItem {
  readonly value: string;
  readonly node: Node;
}

export interface RbacRuleEntry {
  /** Zero-based position in `rules`. */
  readonly index: number;
  readonly verbs: readonly RbacItem[];
  readonly resources: readonly RbacItem[];
  readonly apiGroups: readonly RbacItem[];
  readonly resourceNames: readonly RbacItem[];
  readonly nonResourceURLs: readonly RbacItem[];
  /** Whether `apiGroups` was written at all (a resource rule without it is malformed; treat it as matching). */
  readonly hasApiGroups: boolean;
}

type Field = 'verbs' | 'resources' | 'apiGroups' | 'resourceNames' | 'nonResourceURLs';

export function rbacRules(ctx: RuleContext): RbacRuleEntry[] {
  const rules = ctx.nav.getSeq(ctx.object.node, 'rules');
  if (!rules) return [];
  const out: RbacRuleEntry[] = [];
  rules.items.forEach((it, index) => {
    const m = ctx.nav.map(it);
    if (!m) return;
    const field = (key: Field): RbacItem[] => {
      const v = ctx.nav.get(m, key);
      const seq = ctx.nav.seq(v);
      const nodes = seq ? seq.items : v ? [v] : [];
      const items: RbacItem[] = [];
      for (const n of nodes) {
        const node = ctx.nav.deref(n);
        const value = ctx.nav.str(node);
        if (node && value !== undefined) items.push({ value, node });
      }
      return items;
    };
    out.push({
      index,
      verbs: field('verbs'),
      resources: field('resources'),
      apiGroups: field('apiGroups'),
      resourceNames: field('resourceNames'),
      nonResourceURLs: field('nonResourceURLs'),
      hasApiGroups: ctx.nav.pair(m, 'apiGroups') !== undefined,
    });
  });
  return out;
}

/** Whether a rule applies to the core API group (`""`), where pods and secrets live. */
export function coversCoreGroup(rule: RbacRuleEntry): boolean {
  return !rule.hasApiGroups || rule.apiGroups.some((g) => g.value === '' || g.value === '*');
}

export function find(items: readonly RbacItem[], values: readonly string[]): RbacItem[] {
  return items.filter((i) => values.includes(i.value));
}

/** `rule 2 of ClusterRole "ops"` */
export function ruleLabel(ctx: RuleContext, rule: RbacRuleEntry): string {
  return `Rule ${rule.index + 1} of ${ctx.object.kind}${ctx.object.name ? ` "${ctx.object.name}"` : ''}`;
}

const READ_WRITE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** Whether plain `rules` data (from the workspace index) contain a rule granting every verb on every resource. */
export function grantsEverything(rules: unknown): boolean {
  if (!Array.isArray(rules)) return false;
  return rules.some((r) => {
    if (typeof r !== 'object' || r === null) return false;
    const rule = r as Record<string, unknown>;
    const has = (k: string): boolean => Array.isArray(rule[k]) && (rule[k] as unknown[]).includes('*');
    const verbs = Array.isArray(rule.verbs) ? (rule.verbs as unknown[]) : [];
    // every read and write verb, in any order, is `*` in all but name
    const allVerbs = has('verbs') || READ_WRITE_VERBS.every((v) => verbs.includes(v));
    return allVerbs && has('resources') && has('apiGroups');
  });
}
