/**
 * The workspace as the language server sees it: every Kubernetes manifest of the workspace folders (read from disk
 * at start, kept current from file events) with the unsaved text of open editors laid over it, in one engine
 * `Workspace` whose index cross-resource rules read. Paths under `node_modules`, `.git` and the folder's
 * `.gitignore` are skipped; `kubewise.files.include` / `exclude` and `kubewise.ignorePaths` choose the rest.
 */
import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUriToPath } from './paths';
import picomatch from 'picomatch';
import { drain, Workspace } from '../engine';

export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml'];
/** Files larger than this are not indexed from disk (generated bundles); an open editor is always linted. */
export const MAX_INDEXED_FILE_BYTES = 2 * 1024 * 1024;
/** A workspace with more manifests than this is indexed up to the limit, with a message. */
export const MAX_INDEXED_FILES = 20_000;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
/** A README marks its folder as one app's (see docs/cli.md, "How the workspace is scoped"). */
const README_NAME = /^readme(\.[a-z]+)?$/i;

/** `kubewise.files`: `{include, exclude}` globs (a plain list is taken as `include`). */
export function fileGlobs(raw: unknown): { include: string[]; exclude: string[] } {
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  if (Array.isArray(raw)) return { include: strings(raw), exclude: [] };
  const r = (raw ?? {}) as { include?: unknown; exclude?: unknown };
  const include = strings(r.include);
  return { include: include.length ? include : DEFAULT_INCLUDE, exclude: strings(r.exclude) };
}

export interface FileSelection {
  include: string[];
  exclude: string[];
  ignorePaths: string[];
}

export interface Progress {
  report(done: number, total: number): void;
  done(): void;
}

export interface WorkspaceFilesHost {
  /** Which files of a folder to index (from the folder's settings). */
  selection(folderUri: string): Promise<FileSelection>;
  /** Starts a progress indicator (a no-op where the client has none). */
  progress(title: string): Promise<Progress>;
  log(message: string): void;
}

export class WorkspaceFiles {
  readonly workspace = new Workspace();
  private readonly open = new Set<string>();
  /** The documents read from disk into the workspace (not open editors, not CRD files the settings name). */
  private readonly fromDisk = new Set<string>();
  private readonly matchers = new Map<string, { folder: string; match: (rel: string) => boolean }>();
  private scanning: Promise<void> | undefined;
  /** Bumped whenever the workspace's objects may have changed (cached lint results are then stale). */
  version = 0;

  constructor(private readonly host: WorkspaceFilesHost) {}

