/**
 * Settings per document: the editor's `kubewise` section (pulled with `workspace/configuration` for the document's
 * URI, cached per document) layered over the `.kubewise.yaml` of the document's workspace folder (read from disk,
 * cached per folder). Nothing here is a server-wide "current settings": two folders may disagree.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileUriToPath } from './paths';
import picomatch from 'picomatch';
import type { RuleSet, Settings } from '../engine';
import { CONFIG_FILE_NAME, mergeSettings, parseConfig, validateSettings, withoutDefaults } from '../engine';
import { createRuleSet, RULE_IDS as ruleIds } from '../composition';
import { SETTINGS_SECTION } from '../protocol';
import { trimEndChars } from '../yaml/lines';

/** What the server needs to know to lint one document. */
export interface DocumentConfig {
  /** `kubewise.enable`: false turns the linter off for the document. */
  readonly enabled: boolean;
  /** The document's path matches `ignorePaths`. */
  readonly ignored: boolean;
  readonly settings: Settings;
  readonly ruleSet: RuleSet;
}

/** What the store needs from the outside world (the connection, the filesystem), so that it stays small. */
export interface ConfigHost {
  /** The editor's `kubewise` section for a document; undefined when the client cannot be asked. */
  fetchEditorSettings(uri: string): Promise<unknown>;
  /** A file's text, or undefined when it does not exist. Throws for other read errors. */
  readFile(path: string): string | undefined;
  /** A problem the user should see once (a bad `.kubewise.yaml`). */
  warnUser(message: string): void;
  log(message: string): void;
}

interface FolderConfig {
  settings: Partial<Settings>;
}

interface EditorSettings {
  enabled: boolean;
  settings: Partial<Settings>;
}

export class ConfigStore {
  private folders: string[] = [];
  private readonly editor = new Map<string, Promise<EditorSettings>>();
  private readonly files = new Map<string, FolderConfig>();
  private readonly ruleSets = new Map<string, RuleSet>();
  private readonly warned = new Set<string>();
  /** Settings pushed with `workspace/didChangeConfiguration`, for clients that cannot be asked per document. */
  private pushed: unknown;

  constructor(private readonly host: ConfigHost) {}

  /** Workspace folder URIs, outermost or innermost in any order: a document belongs to the longest that holds it. */
  setFolders(uris: readonly string[]): void {
    this.folders = uris.map((u) => trimEndChars(u, '/'));
    this.files.clear();
  }

  folderUris(): string[] {
    return [...this.folders];
  }

  addFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed.map((u) => trimEndChars(u, '/')));
    this.setFolders([...this.folders.filter((f) => !gone.has(f)), ...added]);
  }

  /** After `workspace/didChangeConfiguration`: forget every cached answer, files included. */
  invalidateAll(pushed?: unknown): void {
    this.pushed = pushed;
    this.editor.clear();
    this.files.clear();
  }

  /** After a `.kubewise.yaml` changed on disk. */
  invalidateFiles(): void {
    this.files.clear();
  }

  forget(uri: string): void {
    this.editor.delete(uri);
  }

  /** The documents whose settings are cached (a closed document's are forgotten). */
  tracked(): string[] {
    return [...this.editor.keys()];
  }

  async forDocument(uri: string): Promise<DocumentConfig> {
    const editor = await this.editorSettings(uri);
    const folder = this.folderOf(uri);
    const file = folder ? this.folderConfig(folder) : undefined;
    const settings = mergeSettings(file?.settings, withoutDefaults(editor.settings));
    return {
      enabled: editor.enabled,
      ignored: folder !== undefined && settings.ignorePaths.length > 0 && isIgnored(uri, folder, settings.ignorePaths),
      settings,
      ruleSet: this.ruleSetFor(settings),
    };
  }

  private editorSettings(uri: string): Promise<EditorSettings> {
    let cached = this.editor.get(uri);
    if (!cached) {
      cached = this.host
        .fetchEditorSettings(uri)
        .then((raw) => this.sanitize(raw ?? pushedSection(this.pushed)))
        .catch((e: unknown) => {
          this.host.log(`Could not read the kubewise settings for ${uri}: ${String(e)}`);
          return { enabled: true, settings: {} };
        });
      this.editor.set(uri, cached);
    }
    return cached;
  }

  private sanitize(raw: unknown): EditorSettings {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { enabled: true, settings: {} };
    const record = raw as Record<string, unknown>;
    const problems: string[] = [];
    const { settings } = validateSettings(record, 'kubewise settings', ruleIds, problems);
    for (const p of problems) this.once(p, () => this.host.log(p));
    return { enabled: record.enable !== false, settings };
  }

  private folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      if ((uri === f || uri.startsWith(f + '/')) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  private folderConfig(folder: string): FolderConfig {
    let cached = this.files.get(folder);
    if (cached) return cached;
    cached = { settings: {} };
    const dir = fileUriToPath(folder);
    if (dir) {
      const path = join(dir, CONFIG_FILE_NAME);
      try {
        const text = this.host.readFile(path);
        if (text !== undefined) {
          const { settings, problems } = parseConfig(text, ruleIds);
          cached.settings = settings;
          for (const p of problems) this.once(`${path}\n${p}`, () => this.warn(`${p} (${path})`));
        }
      } catch (e) {
        this.once(`${path}\nread`, () =>
          this.warn(`Kubewise cannot read ${path}: ${(e as Error).message ?? String(e)}`),
        );
      }
    }
    this.files.set(folder, cached);
    return cached;
  }

  private ruleSetFor(settings: Settings): RuleSet {
    const key = JSON.stringify(settings);
    let rs = this.ruleSets.get(key);
    if (!rs) {
      // settings rarely take more than a few shapes at once; a small cache keeps rule sets (and linters' caches) stable
      if (this.ruleSets.size > 16) this.ruleSets.clear();
      rs = createRuleSet(settings);
      this.ruleSets.set(key, rs);
    }
    return rs;
  }

  private warn(message: string): void {
    this.host.log(message);
    this.host.warnUser(message);
  }

  private once(key: string, act: () => void): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    act();
  }
}

/** `settings.kubewise` of a `workspace/didChangeConfiguration` payload. */
function pushedSection(pushed: unknown): unknown {
  return pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
}

const matchers = new Map<string, (path: string) => boolean>();

/** Whether the document's path, relative to its workspace folder, matches one of the globs. */
export function isIgnored(uri: string, folder: string, globs: readonly string[]): boolean {
  const path = fileUriToPath(uri);
  const root = fileUriToPath(folder);
  if (!path || !root) return false;
  const rel = relative(root, path).split(sep).join('/');
  if (rel.startsWith('../')) return false;
  const key = JSON.stringify(globs);
  let match = matchers.get(key);
  if (!match) {
    try {
      match = picomatch([...globs], { dot: true });
    } catch {
      // a glob picomatch cannot compile matches nothing, rather than hiding every file
      match = () => false;
    }
    if (matchers.size > 32) matchers.clear();
    matchers.set(key, match);
  }
  return match(rel);
}

/** Reads a file, mapping "does not exist" to undefined (the usual case: no `.kubewise.yaml`). */
export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw e;
  }
}
