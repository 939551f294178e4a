/**
 * Live drift in the editor: a CodeLens per object ("in sync", "N fields differ (context, age)", "not in the
 * cluster", "cannot read: … (context)"), an information diagnostic (`live-drift`) on each differing line whose hover
 * gives the live value and who set it, and "Compare with live" (VS Code's diff editor, both sides read-only).
 *
 * When: on opening a manifest and on each save, never per keystroke; an edit cancels a comparison in flight. Only in a
 * trusted workspace, only with a context chosen for the workspace (Kubewise: Choose Cluster Context), through the
 * panel's kubeconfig loading, credentials and time limit. Objects and lines come from the language server
 * (kubewise/driftObjects): the client parses no YAML.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, DOCS_BASE_URL, type DriftObjectsResult, type ProtocolRange } from '../../../server/src/protocol';
import { DriftObjectsRequest } from '../../../server/src/protocol/requests';
import type { ClusterConnection } from '../metrics/connection';
import type { MetricsController } from '../metrics/controller';
import { MetricsError } from '../metrics/problems';
import type { ClusterAccess } from './access';
import { compareObjects, DryRunCache, type FieldDrift, type ObjectDrift } from './compare';
import { formatPath } from './diff';
import { PathLines } from './lines';
import { describeManager } from './managers';
import { age, fieldMessage, lensTitle, showValue } from './present';
import { ConnectionClusterAccess } from './connection-access';
import { MissingObjectsView } from './missing-view';
import { DRIFT_RULE_ID, driftSeverity, driftSettings } from './settings';
import { toYaml } from './yaml-text';

const DRIFT_COMMANDS = {
  compareWithLive: COMMANDS.driftCompareWithLive,
  showProblem: COMMANDS.driftShowProblem,
} as const;

export const LIVE_SCHEME = 'kubewise-live';

/** docs/drift.md beside the rule pages. */
const DRIFT_DOCS = DOCS_BASE_URL.replace(/rules\/$/, 'drift.md');

