import type { Node, Scalar } from '../../yaml/nodes';
import { firstPair, isMap, isPair, isScalar } from '../../yaml/nodes';
import type { FixSpec, Report, RuleContext, RuleMessage, RuleReport } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import { PDB_MESSAGES, pdbProblems } from '../../rulekit/api/pdb-validation';
import { WORKLOADS } from '../../model/kinds';
import { Raw } from '../../yaml/render';
import { checkCustomResource } from '../../schema/custom-resources';
import { kindType } from '../../schema/fields';
import type { Expected, Problem } from '../../schema/validators';
import { acceptedByKubernetes, hasSchema, validateObject } from '../../schema/validators';
import type { Located, Segment } from '../../schema/locate';
import { formatPath, locate, valueAt } from '../../schema/locate';
import { plainValue } from '../../schema/plain-value';

const EXPECTED: Readonly<Record<Expected, string>> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
  'int-or-string': 'an integer or a string',
  quantity: 'a quantity such as 500m, 0.5, 128Mi or 1Gi',
  null: 'null',
};

const FORMATS: Readonly<Record<string, string>> = {
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  double: 'a number',
  byte: 'base64-encoded',
  'date-time': 'an RFC 3339 date-time (such as 2024-01-31T12:00:00Z)',
};

/**
 * How a value reads in a message: strings quoted, numbers and booleans as written, maps and lists named. A plain word
 * that only Kubernetes' YAML 1.1 reads as a boolean says so (`no` is not the string "no" to kubectl).
 */
function shown(v: unknown, node: Node | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v !== 'string' && node && isScalar(node) && node.type === 'PLAIN' && node.source !== undefined) {
    return typeof node.value === 'string'
      ? `${node.source}, which Kubernetes reads as the boolean ${String(v)}`
      : node.source;
  }
  return JSON.stringify(v);
}

function subject(ctx: RuleContext, path: readonly Segment[]): string {
  return path.length ? formatPath(path) : ctx.object.kind;
}

/**
 * Problems other rules already report, so one mistake gets one diagnostic: label values that YAML reads as numbers
 * or booleans (label-values-invalid) and malformed quantity strings (quantity-invalid).
 */
function reportedElsewhere(ctx: RuleContext, p: Problem, value: unknown, at: Located): boolean {
  if (p.kind === 'type' && p.expected.includes('quantity') && typeof value === 'string') return true;
  if (p.kind === 'format' && p.format === 'quantity') return true;
  // label-values-invalid judges the YAML 1.2 value: `yes` stays a string to it, so that one is reported here.
  const own = at.node && isScalar(at.node) ? at.node.value : undefined;
  if (p.kind !== 'type' || p.path.length < 3 || own === undefined || own === null || typeof own === 'string')
    return false;
  const prefix = p.path.slice(0, -3).join('/');
  const tail = p.path.slice(-3, -1).join('/');
  const template = WORKLOADS[ctx.object.kind]?.templatePath?.join('/');
  return tail === 'metadata/labels' && (prefix === '' || prefix === template);
}

/** The node a problem is shown on: the value itself when it is a scalar, else its key (a whole block is too much). */
function anchor(at: Located): Pick<Report, 'node' | 'keyOnly'> | undefined {
  if (at.node && isScalar(at.node) && !isNullScalar(at.node)) return { node: at.node };
  if (at.pair) return { node: at.pair, keyOnly: true };
  if (at.node && isMap(at.node)) {
    const first = firstPair(at.node);
    return first ? { node: first, keyOnly: true } : { node: at.node };
  }
  return at.node ? { node: at.node } : undefined;
}

function isNullScalar(n: Node): boolean {
  return isScalar(n) && (n.value === null || n.value === undefined);
}

/** Where a missing field is reported: the key of the map that lacks it, a list item's first key, or `kind`. */
function requiredAnchor(
  ctx: RuleContext,
  at: Located,
  path: readonly Segment[],
): Pick<Report, 'node' | 'keyOnly'> | undefined {
  if (path.length === 0) {
    const kind = ctx.nav.pair(ctx.object.node, 'kind');
    return kind ? { node: kind } : { node: ctx.object.node };
  }
  if (at.pair) return { node: at.pair, keyOnly: true };
  if (at.node && isMap(at.node)) {
    const first = firstPair(at.node);
    return first ? { node: first, keyOnly: true } : { node: at.node };
  }
  return at.node ? { node: at.node } : undefined;
}

