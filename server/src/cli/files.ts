/**
 * Which files `kubewise lint` reads: named files, folders walked recursively, and globs (Node 20 has no fs.glob, so
 * picomatch matches while we walk). Discovery is lazy, so a folder of thousands of files is read one file at a time.
 */
import type { Dirent } from 'node:fs';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { trimEndChars } from '../yaml/lines';
import { CONFIG_FILE_NAME } from '../engine/config';

/** Folders never entered while walking: dependencies and version-control data. */
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

export interface FoundFile {
  /** Absolute path. */
  abs: string;
  /** The path as shown in output: relative to the current folder, or absolute when the argument was. */
  display: string;
  /** True when found by a folder walk or a glob (not named on the command line). */
  discovered: boolean;
}

export type DiscoveryEvent =
  | { type: 'file'; file: FoundFile }
  | { type: 'stdin' }
  | { type: 'ignored'; display: string }
  | { type: 'error'; message: string };

/** Globs relative to a base folder (the settings file's folder, or the current folder for `--ignore`). */
export interface IgnoreRule {
  base: string;
  patterns: readonly string[];
}

export class IgnoreMatcher {
  private readonly rules: Array<{ base: string; match: (p: string) => boolean }>;

  constructor(rules: readonly IgnoreRule[]) {
    this.rules = rules
      .filter((r) => r.patterns.length > 0)
      .map((r) => ({ base: r.base, match: picomatch(r.patterns.map(normalizePattern), { dot: true }) }));
  }

  get empty(): boolean {
    return this.rules.length === 0;
  }

  /** Whether the path, or a folder it is in, matches an ignore glob (so `charts` ignores everything below it). */
  ignores(abs: string): boolean {
    for (const { base, match } of this.rules) {
      const rel = relative(base, abs);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
      const parts = rel.split(sep);
      for (let i = 1; i <= parts.length; i++) if (match(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  }
}

/** `./charts/**` and `charts/` mean the same as `charts/**` and `charts`. */
function normalizePattern(p: string): string {
  return trimEndChars(p.replace(/\\/g, '/').replace(/^\.\//, ''), '/');
}

export function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext)) && name !== CONFIG_FILE_NAME;
}

/**
 * Expands the command-line paths in order. Each file is yielded once, even when two arguments reach it. Missing
 * paths and globs that match nothing are errors (exit 2), reported in place so the other paths are still linted.
 */
export function* discoverFiles(args: readonly string[], cwd: string, ignore: IgnoreMatcher): Generator<DiscoveryEvent> {
  const seen = new Set<string>();
  const show = (arg: string, abs: string): string => (isAbsolute(arg) ? abs : relative(cwd, abs) || '.');
  for (const arg of args) {
    if (arg === '-') {
      yield { type: 'stdin' };
      continue;
    }
    const abs = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(abs);
    } catch (e) {
      const scan = picomatch.scan(arg.replace(/\\/g, '/'));
      if (scan.isGlob) {
        let matched = 0;
        for (const ev of globFiles(scan.base, scan.glob, cwd, ignore, seen, (p) => show(arg, p))) {
          if (ev.type === 'file') matched++;
          yield ev;
        }
        if (matched === 0) yield { type: 'error', message: `no files match '${arg}'` };
        continue;
      }
      yield { type: 'error', message: `cannot read '${arg}': ${ioReason(e)}` };
      continue;
    }
    if (stat.isDirectory()) {
      yield* walk(abs, ignore, seen, (p) => show(arg, p));
    } else if (!seen.has(abs)) {
      seen.add(abs);
      if (ignore.ignores(abs)) yield { type: 'ignored', display: show(arg, abs) };
      else yield { type: 'file', file: { abs, display: show(arg, abs), discovered: false } };
    }
  }
}

function* walk(
  root: string,
  ignore: IgnoreMatcher,
  seen: Set<string>,
  show: (abs: string) => string,
): Generator<DiscoveryEvent> {
  const visited = new Set<string>();
  yield* walkDir(root, ignore, seen, visited, show, (name) => isManifestName(name));
}

function* globFiles(
  base: string,
  glob: string,
  cwd: string,
  ignore: IgnoreMatcher,
  seen: Set<string>,
  show: (abs: string) => string,
): Generator<DiscoveryEvent> {
  const root = resolve(cwd, base || '.');
  const match = picomatch(glob);
  try {
    if (!statSync(root).isDirectory()) return;
  } catch {
    return;
  }
  yield* walkDir(root, ignore, seen, new Set(), show, (_name, abs) => match(relative(root, abs).split(sep).join('/')));
}

function* walkDir(
  dir: string,
  ignore: IgnoreMatcher,
  seen: Set<string>,
  visited: Set<string>,
  show: (abs: string) => string,
  accept: (name: string, abs: string) => boolean,
): Generator<DiscoveryEvent> {
  // Symlinked folders could loop; each real folder is entered once.
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (e) {
    yield { type: 'error', message: `cannot read '${show(dir)}': ${ioReason(e)}` };
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    yield { type: 'error', message: `cannot read '${show(dir)}': ${ioReason(e)}` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const s = statSync(abs);
        isDir = s.isDirectory();
        isFile = s.isFile();
      } catch {
        continue; // a dangling link is not a manifest
      }
    }
    if (isDir) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      if (!ignore.empty && ignore.ignores(abs)) {
        yield { type: 'ignored', display: show(abs) + '/' };
        continue;
      }
      yield* walkDir(abs, ignore, seen, visited, show, accept);
    } else if (isFile && accept(entry.name, abs) && !seen.has(abs)) {
      seen.add(abs);
      if (!ignore.empty && ignore.ignores(abs)) yield { type: 'ignored', display: show(abs) };
      else yield { type: 'file', file: { abs, display: show(abs), discovered: true } };
    }
  }
}

/** The sentence for a failed file-system call: `no such file or directory`, `permission denied`, … */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return (e instanceof Error ? e.message : String(e)).split('\n')[0];
  }
}

const README_NAME = /^readme(\.[a-z]+)?$/i;

/**
 * The READMEs in the folders of the given files and the folders above them, up to the repository's top (the folder
 * holding `.git`) and never above the current folder: the workspace reads a README folder as one app (see
 * docs/cli.md, "How the workspace is scoped"). Paths are shown as the files are (relative, or absolute).
 */
export function findReadmes(files: readonly FoundFile[], cwd: string): string[] {
  const listed = new Map<string, readonly string[]>();
  const list = (dir: string): readonly string[] => {
    let names = listed.get(dir);
    if (!names) {
      try {
        names = readdirSync(dir);
      } catch {
        names = [];
      }
      listed.set(dir, names);
    }
    return names;
  };
  const found = new Set<string>();
  const done = new Set<string>();
  for (const f of files) {
    const absolute = isAbsolute(f.display);
    for (let dir = dirname(f.abs); !done.has(dir); dir = dirname(dir)) {
      done.add(dir);
      const names = list(dir);
      const readme = names.find((n) => README_NAME.test(n));
      const rel = relative(cwd, dir);
      const outside = rel.startsWith('..') || isAbsolute(rel);
      if (readme && (absolute || !outside)) {
        found.add((absolute ? join(dir, readme) : join(rel, readme)).split(sep).join('/'));
      }
      if (names.includes('.git') || dirname(dir) === dir || (!absolute && rel === '')) break;
    }
  }
  return [...found];
}
