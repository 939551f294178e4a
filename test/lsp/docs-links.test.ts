/**
 * Smaller publishes for a client that asks: the link to a rule's page (`codeDescription.href`) and the message id
 * and values in `data` reach every LSP client, unless its `initializationOptions` say it adds the link itself and
 * reads no message ids (Kubewise's VS Code client does). Such a client's diagnostics still lead to their fixes.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { KubewiseInitializationOptions } from '../../server/src/protocol';
import { ruleDocsUrl } from '../../server/src/protocol';
import { LspClient, onlyRules } from '../support/lsp-client';

const SETTINGS = { enable: true, profile: 'recommended', rules: onlyRules(['cpu-request-missing']), ignorePaths: [] };
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

async function diagnosticsOf(
  initializationOptions?: unknown,
): Promise<{ client: LspClient; diagnostics: Diagnostic[] }> {
  const client = await LspClient.start({ settings: () => SETTINGS, initializationOptions });
  const uri = 'untitled:/deploy.yaml';
  const mark = client.mark();
  await client.open(uri, DEPLOY);
  return { client, diagnostics: await client.diagnostics(uri, mark) };
}

test('a plain LSP client gets the link to the rule page and the message id on every diagnostic', async () => {
  const { client, diagnostics } = await diagnosticsOf();
  try {
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0].codeDescription, { href: ruleDocsUrl('cpu-request-missing') });
    assert.deepEqual(diagnostics[0].data, { v: 1, o: 0, m: 'noCpuRequest', a: { container: 'Container "web"' } });
  } finally {
    await client.kill();
  }
});

test('a client that adds the links itself and reads no message ids gets neither, and its diagnostics still lead to their fix', async () => {
  const options: KubewiseInitializationOptions = { ruleDocsLinks: 'client', messageIds: false };
  const { client, diagnostics } = await diagnosticsOf(options);
  try {
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.codeDescription, undefined);
    assert.deepEqual(d.data, { v: 1, o: 0 });
    assert.equal(d.code, 'cpu-request-missing');
    assert.equal(d.source, 'kubewise');
    const uri = 'untitled:/deploy.yaml';
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `no preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    const resolved = await client.withEdit(fix);
    assert.ok(resolved.edit, 'the fix has an edit');
    assert.match(client.applied(uri, resolved.edit), /cpu: /);
  } finally {
    await client.kill();
  }
});
