/**
 * A workspace of manifests: every file's parse (cached per `---` segment), merged into one index that
 * cross-resource rules read. The language server feeds it open editors' unsaved text and files from disk; the CLI
 * feeds it the paths it was given. Files are keyed by URI or path (forward slashes); nothing here reads a disk.
 */
import { parseYamlValue } from '../yaml/parse';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { SimpleIndex } from '../model/workspace';
import { ObjectEntry } from './indexer';
import { DocumentLinter } from './document-linter';
import type { RuleSet } from './rule-set';
import type { LintResult } from './types';

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
const CHART = /(^|\/)Chart\.ya?ml$/;

export class Workspace {
  private readonly linters = new Map<string, DocumentLinter>();
  private readonly kustomizations = new Map<string, { namespace?: string; resources: string[] }>();
  /** Chart.yaml files seen: each one's folder is a deployment root, as a kustomization's is. */
  private readonly charts = new Set<string>();
  /** Per deployment scope, the index its files see (built lazily; see `scopeOf`). */
  private scoped = new Map<string, SimpleIndex>();
  private previousScoped = new Map<string, SimpleIndex>();
  private scopes: Map<string, string> | undefined;
  private index_: SimpleIndex | undefined;
  /** The last index built, whose unchanged lists the next one takes over (cheap cache validation). */
  private previous: SimpleIndex | undefined;

  constructor(private readonly defaultNamespace: () => string = () => 'default') {}

  /** Adds or replaces a file's text. Only the changed segments are parsed again. */
  setFile(uri: string, text: string): void {
    let linter = this.linters.get(uri);
    if (!linter) this.linters.set(uri, (linter = new DocumentLinter(uri, this.defaultNamespace)));
    linter.update(text, uri);
    if (KUSTOMIZATION.test(uri)) this.readKustomization(uri, text);
    if (CHART.test(uri)) this.charts.add(uri);
    this.invalidate();
  }

  removeFile(uri: string): void {
    const chart = this.charts.delete(uri);
    if (this.linters.delete(uri) || this.kustomizations.delete(uri) || chart) this.invalidate();
  }

  private invalidate(): void {
    this.index_ = undefined;
    this.scopes = undefined;
    if (this.scoped.size) this.previousScoped = this.scoped;
    this.scoped = new Map();
  }

  /** The current index entries of one file (the same array until its objects change). */
  entriesOf(uri: string): readonly ObjectEntry[] | undefined {
    return this.linters.get(uri)?.entries();
  }

  has(uri: string): boolean {
    return this.linters.has(uri);
  }

  uris(): string[] {
    return [...this.linters.keys()];
  }

  /** The merged index (rebuilt lazily after a change: a concatenation of every file's cached entries). */
  index(): WorkspaceIndexView {
    if (!this.index_) {
      const all: ObjectEntry[] = [];
      for (const linter of this.linters.values()) for (const e of linter.entries()) all.push(e);
      this.applyKustomizeNamespaces(all);
      this.index_ = new SimpleIndex(all, this.defaultNamespace(), this.uris(), this.previous);
      this.previous = this.index_;
    }
    return this.index_;
  }

  /** The index with `uri`'s objects replaced by `entries` (a text being fixed in passes), as `uri`'s scope sees it. */
  indexWith(uri: string, entries: readonly IndexedObject[]): WorkspaceIndexView {
    const all: IndexedObject[] = [];
    for (const [u, linter] of this.linters) if (u !== uri) for (const e of linter.entries()) all.push(e);
    for (const e of entries) all.push(e);
    this.applyKustomizeNamespaces(all.filter((e): e is ObjectEntry => e instanceof ObjectEntry));
    const uris = this.linters.has(uri) ? this.uris() : [...this.uris(), uri];
    const scope = this.scopeOf(uri);
    if (scope === undefined) return new SimpleIndex(all, this.defaultNamespace(), uris);
    const seen = (u: string): boolean => this.visible(scope, u);
    return new SimpleIndex(
      all.filter((o) => seen(o.uri)),
      this.defaultNamespace(),
      uris.filter(seen),
    );
  }

  /**
   * The index one file's cross-resource rules see. Folders holding a kustomization or a Chart.yaml are deployment
   * roots; a file belongs to its nearest root, and roots that reference each other through `resources` (an overlay
   * and its base, an umbrella kustomization and its apps) form one scope. A file in a scope sees that scope and the
   * files under no root; a file under no root sees everything. So two sibling apps are never matched together.
   */
  indexFor(uri: string): WorkspaceIndexView {
    const scope = this.scopeOf(uri);
    if (scope === undefined) return this.index();
    let index = this.scoped.get(scope);
    if (!index) {
      const all = this.index()
        .objects()
        .filter((o) => this.visible(scope, o.uri));
      const files = this.uris().filter((u) => this.visible(scope, u));
      index = new SimpleIndex(all, this.defaultNamespace(), files, this.previousScoped.get(scope));
      this.scoped.set(scope, index);
    }
    return index;
  }