  /**
   * Reads every manifest of the folders (again). Open documents keep their editor text; a file read before that is
   * no longer among them (its folder was removed from the workspace) leaves the index. Resolves to whether the
   * workspace's objects changed.
   */
  scan(folderUris: readonly string[]): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      let changed = false;
      const started = Date.now();
      const found: string[] = [];
      this.matchers.clear();
      for (const folder of folderUris) {
        const root = fileUriToPath(folder);
        if (!root) continue;
        const selection = await this.host.selection(folder);
        const gitignore = await readGitignore(root);
        const include = compile(selection.include.length ? selection.include : DEFAULT_INCLUDE);
        const excluded = compile([...selection.exclude, ...selection.ignorePaths, ...gitignore]);
        // the settings file is YAML but never a manifest
        const match = (rel: string): boolean => include(rel) && !excluded(rel) && !rel.endsWith('.kubewise.yaml');
        this.matchers.set(folder, { folder: root, match });
        const readmes: string[] = [];
        await walk(root, root, match, found, excluded, readmes);
        for (const r of readmes) this.workspace.addReadme(pathToFileURL(r).toString());
      }
      if (found.length > MAX_INDEXED_FILES) {
        this.host.log(
          `Kubewise indexes the first ${MAX_INDEXED_FILES} of ${found.length} manifests; narrow kubewise.files.include to index the rest.`,
        );
        found.length = MAX_INDEXED_FILES;
      }
      const uris = found.map((f) => pathToFileURL(f).toString());
      const kept = new Set(uris);
      for (const uri of [...this.fromDisk]) {
        if (kept.has(uri) || this.open.has(uri)) continue;
        this.forget(uri);
        changed = true;
        this.version++;
      }
      const progress = await this.host.progress('Kubewise: indexing Kubernetes manifests');
      let objects = 0;
      for (let i = 0; i < found.length; i++) {
        const uri = uris[i];
        if (!this.open.has(uri)) {
          const text = await readManifest(found[i]);
          // the editor may have opened the file while it was read: its text wins over the disk's
          if (text !== undefined && !this.open.has(uri)) {
            const before = this.workspace.entriesOf(uri);
            this.remember(uri, text);
            if (before !== this.workspace.entriesOf(uri)) {
              changed = true;
              this.version++;
            }
          }
        }
        if (i % 25 === 0) {
          progress.report(i, found.length);
          // let requests from the editor through while a large workspace is read
          await new Promise((r) => setImmediate(r));
        }
      }
      progress.done();
      objects = this.workspace.index().objects().length;
      this.host.log(`Indexed ${found.length} files (${objects} Kubernetes objects) in ${Date.now() - started} ms.`);
      return changed;
    };
    const scan = run().catch((e: unknown) => {
      this.host.log(`Indexing the workspace failed: ${String(e)}`);
      return false;
    });
    this.scanning = scan.then(() => undefined);
    return scan;
  }

  /** Resolves when the running scan (if any) is over. */
  ready(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  /** An editor's text for a document: it wins over the file on disk while the document is open. */
  setOpen(uri: string, text: string): boolean {
    return drain(this.setOpenSteps(uri, text));
  }

  /** `setOpen` in steps (see `Workspace.setFileSteps`). */
  *setOpenSteps(uri: string, text: string): Generator<void, boolean> {
    this.open.add(uri);
    const before = this.workspace.entriesOf(uri);
    yield* this.workspace.setFileSteps(uri, text);
    const changed = before !== this.workspace.entriesOf(uri);
    if (changed) this.version++;
    return changed;
  }

  /** The documents whose editor text the workspace holds. */
  openUris(): string[] {
    return [...this.open];
  }

  /** The editor closed a document: the file on disk (if indexed) is what the workspace holds again. */
  async closed(uri: string): Promise<boolean> {
    this.open.delete(uri);
    return this.reload(uri);
  }

  /** A file changed on disk (created, changed or deleted). Returns whether the index may have changed. */
  async fileChanged(uri: string, deleted: boolean): Promise<boolean> {
    if (this.open.has(uri)) return false;
    if (deleted) {
      const had = this.workspace.has(uri);
      this.forget(uri);
      this.version++;
      return had;
    }
    return this.reload(uri);
  }

  private async reload(uri: string): Promise<boolean> {
    this.version++;
    const path = fileUriToPath(uri);
    if (!path || !this.isSelected(path)) {
      const had = this.workspace.has(uri);
      this.forget(uri);
      return had;
    }
    const text = await readManifest(path);
    // While the file was read, the editor may have opened it again (its text is in the workspace now and wins), or a
    // rescan may have dropped its folder: the disk's text must not come back over either.
    if (this.open.has(uri)) return true;
    if (text === undefined || !this.isSelected(path)) this.forget(uri);
    else this.remember(uri, text);
    return true;
  }

  private remember(uri: string, text: string): void {
    this.fromDisk.add(uri);
    this.workspace.setFile(uri, text);
  }

  private forget(uri: string): void {
    this.fromDisk.delete(uri);
    this.workspace.removeFile(uri);
  }

  /** Whether a path belongs to the indexed files (inside a folder, selected by its globs). */
  private isSelected(path: string): boolean {
    for (const { folder, match } of this.matchers.values()) {
      const rel = relative(folder, path).split(sep).join('/');
      if (rel.startsWith('../') || rel === '..') continue;
      if (rel.split('/').some((p) => ALWAYS_SKIPPED.has(p))) return false;
      return match(rel);
    }
    return false;
  }
}

function compile(globs: readonly string[]): (rel: string) => boolean {
  if (globs.length === 0) return () => false;
  try {
    return picomatch([...globs], { dot: true });
  } catch {
    return () => false;
  }
}

async function walk(
  root: string,
  dir: string,
  match: (rel: string) => boolean,
  out: string[],
  excluded: (rel: string) => boolean,
  readmes: string[] = [],
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    const rel = relative(root, path).split(sep).join('/');
    if (e.isDirectory()) {
      if (ALWAYS_SKIPPED.has(e.name) || excluded(rel) || excluded(rel + '/')) continue;
      await walk(root, path, match, out, excluded, readmes);
    } else if (e.isFile() && match(rel)) out.push(path);
    else if (e.isFile() && README_NAME.test(e.name)) readmes.push(path);
  }
}

async function readManifest(path: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile() || stat.size > MAX_INDEXED_FILE_BYTES) return undefined;
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The folder's `.gitignore` as globs (the common forms: `name`, `dir/`, `/anchored`, `*.ext`; negations ignored). */
export async function readGitignore(root: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(join(root, '.gitignore'), 'utf8');
  } catch {
    return [];
  }
  return gitignoreGlobs(text);
}

export function gitignoreGlobs(text: string): string[] {
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const anchored = line.startsWith('/') || line.slice(0, -1).includes('/');
    const body = line.replace(/^\//, '').replace(/\/$/, '');
    const base = anchored ? body : `**/${body}`;
    globs.push(base, `${base}/**`);
  }
  return globs;
}
