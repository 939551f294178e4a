/**
 * The manifest link: a CodeLens above each container's `resources:` with live usage against the written requests,
 * a hover with the detail and the recommendation, the code action (and the panel's button) "Apply recommended
 * resources", and the panel's focus on the workload of the active editor. Objects, containers and ranges come from
 * the language server (kubewise/workloads); the edit too (kubewise/resourcesEdit). The client parses no YAML.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type {
  ProtocolRange,
  ResourcesEditParams,
  Workload,
  WorkloadContainer,
  WorkloadsResult,
} from '../../../server/src/protocol';
import { ResourcesEditRequest, WorkloadsRequest } from '../../../server/src/protocol/requests';
import type { MetricsController } from './controller';
import { formatCpu, formatMemory, percentOf, quantityValue } from '../../../server/src/protocol/quantity';
import { MetricsError } from './problems';
import { durationSec, prometheusStats, type PrometheusTarget } from './prometheus';
import type { Recommendation, UsageStats } from './recommend';
import { metricsSettings } from './settings';
import {
  containerUsage,
  lensTitle,
  livePods,
  namespaceOf,
  recommendationFor,
  resourcesToWrite,
} from './workload-usage';

export const APPLY_RECOMMENDATION_KIND = vscode.CodeActionKind.QuickFix.append('kubewise').append('rightsize');

const range = (r: ProtocolRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export class ManifestLink
  implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.CodeActionProvider, vscode.Disposable
{
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly cache = new Map<string, { version: number; result: Promise<WorkloadsResult> }>();
  private readonly disposables: vscode.Disposable[] = [];
  private focusTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly metrics: MetricsController,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const selector: vscode.DocumentSelector = [
      { language: 'yaml', scheme: 'file' },
      { language: 'yaml', scheme: 'untitled' },
    ];
    this.disposables.push(
      vscode.languages.registerCodeLensProvider(selector, this),
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerCodeActionsProvider(selector, this, {
        providedCodeActionKinds: [APPLY_RECOMMENDATION_KIND],
      }),
      metrics.onDidRefresh(() => {
        this.lensesChanged.fire();
        this.scheduleFocus();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.scheduleFocus()),
      vscode.window.onDidChangeTextEditorSelection(() => this.scheduleFocus()),
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
    );
    metrics.applyHandler = (pod, container) => this.applyFromPanel(pod, container);
  }

  /** The workloads of a document, asked once per version. */
  workloads(doc: vscode.TextDocument): Promise<WorkloadsResult> {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.result;
    const result = this.client.isRunning()
      ? this.client.sendRequest(WorkloadsRequest, { uri: key }).catch((e: unknown) => {
          this.log.warn(`${WorkloadsRequest.method} failed: ${e instanceof Error ? e.message : String(e)}`);
          return { uri: key, version: null, workloads: [] };
        })
      : Promise.resolve({ uri: key, version: null, workloads: [] } as WorkloadsResult);
    this.cache.set(key, { version: doc.version, result });
    return result;
  }

  private live(w: Workload, c: WorkloadContainer) {
    const snap = this.metrics.latest;
    if (!snap) return undefined;
    const pods = livePods(w, snap);
    if (pods.length === 0) return undefined;
    const usage = containerUsage(pods, c.name);
    if (usage.pods === 0) return undefined;
    return { snap, pods, usage, rec: recommendationFor(pods, c.name, this.metrics.history) };
  }

  private readonly promCache = new Map<string, { at: number; stats: Promise<UsageStats | undefined> }>();
  private promWarned = '';

  /**
   * The recommendation from Prometheus' history when `kubewise.metrics.prometheusUrl` is set (cached a minute),
   * else from the panel's own samples. A Prometheus that fails is reported once and the panel's history is used.
   */
  private async recommendation(w: Workload, c: WorkloadContainer): Promise<Recommendation | undefined> {
    const live = this.live(w, c);
    if (!live) return undefined;
    const s = metricsSettings();
    const loaded = this.metrics.lastLoaded;
    const target: PrometheusTarget | undefined = s.prometheusUrl
      ? { url: s.prometheusUrl }
      : s.prometheusService && loaded
        ? { kc: loaded.kc, server: loaded.server, service: s.prometheusService }
        : undefined;
    if (!target) return live.rec;
    const q = {
      namespace: namespaceOf(w, live.snap),
      pods: live.pods.map((p) => p.name).sort(),
      container: c.name,
      windowSec: durationSec(s.prometheusWindow) ?? 7 * 86400,
      stepSec: 60,
      rateWindow: '5m',
      timeoutMs: s.requestTimeoutSec * 1000,
    };
    q.stepSec = Math.max(60, Math.ceil(q.windowSec / 10_000));
    const key = `${s.prometheusUrl || `${loaded?.context}:${s.prometheusService}`} ${q.namespace} ${q.pods.join(',')} ${q.container} ${q.windowSec}`;
    let hit = this.promCache.get(key);
    if (!hit || Date.now() - hit.at > 60_000) {
      hit = { at: Date.now(), stats: prometheusStats(target, q) };
      this.promCache.set(key, hit);
    }
    try {
      const stats = await hit.stats;
      return recommendationFor(live.pods, c.name, this.metrics.history, stats);
    } catch (e) {
      const p = e instanceof MetricsError ? e.problem : undefined;
      const msg = p ? `${p.title}. ${p.next}` : String(e);
      if (msg !== this.promWarned) {
        this.promWarned = msg;
        this.log.warn(`Prometheus history: ${msg} Using the panel's own history instead.`);
      }
      this.promCache.delete(key);
      return live.rec;
    }
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.metrics.latest) return [];
    const { workloads } = await this.workloads(doc);
    const out: vscode.CodeLens[] = [];
    for (const w of workloads) {
      for (const c of w.containers) {
        const live = this.live(w, c);
        if (!live) continue;
        out.push(
          new vscode.CodeLens(range(c.anchor), {
            title: lensTitle(live.usage, c),
            tooltip: `Live usage of ${c.name} in ${w.kind}/${w.name} (${namespaceOf(w, live.snap)}, context ${live.snap.context}) against the requests written here`,
            command: 'kubewise.metrics.focus',
          }),
        );
      }
    }
    return out;
  }

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.metrics.latest) return undefined;
    const { workloads } = await this.workloads(doc);
    for (const w of workloads) {
      for (const c of w.containers) {
        if (c.anchor.start.line !== pos.line) continue;
        const live = this.live(w, c);
        if (!live) return undefined;
        const md = new vscode.MarkdownString();
        md.appendMarkdown(
          `**${c.name}** in ${w.kind}/${w.name} · ${live.usage.pods} live pod(s) in \`${namespaceOf(w, live.snap)}\`\n\n`,
        );
        md.appendMarkdown('| pod | cpu | % req | mem | % req |\n|---|--:|--:|--:|--:|\n');
        const cpuReq = quantityValue(c.requests.cpu ?? c.limits.cpu);
        const memReq = quantityValue(c.requests.memory ?? c.limits.memory);
        for (const p of live.usage.perPod) {
          const pc = percentOf(p.cpu, cpuReq);
          const pm = percentOf(p.mem, memReq);
          md.appendMarkdown(
            `| ${p.pod} | ${formatCpu(p.cpu) || 'n/a'} | ${pc === undefined ? '' : `${pc}%`} | ${formatMemory(p.mem) || 'n/a'} | ${pm === undefined ? '' : `${pm}%`} |\n`,
          );
        }
        md.appendMarkdown(
          `\nWritten: requests cpu ${c.requests.cpu ?? '—'}, memory ${c.requests.memory ?? '—'}; limits cpu ${c.limits.cpu ?? '—'}, memory ${c.limits.memory ?? '—'}\n\n`,
        );
        const rec = await this.recommendation(w, c);
        if (rec) md.appendMarkdown(recommendationText(rec));
        return new vscode.Hover(md, range(c.anchor));
      }
    }
    return undefined;
  }

  async provideCodeActions(
    doc: vscode.TextDocument,
    r: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (!this.metrics.latest) return [];
    const { workloads } = await this.workloads(doc);
    const out: vscode.CodeAction[] = [];
    for (const w of workloads) {
      for (const c of w.containers) {
        if (!range(c.range).intersection(r) && !range(c.anchor).intersection(r)) continue;
        const rec = await this.recommendation(w, c);
        if (!rec) continue;
        const values = resourcesToWrite(rec, c);
        // cpu-request-missing / memory-request-missing: the measured value instead of the default with a TODO.
        for (const d of context.diagnostics) {
          const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
          const which =
            code === 'cpu-request-missing' ? 'cpu' : code === 'memory-request-missing' ? 'memory' : undefined;
          if (d.source !== 'kubewise' || !which || !range(c.range).contains(d.range.start)) continue;
          const value = which === 'cpu' ? values.requests.cpu : values.requests.memory;
          const fix = new vscode.CodeAction(
            `Add requests.${which}: ${value} (measured: ${which === 'cpu' ? 'p95' : 'peak'} + 15% of ${rec.samples} sample${rec.samples === 1 ? '' : 's'}${rec.confidence === 'low' ? ', low confidence' : ''})`,
            APPLY_RECOMMENDATION_KIND,
          );
          fix.diagnostics = [d];
          fix.isPreferred = true;
          fix.command = {
            title: fix.title,
            command: 'kubewise.metrics.applyRecommendation',
            arguments: [doc.uri.toString(), w.kind, w.name, c.name, which],
          };
          out.push(fix);
        }
        const a = new vscode.CodeAction(
          `Apply recommended resources to ${c.name} (cpu ${values.requests.cpu}, memory ${values.requests.memory}${rec.confidence === 'low' ? ', low confidence' : ''})`,
          APPLY_RECOMMENDATION_KIND,
        );
        a.command = {
          title: a.title,
          command: 'kubewise.metrics.applyRecommendation',
          arguments: [doc.uri.toString(), w.kind, w.name, c.name],
        };
        out.push(a);
      }
    }
    return out;
  }

  /** Writes the recommendation into the container as one undoable edit; returns whether it was applied. */
  async apply(uri: string, kind: string, name: string, container: string, only?: 'cpu' | 'memory'): Promise<boolean> {
    const doc =
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
      (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
    const { workloads } = await this.workloads(doc);
    const w = workloads.find((x) => x.kind === kind && x.name === name);
    const c = w?.containers.find((x) => x.name === container);
    const rec = w && c ? await this.recommendation(w, c) : undefined;
    if (!w || !c || !rec) {
      void vscode.window.showInformationMessage(
        `Kubewise: no recommendation for ${container} in ${kind}/${name} yet (the panel needs live usage of its pods).`,
      );
      return false;
    }
    const all = resourcesToWrite(rec, c);
    // A measured request for one resource only (the quick fix of cpu-request-missing / memory-request-missing).
    const values =
      only === 'cpu'
        ? { requests: { cpu: all.requests.cpu }, limits: all.limits.cpu ? { cpu: all.limits.cpu } : {} }
        : only === 'memory'
          ? { requests: { memory: all.requests.memory }, limits: {} }
          : all;
    const params: ResourcesEditParams = { uri, kind, name, container, ...values };
    const result = await this.client.sendRequest(ResourcesEditRequest, params);
    if (result.error) {
      void vscode.window.showWarningMessage(`Kubewise: cannot apply the recommendation: ${result.error}`);
      return false;
    }
    if (result.version !== null && result.version !== doc.version) {
      void vscode.window.showWarningMessage('Kubewise: the manifest changed meanwhile; try again.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(doc.uri, range(e.range), e.newText);
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok)
      this.log.info(
        `Applied recommended resources to ${container} in ${kind}/${name}: ${JSON.stringify(values)} (${rec.samples} samples)`,
      );
    return ok;
  }

  /** The panel's button: finds an open manifest whose workload runs that pod. */
  private async applyFromPanel(podKey: string, container: string): Promise<void> {
    const snap = this.metrics.latest;
    if (!snap) return;
    const docs = vscode.workspace.textDocuments.filter((d) => d.languageId === 'yaml');
    const active = vscode.window.activeTextEditor?.document;
    if (active) docs.sort((a, b) => (a === active ? -1 : b === active ? 1 : 0));
    for (const doc of docs) {
      for (const w of (await this.workloads(doc)).workloads) {
        if (!w.containers.some((c) => c.name === container)) continue;
        if (livePods(w, snap).some((p) => p.key === podKey)) {
          await this.apply(doc.uri.toString(), w.kind, w.name, container);
          return;
        }
      }
    }
    const owner = snap.pods.find((p) => p.key === podKey)?.owner || podKey;
    void vscode.window.showInformationMessage(
      `Kubewise: open the manifest of ${owner} to write the recommended resources into it.`,
    );
  }

  private scheduleFocus(): void {
    if (this.focusTimer) clearTimeout(this.focusTimer);
    this.focusTimer = setTimeout(() => void this.updateFocus(), 200);
  }

  /** Tells the panel which workload the active editor shows (the one under the cursor, else the first). */
  private async updateFocus(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const snap = this.metrics.latest;
    if (!editor || editor.document.languageId !== 'yaml' || !snap) return;
    const { workloads } = await this.workloads(editor.document);
    const cursor = editor.selection.active;
    const w = workloads.find((x) => range(x.range).contains(cursor)) ?? workloads[0];
    if (!w) {
      this.metrics.setFocus(null);
      return;
    }
    this.metrics.setFocus({
      label: `${w.kind}/${w.name}`,
      namespace: namespaceOf(w, snap),
      podKeys: livePods(w, snap).map((p) => p.key),
    });
  }

  dispose(): void {
    if (this.focusTimer) clearTimeout(this.focusTimer);
    for (const d of this.disposables) d.dispose();
    this.lensesChanged.dispose();
  }
}

export function recommendationText(rec: Recommendation): string {
  const s = rec.stats;
  const window = s.spanMs > 0 ? ` over ${Math.round(s.spanMs / 60_000)} min` : '';
  return (
    `**Usage${window}** (${s.source === 'prometheus' ? 'Prometheus' : "the panel's history"}): ` +
    `cpu p50 ${formatCpu(s.cpuP50)}, p95 ${formatCpu(s.cpuP95)}, max ${formatCpu(s.cpuMax)} · ` +
    `memory p50 ${formatMemory(s.memP50)}, p95 ${formatMemory(s.memP95)}, max ${formatMemory(s.memMax)}\n\n` +
    `**Recommended:** cpu request ${formatCpu(rec.cpuRequest)}, memory request and limit ${formatMemory(rec.memRequest)}` +
    `${rec.confidence === 'low' ? ' — *low confidence*' : ''}\n\n*${rec.method}*\n`
  );
}
