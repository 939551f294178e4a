/**
 * The rule API. A rule is its metadata plus `check(ctx)`, called once per Kubernetes object; it reports through
 * `ctx.report` and never computes text offsets itself: fixes go through the `YamlEditor` in `ctx.edit`.
 *
 *   export default defineRule({
 *     meta: { id: 'cpu-request-missing', …, messages: { noRequest: '{{container}} has no CPU request.' } },
 *     check(ctx) { for (const c of ctx.containers()) if (!…) ctx.report({ node: c.node, messageId: 'noRequest', data: {…} }); },
 *   });
 *
 * Messages live in `meta.messages`, by id, with `{{name}}` placeholders filled from the report's `data` (as in
 * ESLint). `defineRule` is generic in the ids (as typescript-eslint's `RuleCreator`): the compiler infers them from
 * `meta.messages` and rejects a `messageId` the rule does not declare, and the `data` of a report must name every
 * placeholder of its message. The engine receives the resolved text together with the id and data, and puts all
 * three on the diagnostic: tests match ids and data, never prose.
 */
import type { ContainerRef, K8sObject } from '../model/object';
import type { Quantity } from '../protocol/quantity';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import type { Edit, YamlEditor } from '../yaml/edit';
import type { DocNav, Document, Node, Pair, YAMLMap } from '../yaml/nodes';
import type { Category, FixSafety, Settings, Severity, SeverityOrOff } from './types';

