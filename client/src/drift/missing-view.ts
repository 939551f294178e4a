/**
 * "Not in the Cluster": a view in the Kubewise side bar, under Cluster Metrics, listing the objects of the workspace
 * that the chosen context does not have, by namespace. The namespaces are those the workspace's objects land in,
 * narrowed with "Choose Namespaces" (remembered per workspace). Read with one list per kind and namespace (a get each
 * for a few objects), only while the view is visible, on Refresh, and after a save; the context's name is in the
 * view's description. Each entry opens its manifest at the object.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceObjectRef } from '../../../server/src/protocol';
import { WorkspaceObjectsRequest } from '../../../server/src/protocol/requests';
import type { MetricsController } from '../metrics/controller';
import { MetricsError } from '../metrics/problems';
import { ConnectionClusterAccess } from './connection-access';
import { notInCluster, objectsIn } from './missing';

export const MISSING_VIEW_ID = 'kubewise.drift.missing';
const NAMESPACES_KEY = 'kubewise.drift.namespaces';

type Node =
  | { readonly kind: 'namespace'; readonly namespace: string; readonly objects: readonly WorkspaceObjectRef[] }
  | { readonly kind: 'object'; readonly object: WorkspaceObjectRef }
  | { readonly kind: 'note'; readonly text: string; readonly detail?: string };

export class MissingObjectsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private roots: Node[] = [];
  private running: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly metrics: MetricsController,
    private readonly enabled: () => string | undefined,
    private readonly listThreshold: () => number,
  ) {
    this.view = vscode.window.createTreeView(MISSING_VIEW_ID, { treeDataProvider: this });
    this.disposables.push(
      this.view,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) void this.refresh();
      }),
      vscode.workspace.onDidSaveTextDocument(() => {
        if (this.view.visible) void this.refresh();
      }),
    );
  }

  get visible(): boolean {
    return this.view.visible;
  }

  get namespaces(): string[] {
    return this.context.workspaceState.get<string[]>(NAMESPACES_KEY, []);
  }

  /** The entries shown, as text (the extension's tests). */
  get shown(): string[] {
    return this.roots.flatMap((r) =>
      r.kind === 'namespace'
        ? r.objects.map((o) => `${r.namespace}/${o.kind}/${o.name}`)
        : r.kind === 'note'
          ? [r.text]
          : [],
    );
  }

  private async workspaceObjects(): Promise<readonly WorkspaceObjectRef[]> {
    if (!this.client.isRunning()) return [];
    const r = await this.client.sendRequest(WorkspaceObjectsRequest);
    return r.objects;
  }

  async chooseNamespaces(): Promise<void> {
    const objects = await this.workspaceObjects();
    let contextNamespace = 'default';
    try {
      contextNamespace = this.metrics.connect().namespace;
    } catch {
      // no context: the written namespaces alone
    }
    const all = [...new Set(objects.map((o) => o.namespace ?? contextNamespace))].sort();
    const chosen = new Set(this.namespaces);
    const picks = await vscode.window.showQuickPick(
      all.map((n) => ({ label: n, picked: chosen.size === 0 || chosen.has(n) })),
      { canPickMany: true, title: 'Kubewise: namespaces to check for objects not in the cluster' },
    );
    if (!picks) return;
    await this.context.workspaceState.update(
      NAMESPACES_KEY,
      picks.length === all.length ? [] : picks.map((p) => p.label),
    );
    await this.refresh();
  }

  async refresh(): Promise<void> {
    this.running?.abort();
    const ctl = new AbortController();
    this.running = ctl;
    const off = this.enabled();
    if (off) {
      this.show([{ kind: 'note', text: `Drift is off: ${off}.` }], undefined);
      return;
    }
    try {
      const connection = this.metrics.connect();
      const access = new ConnectionClusterAccess(connection);
      const objects = objectsIn(await this.workspaceObjects(), this.namespaces, access.namespace);
      const { missing, problems } = await notInCluster(access, objects, this.listThreshold(), ctl.signal);
      if (ctl.signal.aborted) return;
      const byNs = new Map<string, WorkspaceObjectRef[]>();
      for (const o of missing) {
        const ns = o.namespace ?? access.namespace;
        byNs.set(ns, [...(byNs.get(ns) ?? []), o]);
      }
      const roots: Node[] = [...byNs.keys()].sort().map((namespace) => ({
        kind: 'namespace' as const,
        namespace,
        objects: byNs.get(namespace)!,
      }));
      for (const p of problems) roots.push({ kind: 'note', text: p });
      if (!roots.length) roots.push({ kind: 'note', text: `Every object of ${objects.length} is in the cluster.` });
      this.show(roots, access.context);
    } catch (e) {
      if (ctl.signal.aborted) return;
      const p = e instanceof MetricsError ? e.problem : undefined;
      this.show([{ kind: 'note', text: p?.title ?? String(e), ...(p ? { detail: p.next } : {}) }], undefined);
    }
  }

  private show(roots: Node[], context: string | undefined): void {
    this.roots = roots;
    this.view.description = context;
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots;
    return node.kind === 'namespace' ? node.objects.map((object) => ({ kind: 'object' as const, object })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'namespace') {
      const item = new vscode.TreeItem(node.namespace, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.objects.length} not in the cluster`;
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      return item;
    }
    if (node.kind === 'note') {
      const item = new vscode.TreeItem(node.text);
      if (node.detail) item.tooltip = node.detail;
      return item;
    }
    const o = node.object;
    const item = new vscode.TreeItem(`${o.kind} ${o.name}`);
    const uri = vscode.Uri.parse(o.uri);
    item.description = vscode.workspace.asRelativePath(uri);
    item.iconPath = new vscode.ThemeIcon('circle-slash');
    item.command = {
      title: 'Open',
      command: 'vscode.open',
      arguments: [uri, { selection: new vscode.Range(o.line, 0, o.line, 0) }],
    };
    return item;
  }

  dispose(): void {
    this.running?.abort();
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
