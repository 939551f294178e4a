/**
 * The rule API. A rule is its metadata plus `check(ctx)`, called once per Kubernetes object; it reports through
 * `ctx.report` and never computes text offsets itself: fixes go through the `YamlEditor` in `ctx.edit`.
 *
 *   export default defineRule({
 *     meta: { id: 'cpu-request-missing', category: 'resources', severity: 'warning', fixable: true, docs: {...} },
 *     check(ctx) { for (const c of ctx.containers()) if (!…) ctx.report({ node: c.node, message: '…' }); },
 *   });
 */
import { Node, Pair, YAMLMap } from 'yaml';
import { ContainerRef, K8sObject } from '../model/object';
import { Quantity } from '../model/quantity';
import { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { Edit, YamlEditor } from '../yaml/edit';
import { DocNav } from '../yaml/nodes';
import { Category, FixSafety, Settings, Severity, SeverityOrOff } from './types';

export interface RuleMeta {
  readonly id: string;
  readonly category: Category;
  /** Severity in the `recommended` profile. */
  readonly severity: SeverityOrOff;
  /** Severity in the `strict` profile when it differs (rules off by default turn on as warnings there). */
  readonly strictSeverity?: Severity;
  readonly fixable: boolean;
  /**
   * The kind of every fix and suggestion the rule offers (required when `fixable`, and for a rule that offers only
   * suggestions): 'safe', 'unsafe', or 'mixed' when each FixSpec says its own `safety`. A meta-test fails on a fix
   * of a kind not declared here.
   */
  readonly fix?: FixSafety | 'mixed';
  readonly docs: { readonly description: string; readonly remediation: string };
  /** The kinds this rule looks at; absent means every object. */
  readonly kinds?: readonly string[];
  /** The anchor tools' names for the same check, so that their ignore annotations are honoured. */
  /** Set when the rule reads other objects through `ctx.index` (cross-resource rules, marked ✕ in RULES.md). */
  readonly usesIndex?: boolean;
  /**
   * Findings may become errors under a Namespace's `pod-security.kubernetes.io/enforce` label (reported with
   * `severity: 'error'`). Such a rule runs even where the profile has it off, and then only those escalated findings
   * are kept: admission would reject the pod whatever the profile says. An explicit `off` in settings still wins.
   */
  readonly escalates?: boolean;
  readonly aliases?: {
    readonly kubeLinter?: readonly string[];
    readonly polaris?: readonly string[];
    readonly kubeScore?: readonly string[];
  };
}

export type FixBuilder = (edit: YamlEditor) => Edit | Edit[] | undefined;

export interface FixSpec {
  title: string;
  edit: FixBuilder;
  /** This fix's kind, for a rule whose `meta.fix` is 'mixed'; otherwise it is the rule's. */
  safety?: FixSafety;
  /** For an unsafe fix: what it changes, shown in the editor's title ("allowed traffic"); else from the category. */
  changes?: string;
  /**
   * Build the edit in the YAML document of this other object instead (a cross-resource fix, such as inserting a
   * request into the workload an HPA targets). The builder then gets that document's editor. Offered only when the
   * object lives in the text being linted; otherwise the fix is dropped and the diagnostic stands.
   */
  in?: IndexedObject;
}

export interface Report {
  /** What the squiggle covers: a node, a pair (key through value), or the key of a pair with `keyOnly`. */
  node: Node | Pair;
  keyOnly?: boolean;
  message: string;
  fix?: FixSpec;
  suggest?: FixSpec[];
  /** Overrides the configured severity (for rules whose severity depends on what they found). */
  severity?: Severity;
  /** Set when a Namespace's Pod Security enforce label made this finding an error (see `meta.escalates`). */
  escalated?: boolean;
}

export interface RuleContext {
  readonly object: K8sObject;
  readonly nav: DocNav;
  readonly settings: Settings;
  readonly edit: YamlEditor;
  /** Every Kubernetes object the linter knows of: the workspace in the editor, the given paths in the CLI. */
  readonly index: WorkspaceIndexView;
  /**
   * The namespace the object lands in: its own, else (for cross-resource rules) the one a kustomization listing its
   * file sets, else the default one.
   */
  readonly namespace: string;
  /** The object's own entry in `index` (cross-resource rules only): compare candidates against it, never scan for it. */
  readonly self?: IndexedObject;
  report(report: Report): void;
  /** The pod spec of a workload (any kind, including CronJob's job template), or undefined. */
  podSpec(): YAMLMap | undefined;
  /** containers, initContainers and ephemeralContainers of the pod spec. */
  containers(): ContainerRef[];
  /** A Kubernetes quantity written at `node`, or undefined when absent or invalid. */
  quantity(node: unknown): Quantity | undefined;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** A rule over a whole YAML document rather than one Kubernetes object (syntax errors). */
export interface DocumentRuleContext {
  readonly doc: import('yaml').Document.Parsed;
  readonly text: string;
  readonly edit: YamlEditor;
  readonly settings: Settings;
  report(r: { start: number; end: number; message: string; fix?: FixSpec }): void;
}

export interface DocumentRule {
  readonly meta: RuleMeta & { readonly kubernetesOnly?: boolean };
  checkDocument(ctx: DocumentRuleContext): void;
}

export function defineDocumentRule(rule: DocumentRule): DocumentRule {
  return rule;
}

export type AnyRule = Rule | DocumentRule;
