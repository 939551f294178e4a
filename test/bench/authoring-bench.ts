/**
 * Kubewise's language server against yaml-language-server 1.25 (Red Hat's YAML extension's server), side by side in
 * one run on the same 10,000-line manifest: diagnostics after a one-character edit and completion in a container.
 *
 * yaml-language-server gets a Kubernetes schema it can use offline: a JSON schema written to a temporary file from
 * the same kubernetes-models tables Kubewise uses (every built-in kind, with types, required fields, enums and
 * descriptions), mapped to the file through `yaml.schemas` as users map the Kubernetes schema. Its schema store
 * and CRD store are off: nothing is fetched.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Shape } from '../../server/src/schema/shapes';
import { builtinShape } from '../../server/src/schema/shapes';
import { KIND_TYPES } from '../../server/src/schema/generated/field-table';
import type { StormFigures } from './storm-bench';
import { storm } from './storm-bench';

type JsonSchema = Record<string, unknown>;

/** A draft-07 schema of every built-in kind, in the layout of the usual Kubernetes JSON schema (`oneOf` of kinds). */
export function kubernetesJsonSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const names = new Map<Shape, string>();
  const convert = (shape: Shape | undefined): JsonSchema => {
    if (!shape) return {};
    switch (shape.is) {
      case 'scalar':
        return {};
      case 'array':
        return { type: 'array', items: convert(shape.items) };
      case 'map':
        return { type: 'object', additionalProperties: convert(shape.values) };
      case 'object': {
        let name = names.get(shape);
        if (!name) {
          name = `${shape.name}-${names.size}`;
          names.set(shape, name);
          const properties: Record<string, JsonSchema> = {};
          const required: string[] = [];
          definitions[name] = {};
          for (const f of shape.fields()) {
            const scalar: JsonSchema =
              f.type === 'string'
                ? { type: 'string' }
                : f.type === 'integer'
                  ? { type: 'integer' }
                  : f.type === 'boolean'
                    ? { type: 'boolean' }
                    : f.type === 'int-or-string' || f.type === 'Quantity'
                      ? { type: ['string', 'integer'] }
                      : {};
            const body = f.shape && f.shape.is !== 'scalar' ? convert(f.shape) : scalar;
            properties[f.name] = {
              ...body,
              description: f.description,
              ...(f.values.length && f.shape?.is === 'scalar' ? { enum: f.values } : {}),
            };
            if (f.required) required.push(f.name);
          }
          definitions[name] = {
            type: 'object',
            description: shape.description,
            properties,
            ...(required.length ? { required } : {}),
            additionalProperties: false,
          };
        }
        return { $ref: `#/definitions/${name}` };
      }
    }
  };
  const kinds: JsonSchema[] = [];
  for (const key of Object.keys(KIND_TYPES)) {
    const [apiVersion, kind] = key.split('|');
    const ref = convert(builtinShape(apiVersion, kind));
    kinds.push({
      allOf: [ref, { properties: { apiVersion: { enum: [apiVersion] }, kind: { enum: [kind] } } }],
    });
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', definitions, oneOf: kinds };
}

export type BenchServer = Server;

