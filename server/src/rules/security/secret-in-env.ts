import type { Node, Pair, YAMLMap } from '../../yaml/nodes';
import { isScalar } from '../../yaml/nodes';
import type { FixSpec, RuleContext } from '../../engine/rule';
import { defineRule } from '../../engine/rule';
import type { ContainerRef } from '../../model/object';
import type { Edit, YamlEditor } from '../../yaml/edit';
import type { YamlValue } from '../../yaml/render';
import { Commented, renderBlockMap, renderBlockPair, renderFlow } from '../../yaml/render';
import { lookupNamespace } from '../../rulekit/security/service-account';
import {
  containsPrivateKey,
  isPlaceholderValue,
  isSecretLikeName,
  secretKeyFor,
  urlPassword,
} from '../../rulekit/security/secret-like';
import { POD_KINDS } from '../../rulekit/kinds';

interface Finding {
  container: ContainerRef;
  item: YAMLMap;
  envName: string;
  valuePair: Pair;
  valueNode: Node;
  why: string;
}

/** A Secret's data values written by the stub: never the secret itself, which must not be copied around in clear. */
const STUB_VALUE = 'TODO';
const STUB_COMMENT = 'set the real value outside version control (kubectl create secret, a secrets manager)';

export default defineRule({
  meta: {
    id: 'secret-in-env',
    category: 'security',
    severity: 'warning',
    fixable: true,
    fix: 'unsafe',
    // Reads the index only to know whether the Secret the fix points at already exists (then no stub is offered).
    usesIndex: true,
    kinds: POD_KINDS,
    aliases: { kubeLinter: ['env-var-secret'], polaris: ['sensitiveContainerEnvVar'] },
    docs: {
      description:
        'An environment variable whose name says it is a secret (password, token, API key, cloud credentials) with a literal value, or whose value holds a private key or a URL with a password: anyone who can read the manifest, the repository or the workload object reads the secret.',
      remediation: 'Keep the value in a Secret and read it with `valueFrom.secretKeyRef`.',
    },
    messages: {
      secretInEnv:
        'Environment variable {{envName}} of {{label}} {{why}}: anyone who can read the manifest can read it. Keep it in a Secret.',
    },
  },
  check(ctx) {
    const findings = findSecrets(ctx);
    if (findings.length === 0) return;
    const secretName = `${ctx.object.name ?? 'app'}-secrets`;
    const secretExists = ctx.index.get('Secret', lookupNamespace(ctx), secretName) !== undefined;
    for (const f of findings) {
      const key = secretKeyFor(f.envName);
      // The Secret is not in the workspace: the reference says it must be created (a pod would fail to start).
      const name: YamlValue = secretExists
        ? secretName
        : new Commented(secretName, `TODO: create this Secret with key ${key}; it is not in the workspace`);
      const fix: FixSpec = {
        title: `Read ${f.envName} from Secret "${secretName}" (key ${key})`,
        edit: (e) => toSecretKeyRef(e, f, name, key),
      };
      const suggest: FixSpec[] = [];
      if (!secretExists) {
        suggest.push({
          title: `Read ${f.envName} from a new Secret "${secretName}" (a stub with TODO values)`,
          edit: (e) => {
            const c = toSecretKeyRef(e, f, secretName, key);
            return c ? [c, e.appendDocument(secretStub(ctx, secretName, findings))].flat() : undefined;
          },
        });
      }
      ctx.report({
        node: f.valueNode,
        messageId: 'secretInEnv',
        data: { envName: f.envName, label: label(f.container), why: f.why },
        fix,
        suggest,
      });
    }
  },
});

function findSecrets(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const container of ctx.containers()) {
    const env = ctx.nav.getSeq(container.node, 'env');
    if (!env) continue;
    for (const it of env.items) {
      const item = ctx.nav.map(it);
      const envName = ctx.nav.getStr(item, 'name');
      const valuePair = ctx.nav.pair(item, 'value');
      const valueNode = ctx.nav.deref(valuePair?.value);
      const value = ctx.nav.str(valueNode);
      if (!item || !envName || !valuePair || !valueNode || value === undefined || ctx.nav.pair(item, 'valueFrom'))
        continue;
      let why: string | undefined;
      if (containsPrivateKey(value)) why = 'holds a private key';
      else if (urlPassword(value) !== undefined) why = 'holds a URL with a password in it';
      else if (isSecretLikeName(envName) && !isPlaceholderValue(value)) why = 'holds a literal secret';
      if (why) out.push({ container, item, envName, valuePair, valueNode, why });
    }
  }
  return out;
}

/** Replaces `value: …` with `valueFrom: {secretKeyRef: {name, key}}`, in the style (block or flow) of the item. */
function toSecretKeyRef(e: YamlEditor, f: Finding, secretName: YamlValue, key: string): Edit | Edit[] | undefined {
  // Only a pair written in this item (not merged in), whose value no alias elsewhere refers to, can be replaced.
  if (!f.item.items.includes(f.valuePair) || f.valuePair.value !== f.valueNode || !isScalar(f.valueNode))
    return undefined;
  if (f.valueNode.anchor) return undefined;
  const keyNode = f.valuePair.key as Node;
  const start = keyNode.range![0];
  const end = f.valueNode.range![1];
  const ref: YamlValue = { secretKeyRef: { name: secretName, key } };
  if (f.item.flow) {
    const edit = { start, end, text: `valueFrom: ${renderFlow(ref)}` };
    if (!(secretName instanceof Commented)) return edit;
    // A flow map keeps no comment inside: the TODO goes after it when the item ends its line, else no fix.
    const itemEnd = f.item.range![1];
    const lineEnd = e.text.indexOf('\n', itemEnd);
    const rest = e.text.slice(itemEnd, lineEnd < 0 ? e.text.length : lineEnd);
    if (!/^\s*(#.*)?\r?$/.test(rest)) return undefined;
    return [edit, { start: itemEnd, end: itemEnd, text: ` # ${secretName.comment}` }];
  }
  const indent = e.lines.column(start);
  const block = renderBlockPair('valueFrom', ref, indent, e.indentUnit, e.eol).slice(indent);
  // A block scalar (`value: |`) ends after its last line break; any other value ends on its own line.
  return { start, end, text: e.text[end - 1] === '\n' ? block : block.slice(0, -e.eol.length) };
}

/** A Secret document for every secret this object writes in its env, each with a TODO placeholder. */
function secretStub(ctx: RuleContext, name: string, findings: readonly Finding[]): string {
  const metadata: { [k: string]: YamlValue } = { name };
  if (ctx.object.namespace !== undefined) metadata.namespace = ctx.object.namespace;
  const stringData: { [k: string]: YamlValue } = {};
  for (const f of findings) stringData[secretKeyFor(f.envName)] = new Commented(STUB_VALUE, STUB_COMMENT);
  return renderBlockMap({ apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', stringData }, 0, 2);
}

function label(c: ContainerRef): string {
  const what =
    c.kind === 'initContainer'
      ? 'init container'
      : c.kind === 'ephemeralContainer'
        ? 'ephemeral container'
        : 'container';
  return c.name ? `${what} "${c.name}"` : `${what} #${c.index + 1}`;
}
