/** The language client: starts the bundled server (`server/out/server.js`) over IPC for YAML documents. */
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { effectiveSettings } from './coexistence';
import type { KubewiseInitializationOptions } from '../../server/src/protocol';
import { SETTINGS_SECTION } from '../../server/src/protocol';
import { linkRuleDocs } from './rule-docs';

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // Chart templates as the Kubernetes/Helm extensions mark them: linted through their chart's render.
      { scheme: 'file', language: 'helm' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.kubewise.yaml'),
    },
    diagnosticCollectionName: 'kubewise',
    // smaller publishes: this client links diagnostics to their rule's page itself (the middleware below) and reads
    // no message ids
    initializationOptions: { ruleDocsLinks: 'client', messageIds: false } satisfies KubewiseInitializationOptions,
    outputChannel: log,
    traceOutputChannel: log,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, linkRuleDocs(diagnostics)),
      workspace: {
        // The server pulls `kubewise` per document; this is where the choice between Kubewise's schema rules and
        // Red Hat's YAML extension is applied (see coexistence.ts).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) => {
            const item = params.items[i];
            if (item?.section !== SETTINGS_SECTION) return value;
            return effectiveSettings(value, item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined);
          });
        },
      },
    },
  };
  return new LanguageClient(SETTINGS_SECTION, 'Kubewise', serverOptions, clientOptions);
}
