/**
 * The code actions on a container: "Apply recommended resources" and, on cpu-request-missing and
 * memory-request-missing, the measured value as a preferred fix beside the default one. Offered only on enough
 * evidence (recommend.ts); each title says what it is based on and on which context. A request an HPA scales on is
 * offered, never preferred, and its title says it moves the HPA.
 */
import * as vscode from 'vscode';
import { basis } from './recommend';
import { changesFor } from './resource-changes';
import { toRange, type ManifestWorkloads } from './manifest-workloads';

export const APPLY_RECOMMENDATION_KIND = vscode.CodeActionKind.QuickFix.append('kubewise').append('rightsize');

export class ManifestActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [APPLY_RECOMMENDATION_KIND],
  };

  constructor(private readonly source: ManifestWorkloads) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    r: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (!this.source.metrics.latest) return [];
    const { workloads } = await this.source.workloads(doc);
    const out: vscode.CodeAction[] = [];
    for (const w of workloads) {
      for (const c of w.containers) {
        if (!toRange(c.range).intersection(r) && !toRange(c.anchor).intersection(r)) continue;
        const found = await this.source.rightsizing(w, c);
        if (found?.r.kind !== 'recommendation') continue; // below the evidence minimum nothing measured is offered
        const rec = found.r;
        const on = `context ${found.live.snap.context}`;
        const low = rec.confidence === 'low' ? ', low confidence' : '';
        const args = (only?: 'cpu' | 'memory') => [
          doc.uri.toString(),
          w.kind,
          w.name,
          c.name,
          only ?? null,
          w.ownNamespace,
        ];
        for (const d of context.diagnostics) {
          const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
          const which =
            code === 'cpu-request-missing' ? 'cpu' : code === 'memory-request-missing' ? 'memory' : undefined;
          if (d.source !== 'kubewise' || !which || !toRange(c.range).contains(d.range.start)) continue;
          const changes = changesFor(rec, c, found.live.autoscalers, which, w.containers);
          const request = changes.find((x) => x.field === `requests.${which}`);
          if (!request) continue;
          const extra = changes
            .filter((x) => x !== request)
            .map((x) => `, ${x.field}: ${x.new}`)
            .join('');
          const fix = new vscode.CodeAction(
            `Add requests.${which}: ${request.new}${extra} (measured: ${which === 'cpu' ? 'p95' : 'peak'} + 15% of ${basis(rec)}; ${on}${low})` +
              (request.hpa ? ' — moves the HPA scaling' : ''),
            APPLY_RECOMMENDATION_KIND,
          );
          fix.diagnostics = [d];
          fix.isPreferred = !request.hpa;
          fix.command = { title: fix.title, command: 'kubewise.metrics.applyRecommendation', arguments: args(which) };
          out.push(fix);
        }
        const all = changesFor(rec, c, found.live.autoscalers, undefined, w.containers);
        if (all.length === 0) continue;
        const cpu = all.find((x) => x.field === 'requests.cpu')?.new ?? c.requests.cpu ?? '—';
        const memory = all.find((x) => x.field === 'requests.memory')?.new ?? c.requests.memory ?? '—';
        const a = new vscode.CodeAction(
          `Apply recommended resources to ${c.name} (cpu ${cpu}, memory ${memory}; ${on}${low})`,
          APPLY_RECOMMENDATION_KIND,
        );
        a.command = { title: a.title, command: 'kubewise.metrics.applyRecommendation', arguments: args() };
        out.push(a);
      }
    }
    return out;
  }
}
