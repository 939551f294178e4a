/**
 * Bytes of one diagnostics publish of the 10,000-line manifest, as a plain LSP client receives it and as Kubewise's
 * VS Code client does (it adds each rule-page link itself and reads no message ids), with the share of
 * each field. Every keystroke publishes the whole list again, so these bytes are paid per edit.
 */
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { KubewiseInitializationOptions } from '../../server/src/protocol';
import { LspClient } from '../support/lsp-client';

const FIELDS = ['range', 'severity', 'source', 'code', 'codeDescription', 'message', 'data', 'relatedInformation'];

/** JSON bytes of a field over all diagnostics (with its key, quotes and comma, as the message carries it). */
function fieldBytes(diagnostics: Diagnostic[], field: string): number {
  let bytes = 0;
  for (const d of diagnostics) {
    const value = (d as unknown as Record<string, unknown>)[field];
    if (value !== undefined) bytes += Buffer.byteLength(`"${field}":${JSON.stringify(value)},`);
  }
  return bytes;
}

async function publishOf(text: string, initializationOptions?: KubewiseInitializationOptions): Promise<Diagnostic[]> {
  const client = await LspClient.start({ settings: () => ({}), initializationOptions });
  try {
    const uri = 'untitled:/big.yaml';
    const mark = client.mark();
    await client.open(uri, text);
    return await client.diagnostics(uri, mark);
  } finally {
    await client.kill();
  }
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

export async function publishBench(text: string): Promise<void> {
  const plain = await publishOf(text);
  const ours = await publishOf(text, { ruleDocsLinks: 'client', messageIds: false });
  const size = (ds: Diagnostic[]): number =>
    Buffer.byteLength(JSON.stringify({ uri: 'untitled:/big.yaml', diagnostics: ds }));
  console.log('');
  console.log(`# One diagnostics publish of the 10,000-line manifest (${plain.length} diagnostics)`);
  console.log(`plain LSP client:             ${kib(size(plain))}`);
  console.log(`Kubewise's VS Code client:    ${kib(size(ours))} (rule-page links added by the client, no message ids)`);
  console.log(`  ratio VS Code client / plain: ${(size(ours) / size(plain)).toFixed(2)}`);
  const shares = FIELDS.map((f) => `${f} ${kib(fieldBytes(plain, f))}`).join(', ');
  console.log(`  plain client's bytes by field: ${shares}`);
}
