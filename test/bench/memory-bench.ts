/**
 * Memory of the built language server (RSS from /proc, as the operating system sees it): with the 10,000-line
 * manifest open, after edits and a completion in it, with 300+ real files open at once, and across rounds of opening
 * and closing them all (no growth expected). The files are every YAML file of the corpus of public manifests
 * (test/corpus: Prometheus rules, Istio samples, kustomize overlays, as people write them). Each round also reports
 * the live heap after a full garbage collection (gc-probe.ts, preloaded into the server here only): RSS keeps garbage
 * V8 has not collected yet, so only the live heap tells whether closing files really gives their memory back.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '../../../..');
const SERVER = join(ROOT, 'server/out/server.js');
const ROUNDS = 3;
/** How long to wait for a publish before giving up on a file (a chart whose render fails may never publish). */
const PUBLISH_WAIT_MS = 60_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A language server over stdio with just enough of a client to open, change and close documents. */
class Probe {
  private readonly child: ChildProcess;
  private buffer = Buffer.alloc(0);
  private id = 0;
  private readonly answers = new Map<number, () => void>();
  private readonly published = new Map<string, number | undefined>();
  private readonly watchers = new Set<() => void>();

  private readonly probeDir = mkdtempSync(join(tmpdir(), 'kubewise-gc-probe-'));
  private readonly probeOut = join(this.probeDir, 'memory.json');

  constructor() {
    this.child = spawn(process.execPath, ['--expose-gc', '-r', join(__dirname, 'gc-probe.js'), SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, KUBEWISE_GC_PROBE_OUT: this.probeOut },
    });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const head = this.buffer.indexOf('\r\n\r\n');
        if (head < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())?.[1]);
        if (this.buffer.length < head + 4 + length) return;
        const msg = JSON.parse(this.buffer.subarray(head + 4, head + 4 + length).toString()) as {
          id?: number;
          method?: string;
          params?: { uri?: string; version?: number; items?: unknown[] };
        };
        this.buffer = this.buffer.subarray(head + 4 + length);
        if (msg.id !== undefined && msg.method) {
          // requests from the server: default settings for every scope, nothing else
          const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => ({})) : null;
          this.send({ id: msg.id, result });
        } else if (msg.id !== undefined) {
          this.answers.get(msg.id)?.();
          this.answers.delete(msg.id);
        } else if (msg.method === 'textDocument/publishDiagnostics' && msg.params?.uri) {
          this.published.set(msg.params.uri, msg.params.version);
          for (const w of this.watchers) w();
        }
      }
    });
  }

  send(msg: object): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
    this.child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request(method: string, params: object): Promise<void> {
    const id = ++this.id;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      this.send({ id, method, params });
    });
  }

  async start(): Promise<void> {
    await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    this.send({ method: 'initialized', params: {} });
  }

  open(uri: string, text: string, version = 1): void {
    this.published.delete(uri);
    this.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version, text } } });
  }

  change(uri: string, version: number, text: string): void {
    this.send({
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version }, contentChanges: [{ text }] },
    });
  }

  close(uri: string): void {
    this.send({ method: 'textDocument/didClose', params: { textDocument: { uri } } });
  }

  /** Resolves when every uri has diagnostics for `version` (or after PUBLISH_WAIT_MS): how many never got them. */
  async settled(uris: readonly string[], version: number): Promise<number> {
    const missing = (): number => uris.filter((u) => this.published.get(u) !== version).length;
    if (missing() === 0) return 0;
    await Promise.race([
      new Promise<void>((resolve) => {
        const w = (): void => {
          if (missing() > 0) return;
          this.watchers.delete(w);
          resolve();
        };
        this.watchers.add(w);
      }),
      sleep(PUBLISH_WAIT_MS),
    ]);
    return missing();
  }

  /** RSS once the server is idle again (a short pause lets the last lints and their garbage settle). */
  async rss(): Promise<string> {
    await sleep(1000);
    const status = existsSync(`/proc/${this.child.pid}/status`)
      ? readFileSync(`/proc/${this.child.pid}/status`, 'utf8')
      : '';
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? `${(Number(kb[1]) / 1024).toFixed(1)} MB` : 'unknown';
  }

  /** The live heap after a full garbage collection in the server (gc-probe.ts), e.g. `33.3 MB`. */
  async liveHeap(): Promise<string> {
    const before = existsSync(this.probeOut) ? statSync(this.probeOut).mtimeMs : 0;
    this.child.kill('SIGUSR2');
    for (let i = 0; i < 100; i++) {
      await sleep(100);
      if (existsSync(this.probeOut) && statSync(this.probeOut).mtimeMs !== before) {
        try {
          const m = JSON.parse(readFileSync(this.probeOut, 'utf8')) as { heapUsed: number };
          return `${(m.heapUsed / 1024 / 1024).toFixed(1)} MB`;
        } catch {
          // written but not complete yet: read again
        }
      }
    }
    return 'unknown';
  }

  stop(): void {
    this.child.kill();
    rmSync(this.probeDir, { recursive: true, force: true });
  }
}

