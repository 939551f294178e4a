import type { Pair, Scalar, YAMLMap } from '../../yaml/nodes';
import { isScalar } from '../../yaml/nodes';
import type { RuleContext } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import { podTemplateOf } from '../../model/object';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is invalid, or undefined when it is valid (k8s.io/apimachinery IsQualifiedName). */
function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'a label key has at most one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return 'the prefix must be a DNS subdomain (lower case letters, digits, "-" and ".", at most 253 characters)';
  }
  if (name.length === 0 || name.length > 63) return 'the name part must be 1 to 63 characters';
  if (!NAME.test(name))
    return 'the name part must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."';
  return undefined;
}

/** Why a label value is invalid, or undefined (k8s.io/apimachinery IsValidLabelValue). */
function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'a label value must be at most 63 characters';
  if (value !== '' && !NAME.test(value))
    return 'a label value must be empty or start and end with a letter or digit, with only letters, digits, "-", "_" and "." between';
  return undefined;
}

function checkLabels(ctx: RuleContext, labels: YAMLMap | undefined, where: string): void {
  for (const [key, pair] of ctx.nav.entries(labels)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem)
      ctx.report({ node: pair, keyOnly: true, messageId: 'invalidLabelKey', data: { where, key, keyProblem } });
    const value = ctx.nav.deref(pair.value);
    if (isScalar(value) && value.value !== null && typeof value.value !== 'string') {
      // `version: 1.0` is a number to YAML and the API server refuses it; quoting keeps the text the author wrote.
      const text = (value as Scalar).source ?? String(value.value);
      const own = (pair as Pair).value === value;
      ctx.report({
        node: value,
        messageId: 'nonStringLabelValue',
        data: { where, key, value: typeof value.value, text },
        fix:
          own && !labelValueProblem(text)
            ? { title: `Quote the value: "${text}"`, edit: (e) => e.replaceNode(value, JSON.stringify(text)) }
            : undefined,
      });
      continue;
    }
    const v = ctx.nav.str(value);
    const valueProblem = v === undefined ? undefined : labelValueProblem(v);
    if (v !== undefined && valueProblem && value)
      ctx.report({ node: value, messageId: 'invalidLabelValue', data: { where, v, valueProblem } });
  }
}

export default defineRule({
  meta: {
    id: 'label-values-invalid',
    category: 'api',
    severity: 'error',
    fixable: true,
    fix: 'safe',
    docs: {
      description:
        'A label key or value that breaks Kubernetes label syntax, or a label value that YAML reads as a number or boolean (`version: 1.0`, `canary: true`); the API server rejects the object.',
      remediation:
        'Keys: optional DNS-subdomain prefix and "/", then 1–63 characters of letters, digits, "-", "_", "." starting and ending alphanumeric. Values: the same, or empty; quote values that look like numbers or booleans.',
    },
    messages: {
      invalidLabelKey: 'Invalid {{where}} label key "{{key}}": {{keyProblem}}.',
      nonStringLabelValue:
        'The {{where}} label "{{key}}" has a {{value}} value; label values must be strings: write "{{text}}".',
      invalidLabelValue: 'Invalid {{where}} label value "{{v}}": {{valueProblem}}.',
    },
  },
  check(ctx) {
    const labels = ctx.nav.getMap(ctx.object.metadata, 'labels');
    checkLabels(ctx, labels, 'object');
    const template = podTemplateOf(ctx.object);
    if (template) checkLabels(ctx, ctx.nav.getMap(ctx.nav.getMap(template, 'metadata'), 'labels'), 'pod template');
  },
});
