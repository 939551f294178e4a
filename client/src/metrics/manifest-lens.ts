/**
 * The CodeLens above each container's `resources:` (or its `name:`): live usage against the written requests, the
 * context and the data's age (paused data says so), and the right-sizing state: what is still being collected, or
 * the recommendation and what it is based on.
 */
import * as vscode from 'vscode';
import { basis, collectingText } from './recommend';
import { formatCpu, formatMemory } from '../../../server/src/protocol/quantity';
import { toRange, type ManifestWorkloads } from './manifest-workloads';
import { usageTitle } from './workload-usage';

/** While the data is not kept current the lens's age grows without refreshes: re-render it this often. */
const PAUSED_TICK_MS = 60_000;

export class ManifestLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly source: ManifestWorkloads) {
    this.timer = setInterval(() => {
      if (source.metrics.latest && source.freshness().paused) this.changed.fire();
    }, PAUSED_TICK_MS);
  }

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.source.metrics.latest) return [];
    const { workloads } = await this.source.workloads(doc);
    const out: vscode.CodeLens[] = [];
    const fresh = this.source.freshness();
    for (const w of workloads) {
      for (const c of w.containers) {
        // One container's failure never drops the lenses of the others.
        try {
          const found = await this.source.rightsizing(w, c);
          if (!found) continue;
          const { live, r } = found;
          const state =
            r.kind === 'collecting'
              ? collectingText(r)
              : `recommended cpu ${formatCpu(r.cpuRequest)}, memory ${formatMemory(r.memRequest)}${r.confidence === 'low' ? ' (low confidence)' : ''}`;
          const where = `${w.kind}/${live.name} in ${live.namespace}`;
          out.push(
            new vscode.CodeLens(toRange(c.anchor), {
              title: `${fresh.paused ? '$(debug-pause) ' : ''}${usageTitle(live.usage, c)} · ${fresh.text}`,
              tooltip: `Usage of ${c.name} in ${where} (${fresh.text}) against the requests written here`,
              command: 'kubewise.metrics.focus',
            }),
            new vscode.CodeLens(toRange(c.anchor), {
              title: r.kind === 'collecting' ? `$(watch) ${state}` : `$(lightbulb) ${state}`,
              tooltip:
                r.kind === 'collecting'
                  ? `Kubewise offers measured values after enough history (docs/metrics.md). ${basis(r)}.`
                  : `${basis(r)}. ${r.method}`,
              command: 'kubewise.metrics.focus',
            }),
          );
        } catch (e) {
          this.source.log.warn(
            `CodeLens for ${c.name} in ${w.kind}/${w.name}: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
    }
    return out;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.changed.dispose();
  }
}
