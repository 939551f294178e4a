/**
 * A workspace of manifests: every file's parse (cached per `---` segment), merged into one index that
 * cross-resource rules read. The language server feeds it open editors' unsaved text and files from disk; the CLI
 * feeds it the paths it was given. Files are keyed by URI or path (forward slashes); nothing here reads a disk.
 */
import { parseYamlValue } from '../yaml/parse';
import type { IndexedObject, WorkspaceIndexView } from '../model/workspace';
import { SimpleIndex } from '../model/workspace';
import { ObjectEntry } from './indexer';
import { DocumentLinter, drain } from './document-linter';
import type { LintOptions } from './document-linter';
import type { RuleSet } from './rule-set';
import type { LintResult } from './types';
import { dirOf, Units } from './units';
import { podLabelsOf, podOwnersIn, serviceSelectorOf } from '../model/relations';
import { matchesMapSelector } from '../model/selector';

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
const CHART = /(^|\/)Chart\.ya?ml$/;
const README = /(^|\/)readme(\.[a-z]+)?$/i;

/**
 * The units of a workspace's objects and files, as numbers: a unit's scoped index (`indexFor`) keeps the objects
 * and files whose unit it sees, in the order of the whole index. Valid for one index and one `Units`.
 */
interface UnitTable {
  index: WorkspaceIndexView;
  unitsOf: Units;
  /** Every unit met (undefined: files in no unit), by number. */
  units: Array<string | undefined>;
  objects: readonly IndexedObject[];
  /** The number of each object's unit. */
  objectUnit: Int32Array;
  files: readonly string[];
  fileUnit: Int32Array;
}

export class Workspace {
  private readonly linters = new Map<string, DocumentLinter>();
  private readonly kustomizations = new Map<string, { namespace?: string; resources: string[] }>();
  /** Chart.yaml files seen: each one's folder is a deployment root, as a kustomization's is. */
  private readonly charts = new Set<string>();
  /** Folders holding a README (as the host found them): an app's folder, when no README folder with manifests lies below. */
  private readonly readmes = new Set<string>();
  /** Per unit folder, the index its files see (built lazily; see `unitOf`). */
  private scoped = new Map<string, SimpleIndex>();
  private previousScoped = new Map<string, SimpleIndex>();
  private units: Units | undefined;
  private index_: SimpleIndex | undefined;
  private unitTable: UnitTable | undefined;
  /** The last index built, whose unchanged lists the next one takes over (cheap cache validation). */
  private previous: SimpleIndex | undefined;

  constructor(private readonly defaultNamespace: () => string = () => 'default') {}

  /** Adds or replaces a file's text. Only the changed segments are parsed again. */
  setFile(uri: string, text: string): void {
    drain(this.setFileSteps(uri, text));
  }

  /** `setFile` in steps (see `DocumentLinter.updateSteps`): the text takes effect when the last step is done. */
  *setFileSteps(uri: string, text: string): Generator<void, void> {
    let linter = this.linters.get(uri);
    const added = !linter;
    // in the map at once (with no objects until its text takes effect), so that a stopped update keeps its parses
    if (!linter) this.linters.set(uri, (linter = new DocumentLinter(uri, this.defaultNamespace)));
    const before = added ? undefined : linter.entries();
    yield* linter.updateSteps(text, uri);
    if (this.linters.get(uri) !== linter) return; // removed while it paused
    if (KUSTOMIZATION.test(uri)) this.readKustomization(uri, text);
    if (CHART.test(uri)) this.charts.add(uri);
    // Units depend on the files and on which folders define a Namespace: rebuilt only when those may have changed.
    this.invalidate(before !== linter.entries() || KUSTOMIZATION.test(uri) || CHART.test(uri));
  }

  /**
   * Adds a file parsed before this workspace was made: a `DocumentLinter` that holds the file's text, or a
   * `ForeignFile` (parsed on another thread: in the index, not linted here). `kustomization` is the text of a
   * kustomization file, whose `namespace:` and `resources` the index applies. Files enter the index in the order
   * they are added, as with `setFile`.
   */
  addParsed(uri: string, linter: DocumentLinter, kustomization?: string): void {
    this.linters.set(uri, linter);
    if (KUSTOMIZATION.test(uri) && kustomization !== undefined) this.readKustomization(uri, kustomization);
    if (CHART.test(uri)) this.charts.add(uri);
    this.invalidate(true);
  }

