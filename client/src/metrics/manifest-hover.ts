/**
 * The hover on a container's lens line: each live pod's usage against the written requests, where the figures
 * come from (context, namespace, age; paused data says so), and the right-sizing: what is still being collected,
 * or the recommendation, what it is based on, the OOM floor and how it would move an HPA.
 */
import * as vscode from 'vscode';
import { formatCpu, formatMemory, quantityValue, percentOf } from '../../../server/src/protocol/quantity';
import { basis, collectingText, formatDuration, type Recommendation, type Rightsizing } from './recommend';
import { changeLabel, changesFor } from './resource-changes';
import { toRange, type ManifestWorkloads } from './manifest-workloads';
import type { WorkloadAutoscaler, WorkloadContainer } from '../../../server/src/protocol';

export class ManifestHover implements vscode.HoverProvider {
  constructor(private readonly source: ManifestWorkloads) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.source.metrics.latest) return undefined;
    const { workloads } = await this.source.workloads(doc);
    for (const w of workloads) {
      for (const c of w.containers) {
        if (c.anchor.start.line !== pos.line) continue;
        const found = await this.source.rightsizing(w, c);
        if (!found) return undefined;
        const { live, r } = found;
        const fresh = this.source.freshness();
        const md = new vscode.MarkdownString();
        md.appendMarkdown(
          `**${c.name}** in ${w.kind}/${live.name} · ${live.usage.pods} live pod(s) in namespace \`${live.namespace}\`` +
            `${w.namespaceFrom === 'kustomization' ? ' (from the kustomization)' : w.namespace ? '' : " (the context's)"} · **${fresh.text}**\n\n`,
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
        if (live.pods.some((p) => p.workload && !p.workload.resolved))
          md.appendMarkdown(
            `*Pods matched by their owner's generated name and ${w.kind}'s label selector: their ReplicaSet or Job could not be read (the panel says where).*\n\n`,
          );
        md.appendMarkdown(rightsizingText(r, c, live.autoscalers, w.containers));
        if (live.hpaProblem) md.appendMarkdown(`\n*HPAs in the cluster: ${live.hpaProblem}.*\n`);
        return new vscode.Hover(md, toRange(c.anchor));
      }
    }
    return undefined;
  }
}

/** The right-sizing part of the hover (Markdown). */
export function rightsizingText(
  r: Rightsizing,
  c: WorkloadContainer,
  autoscalers: readonly WorkloadAutoscaler[],
  /** The workload's containers: an HPA's `Resource` metric reads their requests added up. */
  pod?: readonly WorkloadContainer[],
): string {
  if (r.kind === 'collecting')
    return `**Not enough history yet:** ${collectingText(r)}. Kubewise offers measured values after 100 metric windows over 3 hours (docs/metrics.md).\n`;
  return recommendationText(r, c, autoscalers, pod);
}

export function recommendationText(
  rec: Recommendation,
  c?: WorkloadContainer,
  autoscalers: readonly WorkloadAutoscaler[] = [],
  pod?: readonly WorkloadContainer[],
): string {
  const s = rec.stats;
  const lines = [
    `**Usage** (${basis(rec)}): ` +
      `cpu p50 ${formatCpu(s.cpuP50)}, p95 ${formatCpu(s.cpuP95)}, max ${formatCpu(s.cpuMax)} · ` +
      `memory p50 ${formatMemory(s.memP50)}, p95 ${formatMemory(s.memP95)}, max ${formatMemory(s.memMax)}`,
    `**Recommended:** cpu request ${formatCpu(rec.cpuRequest)}, memory request and limit ${formatMemory(rec.memRequest)}` +
      (rec.confidence === 'low'
        ? ` — *low confidence* (under a day of history: ${formatDuration(rec.evidence.spanMs)})`
        : ''),
  ];
  if (rec.oomKill)
    lines.push(
      `**OOMKilled** at a ${formatMemory(rec.oomKill.memLimit)} limit${rec.oomKill.pod ? ` (${rec.oomKill.pod})` : ''}: memory is never recommended below it` +
        (rec.oomFloor !== undefined ? ` (raised to ${formatMemory(rec.oomFloor)})` : ''),
    );
  if (c) {
    const changes = changesFor(rec, c, autoscalers, undefined, pod);
    if (changes.length) lines.push(`**Apply would write:** ${changes.map(changeLabel).join(', ')}`);
    for (const ch of changes) if (ch.hpa) lines.push(`**${ch.field}:** ${ch.hpa}; Apply leaves it unticked`);
  }
  lines.push(`*${rec.method}*`);
  return lines.join('\n\n') + '\n';
}
