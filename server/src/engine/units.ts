/**
 * Which files of a workspace are deployed together. A repository often holds several apps that never run together
 * (a folder of examples, a chart beside an overlay), so cross-resource rules must not match one app's Service with
 * another app's pods. People mark an app's folder in a few ways, and each is a **unit** here:
 * - a deployment root: a folder with a kustomization or a Chart.yaml (roots that a kustomization's `resources`
 *   joins, and a chart with its subcharts, are one unit);
 * - a folder with a README that holds manifests itself, or whose subfolders do and hold no README with manifests
 *   (a README above other README folders and no manifest of its own describes a collection, as a repository's top
 *   README does); a chart or an overlay inside it is part of that app;
 * - a folder that defines a Namespace together with objects (the app and its namespace).
 * A folder above a unit holds a collection: each of its other subfolders is an app of its own, and a file lying
 * directly in it is shared: it sees, and is seen by, every unit below it. Otherwise a file sees its own unit only,
 * never a sibling unit nor one nested in its own. When nothing is marked, the workspace is one unit (a repository laid
 * out by kind: deployments/, services/ …). A unit that runs no pods of its own but puts Services in front of pods
 * deployed from elsewhere is an add-on to those units (`extend`): it sees them, they do not see it. Paths are URIs or
 * slash-separated paths; nothing here reads a disk.
 */
export class Units {
  private readonly marked: ReadonlySet<string>;
  private readonly collections = new Set<string>();
  private readonly units = new Map<string, string | undefined>();
  private readonly parent = new Map<string, string>();
  /** Add-on unit → the units whose objects it refers to (see `extend`). */
  private readonly extended = new Map<string, Set<string>>();

  constructor(
    uris: readonly string[],
    roots: ReadonlySet<string>,
    readmes: ReadonlySet<string>,
    namespaceFolders: ReadonlySet<string>,
    kustomizations: ReadonlyMap<string, { resources: readonly string[] }>,
    charts: ReadonlySet<string>,
  ) {
    const files = new Set(uris);
    const holdsManifests = new Set<string>();
    for (const u of uris)
      for (let d: string | undefined = dirOf(u); d !== undefined; d = parentOf(d)) holdsManifests.add(d);
    const direct = new Set(uris.map(dirOf));
    const withManifests = [...readmes].filter((r) => holdsManifests.has(r));
    const outer = new Set<string>();
    for (const r of withManifests) for (let p = parentOf(r); p !== undefined; p = parentOf(p)) outer.add(p);
    const apps = withManifests.filter((r) => direct.has(r) || !outer.has(r));
    this.marked = new Set([...roots, ...apps, ...namespaceFolders]);
    for (const m of this.marked) {
      for (let p = parentOf(m); p !== undefined; p = parentOf(p)) if (!this.marked.has(p)) this.collections.add(p);
    }
    // A chart or an overlay inside a README app folder is part of that app.
    const appSet = new Set(apps);
    for (const m of this.marked) {
      if (appSet.has(m)) continue;
      for (let p = parentOf(m); p !== undefined; p = parentOf(p)) {
        if (!this.marked.has(p)) continue;
        if (appSet.has(p)) this.join(m, p);
        break;
      }
    }
    // An overlay and the bases it lists, an umbrella kustomization and its apps: one unit.
    for (const [uri, k] of kustomizations) {
      for (const r of k.resources) {
        const target = files.has(r) ? this.unitOf(r) : this.unitOf(`${r}/-`);
        const own = this.unitOf(uri);
        if (target !== undefined && own !== undefined) this.join(own, target);
      }
    }
    // A subchart (`<chart>/charts/<sub>/Chart.yaml`) is rendered by its parent chart.
    for (const c of charts) {
      const charts = parentOf(dirOf(c));
      if (charts === undefined || !charts.endsWith('/charts')) continue;
      const sub = this.unitOf(c);
      const outerChart = this.unitOf(charts);
      if (sub !== undefined && outerChart !== undefined) this.join(sub, outerChart);
    }
  }

  /** The unit folder of a file; undefined when the workspace marks no unit above it (it sees everything). */
  unitOf(uri: string): string | undefined {
    if (this.units.has(uri)) return this.units.get(uri);
    const unit = this.find(uri);
    this.units.set(uri, unit);
    return unit;
  }

  /**
   * Whether a file of `unit` sees the objects of the file `uri`: same unit, or one of them lies directly in a folder
   * that holds a collection of apps, above the other (a StorageClass shared by the apps below it).
   */
  visible(unit: string, uri: string): boolean {
    return this.sees(unit, this.unitOf(uri));
  }

  /** Whether a file of `unit` sees the objects of the files of unit `other` (undefined: in no unit), as `visible`. */
  sees(unit: string, other: string | undefined): boolean {
    if (other === undefined || other === unit || this.rep(other) === this.rep(unit)) return true;
    if (this.extended.get(this.rep(unit))?.has(this.rep(other))) return true;
    return (this.collections.has(other) && within(unit, other)) || (this.collections.has(unit) && within(other, unit));
  }

  /**
   * Makes `addOn` see the objects of `target`'s unit, one way: a folder that runs no pods of its own but adds a
   * Service (and an Ingress, a certificate) in front of an app deployed from elsewhere only makes sense with that app,
   * while the app's own findings stay those it gets alone. Not transitive: two apps that one add-on refers to still
   * do not see each other.
   */
  extend(addOn: string, target: string): void {
    const from = this.rep(addOn);
    const to = this.rep(target);
    if (from === to) return;
    let set = this.extended.get(from);
    if (!set) this.extended.set(from, (set = new Set()));
    set.add(to);
  }

  private find(uri: string): string | undefined {
    const dir = dirOf(uri);
    for (let p: string | undefined = dir; p !== undefined; p = parentOf(p)) if (this.marked.has(p)) return p;
    if (this.collections.has(dir)) return dir;
    let child = dir;
    for (let p = parentOf(dir); p !== undefined; child = p, p = parentOf(p)) if (this.collections.has(p)) return child;
    return undefined;
  }

  private rep(unit: string): string {
    let x = unit;
    for (let next = this.parent.get(x); next !== undefined && next !== x; next = this.parent.get(x)) x = next;
    return x;
  }

  private join(a: string, b: string): void {
    const ra = this.rep(a);
    const rb = this.rep(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/** The folder of a file or folder path ('' for a top-level name). */
export function dirOf(uri: string): string {
  return uri.slice(0, Math.max(uri.lastIndexOf('/'), 0));
}

function parentOf(dir: string): string | undefined {
  return dir === '' ? undefined : dirOf(dir);
}

/** Whether `dir` is `folder` or lies below it. */
function within(dir: string, folder: string): boolean {
  return folder === '' || dir === folder || dir.startsWith(folder + '/');
}