const range = (r: ProtocolRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
const objectKey = (o: { apiVersion: string; kind: string; name: string; namespace?: string | undefined }) =>
  `${o.apiVersion}\n${o.kind}\n${o.namespace ?? ''}\n${o.name}`;

interface DocDrift {
  readonly version: number;
  readonly context: string;
  readonly checkedAt: number;
  readonly results: readonly ObjectDrift[];
  /** A failure before any object could be compared (kubeconfig, context). */
  readonly problem?: { readonly title: string; readonly next: string };
}

/** What the drift code shows, for the extension's own tests. */
export interface DriftSnapshot {
  readonly context: string;
  readonly lenses: readonly string[];
  readonly objects: ReadonlyArray<{ readonly key: string; readonly state: string; readonly fields: readonly string[] }>;
}

export class DriftController implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly finished = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after each comparison of a document (the extension's tests wait on it). */
  readonly onDidCompare = this.finished.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kubewise-drift');
  private readonly state = new Map<string, DocDrift>();
  private readonly running = new Map<string, AbortController>();
  private readonly objectsCache = new Map<string, { version: number; result: Promise<DriftObjectsResult> }>();
  private readonly cache = new DryRunCache();
  private access: { connection: ClusterConnection; access: ClusterAccess } | undefined;
  private lastContext: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly live = new Map<string, string>();
  private readonly liveChanged = new vscode.EventEmitter<vscode.Uri>();
  private offReason: string | undefined;
  /** Requests sent to the API server (the bench reads it). */
  requestsSent = 0;

  /** The side bar's "Not in the Cluster" view. */
  readonly missing: MissingObjectsView;

  constructor(
    context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly metrics: MetricsController,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.missing = new MissingObjectsView(
      context,
      client,
      metrics,
      () => this.off(),
      () => driftSettings().listThreshold,
    );
    const selector: vscode.DocumentSelector = [{ language: 'yaml', scheme: 'file' }];
    this.disposables.push(
      this.missing,
      this.diagnostics,
      vscode.languages.registerCodeLensProvider(selector, this),
      vscode.languages.registerHoverProvider(selector, this),
      vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, {
        onDidChange: this.liveChanged.event,
        provideTextDocumentContent: (uri) => this.live.get(uri.toString()) ?? '# compare again: this view is gone\n',
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.cancel(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kubewise.drift') || e.affectsConfiguration('kubewise.metrics')) {
          this.access = undefined;
          void this.refreshAll();
        } else if (e.affectsConfiguration('kubewise.profile') || e.affectsConfiguration('kubewise.rules')) {
          for (const d of vscode.workspace.textDocuments) this.publish(d);
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refreshAll()),
      // The panel's context picker: another context makes every finding stale.
      metrics.onDidRefresh((snap) => {
        if (snap.context !== this.lastContext && this.lastContext !== undefined) void this.refreshAll();
      }),
    );
  }

  /** Why drift is off, or undefined when it is on. */
  private off(): string | undefined {
    if (!driftSettings().enabled) return 'kubewise.drift.enabled is off';
    if (!vscode.workspace.isTrusted) return 'the workspace is not trusted';
    if (!this.metrics.chosenContext) return 'no cluster context is chosen for this workspace';
    return undefined;
  }

  /** A failure's next step, from a lens. */
  showProblem(title: string, next: string): void {
    void vscode.window.showWarningMessage(`Kubewise drift: ${title}`, { detail: next, modal: false });
  }

  /** Compares every open manifest again (a context chosen, settings changed, trust granted). */
  async refreshAll(): Promise<void> {
    this.cache.clear();
    await Promise.all([
      ...vscode.workspace.textDocuments.map((d) => this.compare(d)),
      this.missing.visible ? this.missing.refresh() : undefined,
    ]);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (doc.languageId === 'yaml' && doc.uri.scheme === 'file') void this.compare(doc);
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    this.running.get(key)?.abort();
    this.running.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    const key = uri.toString();
    this.state.delete(key);
    this.objectsCache.delete(key);
    this.diagnostics.delete(uri);
  }

  /** The objects of a document, asked once per version. */
  private objects(doc: vscode.TextDocument): Promise<DriftObjectsResult> {
    const key = doc.uri.toString();
    const hit = this.objectsCache.get(key);
    if (hit && hit.version === doc.version) return hit.result;
    const empty: DriftObjectsResult = { uri: key, version: null, objects: [] };
    const result = this.client.isRunning()
      ? this.client.sendRequest(DriftObjectsRequest, { uri: key }).catch((e: unknown) => {
          this.log.warn(`${DriftObjectsRequest.method} failed: ${e instanceof Error ? e.message : String(e)}`);
          return empty;
        })
      : Promise.resolve(empty);
    this.objectsCache.set(key, { version: doc.version, result });
    // The server may not have the document yet (its didOpen can trail this request): ask again next time.
    void result.then((r) => {
      if (r.version !== doc.version && this.objectsCache.get(key)?.result === result) this.objectsCache.delete(key);
    });
    return result;
  }

  /** The panel's connection to the chosen context, wrapped once per connection (discovery is cached with it). */
  private clusterAccess(): ClusterAccess {
    const connection = this.metrics.connect();
    if (this.access?.connection === connection) return this.access.access;
    const access = new ConnectionClusterAccess(connection, { onRequest: () => this.requestsSent++ });
    this.access = { connection, access };
    return access;
  }

  /** Compares one document with the cluster (cancelling the previous comparison of it). */
  async compare(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== 'yaml' || doc.uri.scheme !== 'file') return;
    const key = doc.uri.toString();
    this.cancel(doc.uri);
    const why = this.off();
    if (why) {
      if (this.offReason !== why) this.log.info(`Drift is off: ${why}.`);
      this.offReason = why;
      if (this.state.delete(key)) this.lensesChanged.fire();
      this.diagnostics.delete(doc.uri);
      this.finished.fire(doc.uri);
      return;
    }
    const context = this.metrics.chosenContext!;
    this.lastContext = context;
    const ctl = new AbortController();
    this.running.set(key, ctl);
    const version = doc.version;
    try {
      const { objects } = await this.objects(doc);
      if (ctl.signal.aborted) return;
      if (objects.length === 0) {
        this.log.info(`Drift: no object to compare in ${doc.uri.fsPath}`);
        this.state.delete(key);
        this.diagnostics.delete(doc.uri);
        this.finished.fire(doc.uri);
        return;
      }
      let results: ObjectDrift[];
      // Lenses appear as objects are compared (a big file's first lens comes with its first answer), at most
      // four times a second; the diagnostics once, at the end.
      const partial: ObjectDrift[] = [];
      let timer: NodeJS.Timeout | undefined;
      const showPartial = () => {
        timer = undefined;
        if (ctl.signal.aborted) return;
        this.state.set(key, { version, context, checkedAt: Date.now(), results: [...partial] });
        this.lensesChanged.fire();
      };
      try {
        const access = this.clusterAccess();
        results = await compareObjects(access, objects, {
          signal: ctl.signal,
          cache: this.cache,
          listThreshold: driftSettings().listThreshold,
          onResult: (r) => {
            partial.push(r);
            timer ??= setTimeout(showPartial, partial.length === 1 ? 0 : 250);
          },
        });
        clearTimeout(timer);
      } catch (e) {
        clearTimeout(timer);
        if (ctl.signal.aborted) return;
        if (!(e instanceof MetricsError)) throw e;
        this.state.set(key, { version, context, checkedAt: Date.now(), results: [], problem: e.problem });
        this.log.warn(`Drift (${context}): ${e.problem.title}. ${e.problem.next}`);
        this.publish(doc);
        return;
      }
      if (ctl.signal.aborted) return;
      this.offReason = undefined;
      this.log.info(`Drift (${context}): compared ${results.length} object(s) of ${doc.uri.fsPath}`);
      this.state.set(key, { version, context, checkedAt: Date.now(), results });
      for (const r of results) {
        if (r.state.kind === 'error')
          this.log.warn(`Drift (${context}) ${r.ref.kind} ${r.ref.name}: ${r.state.problem.short}`);
      }
      this.publish(doc);
    } catch (e) {
      if (!ctl.signal.aborted)
        this.log.error(`Drift: unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (this.running.get(key) === ctl) {
        this.running.delete(key);
        if (!ctl.signal.aborted) this.finished.fire(doc.uri);
      }
    }
  }

  /** Diagnostics and lenses from the document's last comparison. */
  private publish(doc: vscode.TextDocument): void {
    const s = this.state.get(doc.uri.toString());
    this.lensesChanged.fire();
    const severity = driftSeverity(doc.uri);
    if (!s || severity === undefined) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    const out: vscode.Diagnostic[] = [];
    for (const r of s.results) {
      if (r.state.kind !== 'drift') continue;
      const lines = new PathLines(r.object);
      for (const f of r.state.fields) {
        const d = new vscode.Diagnostic(
          range(lines.locate(f.difference.manifestPath).range),
          fieldMessage(f, s.context),
          severity,
        );
        d.source = 'kubewise';
        d.code = { value: DRIFT_RULE_ID, target: vscode.Uri.parse(DRIFT_DOCS) };
        out.push(d);
      }
    }
    this.diagnostics.set(doc.uri, out);
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const s = this.state.get(doc.uri.toString());
    if (!s) return [];
    const { objects } = await this.objects(doc);
    const now = Date.now();
    if (s.problem) {
      const first = objects[0];
      if (!first) return [];
      return [
        new vscode.CodeLens(range(first.anchor), {
          title: `$(warning) drift: ${s.problem.title} (${s.context})`,
          command: DRIFT_COMMANDS.showProblem,
          arguments: [s.problem.title, s.problem.next],
        }),
      ];
    }
    // Results are matched to the objects as they are now, so a lens follows its object while the file is edited.
    const byKey = new Map(s.results.map((r) => [objectKey(r.object), r]));
    const lenses: vscode.CodeLens[] = [];
    for (const o of objects) {
      const r = byKey.get(objectKey(o));
      if (!r) continue;
      const title = lensTitle(r, s.context, now);
      const command: vscode.Command =
        r.state.kind === 'error'
          ? { title, command: DRIFT_COMMANDS.showProblem, arguments: [r.state.problem.short, r.state.problem.next] }
          : r.state.kind === 'missing'
            ? { title, command: '' }
            : { title, command: DRIFT_COMMANDS.compareWithLive, arguments: [doc.uri.toString(), objectKey(o)] };
      if (r.state.kind === 'error') command.tooltip = `${r.state.problem.detail}\n\nNext: ${r.state.problem.next}`;
      lenses.push(new vscode.CodeLens(range(o.anchor), command));
    }
    return lenses;
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const s = this.state.get(doc.uri.toString());
    if (!s || s.version !== doc.version) return undefined;
    for (const r of s.results) {
      if (r.state.kind !== 'drift' && !r.managed.length) continue;
      const lines = new PathLines(r.object);
      const fields: FieldDrift[] = r.state.kind === 'drift' ? [...r.state.fields] : [];
      for (const f of fields) {
        const at = range(lines.locate(f.difference.manifestPath).range);
        if (at.start.line !== pos.line) continue;
        return new vscode.Hover(this.hoverText(doc, r, f, s.context), at);
      }
      for (const m of r.managed) {
        const at = range(lines.locate(m.difference.manifestPath).range);
        if (at.start.line !== pos.line) continue;
        const md = new vscode.MarkdownString(
          `**Managed by ${m.by}** in \`${s.context}\`: live \`${showValue(m.difference.live)}\`, the manifest gives \`${showValue(m.difference.applied)}\`. Not drift: the autoscaler sets it.`,
        );
        return new vscode.Hover(md, at);
      }
    }
    return undefined;
  }

  private hoverText(doc: vscode.TextDocument, r: ObjectDrift, f: FieldDrift, context: string): vscode.MarkdownString {
    const d = f.difference;
    const who = f.manager
      ? ` · set by \`${describeManager(f.manager)}\`${f.manager.time ? ` ${age(f.manager.time, Date.now()) ?? ''}` : ''}`
      : '';
    const args = encodeURIComponent(JSON.stringify([doc.uri.toString(), objectKey(r.object)]));
    const md = new vscode.MarkdownString(
      [
        `**Live in \`${context}\`**: \`${formatPath(d.livePath)}\``,
        '',
        '```yaml',
        toYaml({ live: d.live ?? null }).trimEnd(),
        '```',
        `The manifest gives \`${showValue(d.applied)}\`${who}.`,
        '',
        `[Compare with live](command:${DRIFT_COMMANDS.compareWithLive}?${args})`,
      ].join('\n'),
    );
    md.isTrusted = { enabledCommands: [DRIFT_COMMANDS.compareWithLive] };
    return md;
  }

  /** Opens the diff editor: the live object (normalised) against what applying the manifest would give. */
  async compareWithLive(uri?: string, key?: string): Promise<void> {
    const docUri = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
    const s = docUri ? this.state.get(docUri) : undefined;
    let r = s?.results.find((x) => objectKey(x.object) === key);
    if (!r && s && !key) {
      const line = vscode.window.activeTextEditor?.selection.active.line ?? 0;
      r = [...s.results].reverse().find((x) => x.object.anchor.start.line <= line) ?? s.results[0];
    }
    if (!s || !r?.live || !r.applied) {
      void vscode.window.showInformationMessage(
        'Kubewise: nothing to compare yet. Choose a cluster context and save the manifest.',
      );
      return;
    }
    const base = `/${encodeURIComponent(s.context)}/${r.ref.namespace ?? '_'}/${r.ref.kind}/${r.ref.name}`;
    const liveUri = vscode.Uri.from({ scheme: LIVE_SCHEME, path: `${base}.live.yaml` });
    const appliedUri = vscode.Uri.from({ scheme: LIVE_SCHEME, path: `${base}.manifest.yaml` });
    this.live.set(liveUri.toString(), toYaml(r.live, r.object.body));
    this.live.set(appliedUri.toString(), toYaml(r.applied, r.object.body));
    this.liveChanged.fire(liveUri);
    this.liveChanged.fire(appliedUri);
    await vscode.commands.executeCommand(
      'vscode.diff',
      liveUri,
      appliedUri,
      `${r.ref.name} (${r.ref.kind}): live in ${s.context} ↔ manifest (dry-run apply)`,
      { preview: true },
    );
  }

  /** What is shown for a document (the extension's tests). */
  async snapshot(doc: vscode.TextDocument): Promise<DriftSnapshot | undefined> {
    const s = this.state.get(doc.uri.toString());
    if (!s) return undefined;
    const lenses = (await this.provideCodeLenses(doc)).map((l) => l.command?.title ?? '');
    return {
      context: s.context,
      lenses,
      objects: s.results.map((r) => ({
        key: `${r.ref.kind}/${r.ref.name}`,
        state: r.state.kind,
        fields: r.state.kind === 'drift' ? r.state.fields.map((f) => formatPath(f.difference.livePath)) : [],
      })),
    };
  }

  dispose(): void {
    for (const c of this.running.values()) c.abort();
    for (const d of this.disposables) d.dispose();
    this.lensesChanged.dispose();
    this.finished.dispose();
    this.liveChanged.dispose();
  }
}