/** Only plain and quoted scalars are rewritten in place (a block scalar's range holds its line break). */
function rewritable(n: Node | undefined): n is Scalar {
  return !!n && isScalar(n) && (n.type === 'PLAIN' || n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE');
}

/** The mechanical fix of a wrong type or enum value, when there is exactly one right answer. */
function fixFor(p: Problem, v: unknown, at: Located): FixSpec | undefined {
  const node = at.node;
  if (at.shared || !rewritable(node)) return undefined;
  if (p.kind === 'type') {
    const want = p.expected;
    if (typeof v === 'string') {
      const t = v.trim();
      if (want.includes('integer') && /^-?\d{1,15}$/.test(t)) {
        return { title: `Write ${t} as a number`, edit: (e) => e.setValue(node, new Raw(String(Number(t)))) };
      }
      if (want.includes('number') && /^-?\d{1,15}(\.\d+)?$/.test(t)) {
        return { title: `Write ${t} as a number`, edit: (e) => e.setValue(node, new Raw(t)) };
      }
      if (want.includes('boolean') && /^(true|false)$/i.test(t)) {
        const b = t.toLowerCase();
        return { title: `Write ${b} as a boolean`, edit: (e) => e.setValue(node, new Raw(b)) };
      }
      return undefined;
    }
    // (Where an integer or a string belongs, a fraction or a boolean is a mistake only the author can correct.)
    if ((typeof v === 'number' || typeof v === 'boolean') && want.includes('string')) {
      // Keep the text as written: `1.10` quoted stays "1.10", not "1.1"; `no` stays "no".
      const text = node.type === 'PLAIN' && node.source !== undefined ? node.source : String(v);
      return { title: `Quote the value: "${text}"`, edit: (e) => e.replaceNode(node, JSON.stringify(text)) };
    }
    return undefined;
  }
  if (p.kind === 'enum' && typeof v === 'string') {
    const same = p.allowed.filter(
      (a): a is string => typeof a === 'string' && a.toLowerCase() === v.trim().toLowerCase(),
    );
    if (same.length === 1) return { title: `Change to ${same[0]}`, edit: (e) => e.setValue(node, same[0]) };
  }
  return undefined;
}

function startOf(r: { node: RuleReport['node'] }): number {
  const n = r.node;
  const node = isPair(n) ? (n.key as Node | null) : n;
  return node?.range?.[0] ?? 0;
}

const MESSAGES = {
  missingRequiredField: '{{what}} is missing required field "{{field}}".',
  wrongType: '{{what}} must be {{expected}} (got {{got}}).',
  valueNotAllowed: '{{what}} must be one of {{allowed}} (got {{got}}).',
  wrongFormat: '{{what}} must be {{format}} (got {{got}}).',
  breaksConstraint: '{{what}} {{problem}} (got {{got}}).',
  ...PDB_MESSAGES,
} as const;

/** The message of a problem: its id in `meta.messages` and the data for it. */
function message(ctx: RuleContext, p: Problem, value: unknown, node: Node | undefined): RuleMessage<typeof MESSAGES> {
  const what = subject(ctx, p.path);
  switch (p.kind) {
    case 'required':
      return { messageId: 'missingRequiredField', data: { what, field: p.field } };
    case 'type': {
      const want = p.expected.filter((t) => t !== 'null').map((t) => EXPECTED[t] ?? t);
      return { messageId: 'wrongType', data: { what, expected: want.join(' or '), got: shown(value, node) } };
    }
    case 'enum': {
      const allowed = p.allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ');
      return { messageId: 'valueNotAllowed', data: { what, allowed, got: shown(value, node) } };
    }
    case 'format': {
      const format = FORMATS[p.format] ?? `in the format "${p.format}"`;
      return { messageId: 'wrongFormat', data: { what, format, got: shown(value, node) } };
    }
    case 'other':
      return { messageId: 'breaksConstraint', data: { what, problem: p.message, got: shown(value, node) } };
  }
}

export default defineRule({
  meta: {
    id: 'schema-violation',
    category: 'api',
    severity: 'error',
    fixable: true,
    fix: 'safe',
    // the index: custom resources are checked against the CRDs of the workspace
    usesIndex: true,
    docs: {
      description:
        'A built-in object that breaks the official Kubernetes OpenAPI schema: a value of the wrong type (`replicas: "3"`), a missing required field (a container without `name`), or a value outside an enumeration (`restartPolicy: always`). The API server rejects it.',
      remediation:
        'Write the value with the type the field takes, add the missing field, or use one of the allowed values. The quick fix does it where only one answer is possible.',
    },
    messages: MESSAGES,
  },
  check(ctx) {
    const result = hasSchema(ctx.object) ? validateObject(ctx.object) : customResource(ctx);
    if (!result) return;
    const reports: RuleReport<typeof MESSAGES>[] = [];
    for (const p of result.problems) {
      const value = valueAt(result.value, p.path);
      const at = locate(ctx.nav, ctx.object.node, p.path);
      if (!at || acceptedByKubernetes(p, value) || reportedElsewhere(ctx, p, value, at)) continue;
      const where = p.kind === 'required' ? requiredAnchor(ctx, at, p.path) : anchor(at);
      if (!where) continue;
      reports.push({ ...where, ...message(ctx, p, value, at.node), fix: fixFor(p, value, at) });
    }
    // rejected by the API server's validation, beyond what the schema can say
    reports.push(...pdbProblems(ctx));
    // ajv walks the schema's field order; people read top to bottom.
    reports.sort((a, b) => startOf(a) - startOf(b));
    for (const r of reports) ctx.report(r);
  },
});

/** A custom resource whose CRD is in the workspace: its problems against the CRD's openAPIV3Schema. */
function customResource(ctx: RuleContext): { value: unknown; problems: Problem[] } | undefined {
  if (kindType(ctx.object.apiVersion, ctx.object.kind)) return undefined;
  const value = plainValue(ctx.nav, ctx.object.node);
  const check = checkCustomResource(ctx.object.apiVersion, ctx.object.kind, value, ctx.index);
  return check ? { value, problems: check.problems } : undefined;
}
