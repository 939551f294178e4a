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

export class Workspace {
  private readonly linters = new Map<string, DocumentLinter>();
  private readonly kustomizations = new Map<string, { namespace?: string; resources: string[] }>();
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
    this.index_ = undefined;
  }

  removeFile(uri: string): void {
    if (this.linters.delete(uri) || this.kustomizations.delete(uri)) this.index_ = undefined;
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

  /** The index with `uri`'s objects replaced by `entries` (a text being fixed in passes). */
  indexWith(uri: string, entries: readonly IndexedObject[]): WorkspaceIndexView {
    const all: IndexedObject[] = [];
    for (const [u, linter] of this.linters) if (u !== uri) for (const e of linter.entries()) all.push(e);
    for (const e of entries) all.push(e);
    this.applyKustomizeNamespaces(all.filter((e): e is ObjectEntry => e instanceof ObjectEntry));
    const uris = this.linters.has(uri) ? this.uris() : [...this.uris(), uri];
    return new SimpleIndex(all, this.defaultNamespace(), uris);
  }

  /** Lints one file of the workspace against the whole workspace's index. */
  lint(uri: string, ruleSet: RuleSet): LintResult {
    const linter = this.linters.get(uri);
    if (!linter) return { diagnostics: [], failures: [] };
    return linter.lint(ruleSet, { index: this.index() });
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