  /** Lints one file of the workspace against the index of its deployment scope. */
  lint(uri: string, ruleSet: RuleSet): LintResult {
    const linter = this.linters.get(uri);
    if (!linter) return { diagnostics: [], failures: [] };
    return linter.lint(ruleSet, { index: this.indexFor(uri) });
  }

  private visible(scope: string, uri: string): boolean {
    const other = this.scopeOf(uri);
    return other === undefined || other === scope;
  }

  /** The deployment scope of a file: the representative root of its nearest root's group, or undefined. */
  private scopeOf(uri: string): string | undefined {
    const scopes = (this.scopes ??= this.buildScopes());
    if (scopes.size === 0) return undefined;
    const root = nearestRoot(uri.slice(0, Math.max(uri.lastIndexOf('/'), 0)), scopes);
    return root === undefined ? undefined : scopes.get(root);
  }

  /** Root folder → representative root folder of its group (union-find over kustomization `resources`). */
  private buildScopes(): Map<string, string> {
    const parent = new Map<string, string>();
    const dir = (u: string): string => u.slice(0, u.lastIndexOf('/'));
    for (const k of this.kustomizations.keys()) parent.set(dir(k), dir(k));
    for (const c of this.charts) parent.set(dir(c), dir(c));
    const find = (x: string): string => {
      while (parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    for (const [uri, k] of this.kustomizations) {
      for (const r of k.resources) {
        const target = nearestRoot(r, parent);
        if (target === undefined) continue;
        const a = find(dir(uri));
        const b = find(target);
        if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
      }
    }
    // A subchart (`<chart>/charts/<sub>/Chart.yaml`) is rendered by its parent chart: one scope.
    for (const c of this.charts) {
      const sub = dir(c);
      const charts = dir(sub);
      if (!charts.endsWith('/charts')) continue;
      const outer = nearestRoot(dir(charts), parent);
      if (outer === undefined) continue;
      const a = find(sub);
      const b = find(outer);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
    const out = new Map<string, string>();
    for (const root of parent.keys()) out.set(root, find(root));
    return out;
  }

  private readKustomization(uri: string, text: string): void {
    try {
      const k = parseYamlValue(text) as { namespace?: unknown; resources?: unknown } | null;
      const resources = Array.isArray(k?.resources)
        ? k.resources.filter((r): r is string => typeof r === 'string')
        : [];
      const base = uri.slice(0, uri.lastIndexOf('/') + 1);
      this.kustomizations.set(uri, {
        namespace: typeof k?.namespace === 'string' ? k.namespace : undefined,
        resources: resources.map((r) => normalisePath(base + r)),
      });
    } catch {
      this.kustomizations.delete(uri);
    }
  }

  /**
   * A kustomization's `namespace:` applies to the objects of the files it lists (kustomize sets it on every
   * resource), so the folder is one unit: objects there land in that namespace unless they name their own.
   */
  private applyKustomizeNamespaces(entries: ObjectEntry[]): void {
    const rules: Array<{ prefix: string; namespace: string }> = [];
    for (const k of this.kustomizations.values()) {
      if (!k.namespace) continue;
      for (const r of k.resources) rules.push({ prefix: r, namespace: k.namespace });
    }
    for (const e of entries) {
      const rule = rules.find(
        (r) => e.uri === r.prefix || e.uri.startsWith(r.prefix.endsWith('/') ? r.prefix : r.prefix + '/'),
      );
      e.namespaceOverride = rule?.namespace;
    }
  }
}

/** The deepest folder of `roots` that is `path` itself or one of its ancestors. */
function nearestRoot(path: string, roots: ReadonlyMap<string, string>): string | undefined {
  for (let p = path; p; p = p.slice(0, Math.max(p.lastIndexOf('/'), 0))) {
    if (roots.has(p)) return p;
    if (!p.includes('/')) break;
  }
  return undefined;
}

/** Resolves `.` and `..` segments of a slash-separated path or URI. */
export function normalisePath(p: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)?(.*)$/i.exec(p)!;
  const prefix = m[1] ?? '';
  const out: string[] = [];
  for (const part of m[2].split('/')) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..' && out.length > 1) out.pop();
    else out.push(part);
  }
  return prefix + out.join('/').replace(/\/$/, '');
}
