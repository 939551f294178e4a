/**
 * The outline (and breadcrumbs) of a manifest: each object as `Kind name`, its containers under it; and workspace
 * symbols over every object of the index (`#` in VS Code's Quick Open).
 */
import type { WorkspaceIndexView } from '../model/workspace';
import { outline } from '../yaml/outline';
import type { OutlineObject } from '../yaml/outline';
import type { DocumentSymbol, Positions, SymbolInformation } from './types';
import { SymbolKind } from './types';

/** `cache`: one per open document (see `outline`), so that only a changed `---` document is parsed again. */
export function documentSymbols(
  text: string,
  positions: Positions,
  cache?: Map<string, OutlineObject[]>,
): DocumentSymbol[] {
  const range = (start: number, end: number) => ({
    start: positions.positionAt(start),
    end: positions.positionAt(end),
  });
  return outline(text, cache).map((o) => ({
    name: o.name ? `${o.kind} ${o.name}` : o.kind,
    kind: SymbolKind.Class,
    range: range(o.start, o.end),
    selectionRange: range(o.nameStart, o.nameEnd),
    children: o.containers.map((c) => ({
      name: c.name,
      detail: [c.init ? 'init container' : 'container', c.image].filter(Boolean).join(' · '),
      kind: SymbolKind.Field,
      range: range(c.start, c.end),
      selectionRange: range(c.start, c.end),
    })),
  }));
}

/** Objects whose `Kind name` holds the query's characters in order (as VS Code filters), at most `limit`. */
export function workspaceSymbols(index: WorkspaceIndexView, query: string, limit = 1000): SymbolInformation[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: SymbolInformation[] = [];
  for (const o of index.objects()) {
    const name = o.name ? `${o.kind} ${o.name}` : o.kind;
    if (q && !subsequence(q, name.toLowerCase())) continue;
    const line = Math.max(0, o.line);
    out.push({
      name,
      kind: SymbolKind.Class,
      location: { uri: o.uri, range: { start: { line, character: 0 }, end: { line, character: 0 } } },
      containerName: o.namespace,
    });
    if (out.length >= limit) break;
  }
  return out;
}

function subsequence(q: string, s: string): boolean {
  let i = 0;
  for (let j = 0; j < s.length && i < q.length; j++) if (s[j] === q[i]) i++;
  return i === q.length;
}