  /**
   * A README (`README`, `README.md`, any case) the host found beside the manifests: its folder is one app, whose
   * files see each other but not those of a sibling app (see docs/cli.md, "How the workspace is scoped").
   */
  addReadme(uri: string): void {
    const dir = dirOf(uri);
    if (this.readmes.has(dir)) return;
    this.readmes.add(dir);
    this.invalidate(true);
  }

  removeFile(uri: string): void {
    const chart = this.charts.delete(uri);
    const readme = README.test(uri) && this.readmes.delete(dirOf(uri));
    if (this.linters.delete(uri) || this.kustomizations.delete(uri) || chart || readme) this.invalidate(true);
  }

  private invalidate(units: boolean): void {
    this.index_ = undefined;
    if (units) this.units = undefined;
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

  /** The files whose objects the index holds: a template skipped for its `{{ }}` placeholders was not searched. */
  private searched(): string[] {
    const out: string[] = [];
    for (const [uri, linter] of this.linters) if (!linter.isHelm) out.push(uri);
    return out;
  }

  /** The merged index (rebuilt lazily after a change: a concatenation of every file's cached entries). */
  index(): WorkspaceIndexView {
    if (!this.index_) {
      const all: ObjectEntry[] = [];
      for (const linter of this.linters.values()) for (const e of linter.entries()) all.push(e);
      this.applyKustomizeNamespaces(all);
      this.index_ = new SimpleIndex(all, this.defaultNamespace(), this.searched(), this.previous);
      this.previous = this.index_;
    }
    return this.index_;
  }

  /** The index with `uri`'s objects replaced by `entries` (a text being fixed in passes), as `uri`'s unit sees it. */
  indexWith(uri: string, entries: readonly IndexedObject[]): WorkspaceIndexView {
    const all: IndexedObject[] = [];
    for (const [u, linter] of this.linters) if (u !== uri) for (const e of linter.entries()) all.push(e);
    for (const e of entries) all.push(e);
    this.applyKustomizeNamespaces(all.filter((e): e is ObjectEntry => e instanceof ObjectEntry));
    const uris = this.linters.has(uri) ? this.searched() : [...this.searched(), uri];
    const units = this.unitsNow();
    const unit = units.unitOf(uri);
    if (unit === undefined) return new SimpleIndex(all, this.defaultNamespace(), uris);
    const seen = (u: string): boolean => units.visible(unit, u);
    return new SimpleIndex(
      all.filter((o) => seen(o.uri)),
      this.defaultNamespace(),
      uris.filter(seen),
    );
  }

  /**
   * The index one file's cross-resource rules see: the objects of its unit (its deployment root's scope, its app
   * folder), of the units inside it and of the folders above it, never those of a sibling unit. So linting one
   * app's folder alone gives the findings it gets beside its siblings. See `Units` and docs/cli.md.
   */
  indexFor(uri: string): WorkspaceIndexView {
    const units = this.unitsNow();
    const unit = units.unitOf(uri);
    if (unit === undefined) return this.index();
    let index = this.scoped.get(unit);
    if (!index) {
      // one visibility check per unit, not per object: with a unit per app folder, checking every object for every
      // unit grew with the square of the tree (3,000 files: a third of `kubewise lint`'s time)
      const table = this.unitTableNow(units);
      const sees = table.units.map((other) => units.sees(unit, other));
      const all = table.objects.filter((_, i) => sees[table.objectUnit[i]]);
      const files = table.files.filter((_, i) => sees[table.fileUnit[i]]);
      index = new SimpleIndex(all, this.defaultNamespace(), files, this.previousScoped.get(unit));
      this.scoped.set(unit, index);
    }
    return index;
  }

  /** Lints one file of the workspace against the index of its unit (`once`: see `LintOptions`). */
  lint(uri: string, ruleSet: RuleSet, options: Pick<LintOptions, 'once' | 'fixTexts'> = {}): LintResult {
    return drain(this.lintSteps(uri, ruleSet, options));
  }

  /** `lint` in steps (see `DocumentLinter.lintSteps`). */
  *lintSteps(
    uri: string,
    ruleSet: RuleSet,
    options: Pick<LintOptions, 'once' | 'fixTexts'> = {},
  ): Generator<void, LintResult> {
    const linter = this.linters.get(uri);
    if (!linter) return { diagnostics: [], failures: [] };
    return yield* linter.lintSteps(ruleSet, {
      index: this.indexFor(uri),
      once: options.once,
      fixTexts: options.fixTexts,
    });
  }

  /** The unit of every object of the index and of every searched file, numbered (see `UnitTable`). */
  private unitTableNow(units: Units): UnitTable {
    const index = this.index();
    if (this.unitTable?.index === index && this.unitTable.unitsOf === units) return this.unitTable;
    const ids = new Map<string | undefined, number>();
    const names: Array<string | undefined> = [];
    const idOf = (uri: string): number => {
      const unit = units.unitOf(uri);
      let id = ids.get(unit);
      if (id === undefined) {
        ids.set(unit, (id = names.length));
        names.push(unit);
      }
      return id;
    };
    const objects = index.objects();
    const files = this.searched();
    this.unitTable = {
      index,
      unitsOf: units,
      units: names,
      objects,
      objectUnit: Int32Array.from(objects, (o) => idOf(o.uri)),
      files,
      fileUnit: Int32Array.from(files, idOf),
    };
    return this.unitTable;
  }

  private unitsNow(): Units {
    if (!this.units) {
      const namespaceFolders = new Set<string>();
      for (const [uri, linter] of this.linters) {
        const entries = linter.entries();
        // A folder that defines a Namespace and objects in it is that namespace's app (a bare namespaces/ folder is not).
        if (entries.some((e) => e.kind === 'Namespace') && entries.some((e) => e.kind !== 'Namespace')) {
          namespaceFolders.add(dirOf(uri));
        }
      }
      const roots = new Set<string>([...this.kustomizations.keys(), ...this.charts].map(dirOf));
      this.units = new Units(this.uris(), roots, this.readmes, namespaceFolders, this.kustomizations, this.charts);
      this.linkAddOns(this.units);
    }
    return this.units;
  }

  /**
   * A unit that runs no pods (no workload nor Pod it sees) but holds a Service with a selector is an add-on to the
   * app deployed from elsewhere that those pods belong to (a folder adding an Ingress and a Service in front of an
   * app, applied once the app runs): it sees the units whose pods its Services select. Units that run pods are never
   * extended, so two unrelated apps with the same labels stay apart.
   */
  private linkAddOns(units: Units): void {
    const index = this.index();
    const owners = podOwnersIn(index, undefined);
    const runsPods = new Map<string, boolean>();
    for (const service of index.objects('Service')) {
      const unit = units.unitOf(service.uri);
      if (unit === undefined) continue;
      let runs = runsPods.get(unit);
      if (runs === undefined) runsPods.set(unit, (runs = owners.some((o) => units.visible(unit, o.uri))));
      if (runs) continue;
      const selector = serviceSelectorOf(service);
      if (selector.size === 0) continue;
      for (const o of owners) {
        const labels = podLabelsOf(o);
        if (o.namespace !== service.namespace || !labels || !matchesMapSelector(selector, labels)) continue;
        const target = units.unitOf(o.uri);
        if (target !== undefined) units.extend(unit, target);
      }
    }
  }

  private readKustomization(uri: string, text: string): void {
    try {
      const k = parseYamlValue(text) as {
        namespace?: unknown;
        resources?: unknown;
        bases?: unknown;
        components?: unknown;
      } | null;
      // what it builds from: resources, the older `bases:`, and the Components it includes
      const resources = [k?.resources, k?.bases, k?.components].flatMap((list) =>
        Array.isArray(list) ? list.filter((r): r is string => typeof r === 'string') : [],
      );
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
    if (rules.length === 0) {
      // no kustomization sets a namespace (a plain tree, a big file): nothing to match, per entry
      for (let i = 0; i < entries.length; i++) entries[i].namespaceOverride = undefined;
      return;
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
