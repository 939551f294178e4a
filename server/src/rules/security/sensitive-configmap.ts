import { defineRule } from '../../engine/rule';
import {
  containsPrivateKey,
  isPlaceholderValue,
  isSecretLikeName,
  urlPassword,
} from '../../rulekit/security/secret-like';

/** `password = hunter2`, `api_key: abc`, `"token": "abc"` lines inside a config file held in a ConfigMap value. */
const ASSIGNMENT = /^\s*["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

export default defineRule({
  meta: {
    id: 'sensitive-configmap',
    category: 'security',
    severity: 'warning',
    fixable: false,
    kinds: ['ConfigMap'],
    aliases: { polaris: ['sensitiveConfigmapContent'] },
    docs: {
      description:
        'A ConfigMap whose data looks like a secret: a key named like one (password, token, API key) with a value, a private key (PEM block), a URL with a password, or a config file that sets a password or token. ConfigMaps are readable by far more people and tools than Secrets and are never encrypted at rest.',
      remediation:
        'Move the value to a Secret and mount or reference it from there; keep only non-secret settings in the ConfigMap.',
    },
    messages: {
      secretInConfigMap: 'ConfigMap key "{{key}}" {{why}}; ConfigMaps are not meant for secrets, use a Secret.',
    },
  },
  check(ctx) {
    const data = ctx.nav.getMap(ctx.object.node, 'data');
    for (const [key, pair] of ctx.nav.entries(data)) {
      const value = ctx.nav.str(pair.value);
      if (value === undefined) continue;
      const why = secretIn(key, value);
      if (why)
        ctx.report({
          node: pair,
          keyOnly: true,
          messageId: 'secretInConfigMap',
          data: { key, why },
        });
    }
  },
});

function secretIn(key: string, value: string): string | undefined {
  if (containsPrivateKey(value)) return 'holds a private key';
  if (urlPassword(value) !== undefined) return 'holds a URL with a password';
  if (!value.includes('\n'))
    return isSecretLikeName(key) && !isPlaceholderValue(unquote(value)) ? 'looks like a secret' : undefined;
  // A file: look for settings of secret-like names with literal values, line by line.
  for (const line of value.split('\n')) {
    if (/^\s*[#;]/.test(line) || line.trim().startsWith('//')) continue;
    const m = ASSIGNMENT.exec(line);
    if (!m) continue;
    const v = unquote(m[2]);
    if (isSecretLikeName(m[1]) && !isPlaceholderValue(v) && !/^[[{]$/.test(v)) return `sets ${m[1]} to a literal value`;
  }
  return undefined;
}

function unquote(v: string): string {
  const t = v.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}