/** Every YAML file of the public-manifest corpus. */
function corpus(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.ya?ml$/i.test(e.name)) out.push(path);
    }
  };
  walk(join(ROOT, 'test/corpus'));
  return out.sort();
}

export async function memoryBench(text: string): Promise<void> {
  if (!existsSync(SERVER)) {
    console.log('server RSS: (server/out/server.js not built)');
    return;
  }
  console.log(
    '# Language server memory (RSS; targets: < 150 MB with the manifest open, < 200 MB with 300 files, no growth)',
  );
  const big = new Probe();
  try {
    await big.start();
    const uri = 'file:///bench/big.yaml';
    big.open(uri, text);
    await big.settled([uri], 1);
    console.log(`server RSS, the manifest open:               ${await big.rss()}`);
    // 20 one-character edits in the middle document, then completion, hover and symbols there
    const at = text.indexOf('replicas: ', Math.floor(text.length / 2)) + 'replicas: '.length;
    let edited = text;
    for (let v = 2; v <= 21; v++) {
      edited = edited.slice(0, at) + String(v % 10) + edited.slice(at + 1);
      big.change(uri, v, edited);
      await sleep(50);
    }
    await big.settled([uri], 21);
    const line = edited.slice(0, edited.indexOf('image:', at)).split('\n').length - 1;
    const position = { line, character: 8 };
    await big.request('textDocument/completion', { textDocument: { uri }, position });
    await big.request('textDocument/hover', { textDocument: { uri }, position });
    await big.request('textDocument/documentSymbol', { textDocument: { uri } });
    console.log(`server RSS, after 20 edits and a completion: ${await big.rss()}`);
  } finally {
    big.stop();
  }

  const files = corpus();
  const uris = files.map((f) => pathToFileURL(f).href);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const many = new Probe();
  try {
    await many.start();
    const rounds: string[] = [];
    const heaps: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      uris.forEach((u, i) => many.open(u, texts[i]));
      const missing = await many.settled(uris, 1);
      const open = await many.rss();
      const openHeap = await many.liveHeap();
      uris.forEach((u) => many.close(u));
      const closed = await many.rss();
      const closedHeap = await many.liveHeap();
      if (round === 1) {
        console.log(
          `server RSS, ${files.length} public manifests open at once: ${open}${missing ? `  (${missing} never published)` : ''}`,
        );
      }
      rounds.push(`${open} open / ${closed} closed`);
      heaps.push(`${openHeap} open / ${closedHeap} closed`);
    }
    console.log(`server RSS over ${ROUNDS} open/close rounds:       ${rounds.join(', ')}`);
    console.log(`  live heap after a full GC, the same rounds:  ${heaps.join(', ')}`);
  } finally {
    many.stop();
  }
}