/** What VS Code announces, as far as these servers look: pulled settings, versioned diagnostics, lazy code actions. */
const FULL_CLIENT: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: {
    completion: { completionItem: { snippetSupport: true } },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

interface Server {
  readonly name: string;
  readonly child: ChildProcess;
  readonly conn: ProtocolConnection;
  /** Resolves at the next publishDiagnostics for the URI. */
  nextDiagnostics(): Promise<void>;
}

function start(name: string, script: string, settings: Record<string, unknown>): Server {
  const child = spawn(process.execPath, [script, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  let waiter: (() => void) | undefined;
  conn.onNotification(PublishDiagnosticsNotification.type, () => {
    const w = waiter;
    waiter = undefined;
    w?.();
  });
  // yaml-language-server pulls its settings (it ignores pushed ones); Kubewise gets none (its defaults)
  conn.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => (item.section ? (settings[item.section] ?? null) : null)),
  );
  // registrations and progress: answered with null
  conn.onRequest(RegistrationRequest.type, () => null);
  conn.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  conn.listen();
  return {
    name,
    child,
    conn,
    nextDiagnostics: () => new Promise<void>((resolve) => (waiter = resolve)),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function rssMb(pid: number | undefined): string {
  const file = `/proc/${pid}/status`;
  const m = existsSync(file) ? /VmRSS:\s+(\d+) kB/.exec(readFileSync(file, 'utf8')) : null;
  return m ? `${(Number(m[1]) / 1024).toFixed(1)} MB` : 'unknown';
}

export async function authoringBench(text: string): Promise<void> {
  const root = join(__dirname, '../../../..');
  const kubewise = join(root, 'server', 'out', 'server.js');
  const yamlLs = join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (!existsSync(kubewise) || !existsSync(yamlLs)) {
    console.log('authoring bench: server/out/server.js or yaml-language-server missing (npm ci && npm run build)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kubewise-bench-'));
  const schemaPath = join(dir, 'kubernetes.json');
  writeFileSync(schemaPath, JSON.stringify(kubernetesJsonSchema()));
  const uri = pathToFileURL(join(dir, 'big.yaml')).toString();
  const yamlSettings = {
    yaml: {
      validate: true,
      completion: true,
      hover: true,
      schemas: { [pathToFileURL(schemaPath).toString()]: '*.yaml' },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
    },
  };
  const servers = [start('kubewise', kubewise, {}), start('yaml-language-server', yamlLs, yamlSettings)];
  try {
    for (const s of servers) {
      await s.conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(dir).toString(),
        capabilities: FULL_CLIENT,
        workspaceFolders: null,
      });
      await s.conn.sendNotification(InitializedNotification.type, {});
      await s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: yamlSettings });
      const first = s.nextDiagnostics();
      await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'yaml', version: 1, text },
      });
      await first;
    }

    // one-character edits in the middle document, spaced out so that neither server sees a burst of typing
    const at = text.indexOf('replicas: ', Math.floor(text.length / 2)) + 'replicas: '.length;
    const edits: Record<string, number[]> = { kubewise: [], 'yaml-language-server': [] };
    let version = 1;
    for (let i = 0; i < 9; i++) {
      version++;
      for (const s of servers) {
        const published = s.nextDiagnostics();
        const t = performance.now();
        await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version },
          contentChanges: [
            {
              range: {
                start: TextDocument.create(uri, 'yaml', 1, text).positionAt(at),
                end: TextDocument.create(uri, 'yaml', 1, text).positionAt(at + 1),
              },
              text: String(4 + (i % 2)),
            },
          ],
        });
        await published;
        edits[s.name].push(performance.now() - t);
        await sleep(400);
      }
    }

    // completion of a key in a container in the middle of the file (`ima|ge:`)
    const imageAt = text.indexOf('          image: ', Math.floor(text.length / 2)) + '          ima'.length;
    const position = TextDocument.create(uri, 'yaml', 1, text).positionAt(imageAt);
    const completion: Record<string, number[]> = { kubewise: [], 'yaml-language-server': [] };
    const counts: Record<string, number> = {};
    for (let i = 0; i < 11; i++) {
      for (const s of servers) {
        // a pause first, so that neither server's answer is slowed by work the other left running
        await sleep(100);
        const t = performance.now();
        const res = await s.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
        completion[s.name].push(performance.now() - t);
        counts[s.name] = Array.isArray(res) ? res.length : (res?.items.length ?? 0);
      }
    }

    const ms = (x: number): string => `${x.toFixed(1)} ms`;
    const [kd, yd] = [median(edits.kubewise), median(edits['yaml-language-server'])];
    const [kc, yc] = [median(completion.kubewise), median(completion['yaml-language-server'])];
    console.log('');
    console.log('# Authoring: Kubewise vs yaml-language-server 1.25 (offline Kubernetes schema), same manifest');
    console.log(`diagnostics after an edit:    kubewise ${ms(kd)}, yaml-language-server ${ms(yd)}`);
    console.log(`  ratio kubewise / yaml-ls:   ${(kd / yd).toFixed(3)}  (target <= 0.125)`);
    console.log(
      `completion in a container:    kubewise ${ms(kc)} (${counts.kubewise} items), yaml-language-server ${ms(yc)} (${counts['yaml-language-server']} items)`,
    );
    console.log(`  ratio kubewise / yaml-ls:   ${(kc / yc).toFixed(3)}  (target <= 0.2)`);
    console.log(
      `server RSS after edits and completion: kubewise ${rssMb(servers[0].child.pid)} (target < 150 MB), yaml-language-server ${rssMb(servers[1].child.pid)}`,
    );

    // the typing storm, one server at a time on a freshly opened copy of the file; KUBEWISE_BENCH_BASELINE=<an
    // older build's server.js> adds that build, for before/after figures measured in the same run
    const storms: Record<string, StormFigures> = {};
    const baseline = process.env.KUBEWISE_BENCH_BASELINE;
    const stormServers = [...servers];
    if (baseline && existsSync(baseline)) {
      const b = start('baseline', baseline, {});
      await b.conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(dir).toString(),
        capabilities: FULL_CLIENT,
        workspaceFolders: null,
      });
      await b.conn.sendNotification(InitializedNotification.type, {});
      stormServers.push(b);
      servers.push(b);
    }
    for (const s of stormServers) {
      await s.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      await sleep(500);
      storms[s.name] = await storm(s, uri, text);
      await s.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    const [ks, ys] = [storms.kubewise, storms['yaml-language-server']];
    console.log('');
    console.log('# Requests during a 200-edit typing storm (median answer; target <= 200 ms for Kubewise)');
    for (const kind of ['codeAction', 'hover', 'symbols'] as const) {
      console.log(
        `${(kind + ':').padEnd(29)} kubewise ${ms(ks.median[kind])}, yaml-language-server ${ms(ys.median[kind])}`,
      );
    }
    console.log(`slowest answer:               kubewise ${ms(ks.max)}, yaml-language-server ${ms(ys.max)}`);
    console.log(
      `one diagnostics publish:      kubewise ${(ks.publishBytes / 1024).toFixed(0)} KiB (${ks.publishCount} diagnostics), yaml-language-server ${(ys.publishBytes / 1024).toFixed(0)} KiB (${ys.publishCount})`,
    );
    const bs = storms.baseline;
    if (bs) {
      console.log(
        `baseline build (${baseline}): code actions ${ms(bs.median.codeAction)}, hover ${ms(bs.median.hover)}, symbols ${ms(bs.median.symbols)}, slowest ${ms(bs.max)}, publish ${(bs.publishBytes / 1024).toFixed(0)} KiB`,
      );
    }
  } finally {
    for (const s of servers) {
      s.child.kill();
      s.conn.dispose();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