export interface RuleMeta<MessageIds extends string = string> {
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
  /** Set when the rule reads other objects through `ctx.index` (cross-resource rules, marked ✕ in docs/rules/README.md). */
  readonly usesIndex?: boolean;
  /**
   * Findings may become errors under a Namespace's `pod-security.kubernetes.io/enforce` label (reported with
   * `severity: 'error'`). Such a rule runs even where the profile has it off, and then only those escalated findings
   * are kept: admission would reject the pod whatever the profile says. An explicit `off` in settings still wins.
   */
  readonly escalates?: boolean;
  /** The rule's messages by id; `{{name}}` is replaced by `data.name` of the report. */
  readonly messages?: Readonly<Record<MessageIds, string>>;
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

/** Values for a message's `{{placeholders}}`: whole values (names, numbers, lists already joined), never grammar. */
export type MessageData = Readonly<Record<string, string | number | boolean>>;

/** The placeholder names of a message template: `'{{a}} and {{b}}'` → `'a' | 'b'`. */
export type Placeholders<T extends string> = T extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The `messageId` and `data` of one message: data names exactly the message's placeholders (none: no data). */
type MessageOf<
  Messages extends Record<string, string>,
  Id extends keyof Messages & string,
> = string extends Messages[Id]
  ? { messageId: Id; data?: MessageData } // a template built at run time: its placeholders are not known here
  : [Placeholders<Messages[Id]>] extends [never]
    ? { messageId: Id; data?: undefined }
    : { messageId: Id; data: Readonly<Record<Placeholders<Messages[Id]>, string | number | boolean>> };

/**
 * What a rule reports: a message by id (`meta.messages`) with the data for its placeholders. With the messages'
 * literal types (`defineRule` infers them), each id is checked and so is its data; with plain `string` ids (shared
 * helpers that take any rule's context) any id and data pass the compiler and are checked when reported.
 */
export type RuleReport<Messages extends Record<string, string> = Record<string, string>> = Omit<
  Report,
  'message' | 'messageId' | 'data'
> & {
  /** A sentence appended to the message (a Pod Security escalation says why the finding became an error). */
  suffix?: string;
} & RuleMessage<Messages>;

/** A finding as the engine receives it: the message resolved to text, with the id and data it came from. */
export interface Report {
  /** What the squiggle covers: a node, a pair (key through value), or the key of a pair with `keyOnly`. */
  node: Node | Pair;
  keyOnly?: boolean;
  message: string;
  /** The id in the rule's `meta.messages` the message came from. */
  messageId?: string;
  /** The values of the message's placeholders. */
  data?: MessageData;
  fix?: FixSpec;
  suggest?: FixSpec[];
  /** Overrides the configured severity (for rules whose severity depends on what they found). */
  severity?: Severity;
  /** Set when a Namespace's Pod Security enforce label made this finding an error (see `meta.escalates`). */
  escalated?: boolean;
}

export interface RuleContext {
  /** The id of the rule being run (`meta.id`), for messages and fixes that name it. */
  readonly ruleId: string;
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
  report(report: RuleReport): void;
  /** The pod spec of a workload (any kind, including CronJob's job template), or undefined. */
  podSpec(): YAMLMap | undefined;
  /** containers, initContainers and ephemeralContainers of the pod spec. */
  containers(): ContainerRef[];
  /** A Kubernetes quantity written at `node`, or undefined when absent or invalid. */
  quantity(node: unknown): Quantity | undefined;
  /**
   * What `compute` gives, computed once per parsed object and shared by every rule that asks with the same `key`
   * (a walk several rules read: every quantity, every volume mount). `compute` must depend on the object alone
   * (its YAML), not on settings, the index or the rule.
   */
  perObject<T>(key: symbol, compute: () => T): T;
}

/**
 * The context a rule's own `check` sees: `report` checked against the rule's messages. Shared helpers take the plain
 * `RuleContext` (any id, checked when reported), which this is assignable to.
 */
export interface CheckContext<Messages extends Record<string, string>> extends Omit<RuleContext, 'report'> {
  report(report: RuleReport<Messages>): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** A message template cut at its placeholders: text, then per placeholder its name, as written, and the text after. */
interface Template {
  readonly head: string;
  readonly holes: readonly { readonly name: string; readonly written: string; readonly tail: string }[];
}

/** Templates cut once each: the same few dozen messages are filled for every finding. */
const templates = new Map<string, Template>();

function templateOf(text: string): Template {
  let t = templates.get(text);
  if (t) return t;
  const holes: { name: string; written: string; tail: string }[] = [];
  let head = '';
  let at = 0;
  for (const m of text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)) {
    const before = text.slice(at, m.index);
    if (holes.length) holes[holes.length - 1].tail = before;
    else head = before;
    holes.push({ name: m[1], written: m[0], tail: '' });
    at = m.index! + m[0].length;
  }
  if (holes.length) holes[holes.length - 1].tail = text.slice(at);
  else head = text;
  templates.set(text, (t = { head, holes }));
  return t;
}

/** `{{name}}` placeholders filled from `data`; an unknown name stays as written, so a test sees it. */
function formatMessage(template: string, data: MessageData | undefined): string {
  if (!template.includes('{{')) return template;
  const t = templateOf(template);
  let out = t.head;
  const holes = t.holes;
  for (let i = 0; i < holes.length; i++) {
    const h = holes[i];
    out += (data && h.name in data ? String(data[h.name]) : h.written) + h.tail;
  }
  return out;
}

/** The message text of a report; a rule bug (an id not in `meta.messages`) throws, and the engine records a failure. */
function resolveMessage(meta: RuleMeta, r: { messageId?: string; data?: MessageData; suffix?: string }): string {
  if (r.messageId === undefined) throw new Error(`${meta.id}: a report without a messageId`);
  const template = meta.messages?.[r.messageId];
  if (template === undefined) throw new Error(`${meta.id}: no message "${r.messageId}" in meta.messages`);
  let text = formatMessage(template, r.data);
  if (r.suffix) text += ` ${r.suffix}`;
  return text;
}

/**
 * The rule as the engine runs it: its reports' messages resolved from `meta.messages`. Generic in the messages, so
 * that `ctx.report({ messageId, data })` is checked against them (`const` keeps the templates' literal types, from
 * which the placeholders are read).
 */
export function defineRule<const Messages extends Record<string, string>>(rule: {
  readonly meta: RuleMeta<keyof Messages & string> & { readonly messages: Messages };
  check(ctx: CheckContext<Messages>): void;
}): Rule {
  // No wrapper around `check`: the engine's `ctx.report` resolves the message from `meta.messages` itself
  // (`reportMessage`). A wrapped context per rule per object was a tenth of a whole lint.
  return { meta: rule.meta, check: rule.check as Rule['check'] };
}

/**
 * The text of what a rule reported: a report made through `defineRule` names a message id (resolved here, and a
 * rule bug such as an unknown id throws, which the engine records as the rule's failure); an engine-level report
 * already carries its text.
 */
export function reportMessage(meta: RuleMeta, r: RuleReport | Report): string {
  return 'message' in r && typeof r.message === 'string' ? r.message : resolveMessage(meta, r);
}

/** A rule over a whole YAML document rather than one Kubernetes object (syntax errors). */
export interface DocumentRuleContext {
  readonly doc: Document.Parsed;
  readonly text: string;
  readonly edit: YamlEditor;
  readonly settings: Settings;
  report(r: {
    start: number;
    end: number;
    message: string;
    messageId?: string;
    data?: MessageData;
    fix?: FixSpec;
  }): void;
}

export interface DocumentRule {
  readonly meta: RuleMeta & { readonly kubernetesOnly?: boolean };
  checkDocument(ctx: DocumentRuleContext): void;
}

/** What a document rule's `checkDocument` sees: it reports by message id, like object rules. */
export interface DocumentCheckContext<Messages extends Record<string, string> = Record<string, string>>
  extends Omit<DocumentRuleContext, 'report'> {
  report(r: { start: number; end: number; fix?: FixSpec } & RuleMessage<Messages>): void;
}

/** A message id with its data, checked against the messages as in `RuleReport`. */
export type RuleMessage<Messages extends Record<string, string>> = string extends keyof Messages
  ? { messageId: string; data?: MessageData }
  : { [Id in keyof Messages & string]: MessageOf<Messages, Id> }[keyof Messages & string];

export function defineDocumentRule<const Messages extends Record<string, string>>(rule: {
  readonly meta: DocumentRule['meta'] & RuleMeta<keyof Messages & string> & { readonly messages: Messages };
  checkDocument(ctx: DocumentCheckContext<Messages>): void;
}): DocumentRule {
  const { meta } = rule;
  return {
    meta,
    checkDocument(ctx) {
      const deliver = ctx.report;
      rule.checkDocument({
        ...ctx,
        report: (r: { start: number; end: number; fix?: FixSpec; messageId: string; data?: MessageData }) =>
          deliver({ ...r, message: resolveMessage(meta, r) }),
      } as DocumentCheckContext<Messages>);
    },
  };
}

export type AnyRule = Rule | DocumentRule;
