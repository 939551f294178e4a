/**
 * Completion, hover and symbols in the language server: the open document's text and the workspace index handed
 * to authoring/; and the CRD files of `kubewise.crds`, read from disk (never fetched).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import type { CompletionItem, DocumentSymbol, Hover, Position, SymbolInformation } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete } from '../authoring/completion';
import type { CrdCatalog } from '../schema/crds';
import { crdCatalog } from '../schema/crds';
import { hover } from '../authoring/hover';
import { documentSymbols, workspaceSymbols } from '../authoring/symbols';
import type { WorkspaceIndexView } from '../model/workspace';
import type { OutlineObject } from '../yaml/outline';

/** Files read for one `kubewise.crds` glob at most: a glob as wide as `/**` must not stall the server. */
const MAX_CRD_FILES = 2000;

export class Authoring {
  /** Per open document: its segments' outlines by segment text. */
  private readonly outlines = new Map<string, Map<string, OutlineObject[]>>();

  constructor(private readonly index: () => WorkspaceIndexView) {}

  catalog(): CrdCatalog {
    return crdCatalog(this.index());
  }

  completion(doc: TextDocument, position: Position): CompletionItem[] {
    // authoring/ declares the protocol's shapes itself (numbers where the protocol has literal unions)
    return complete({
      text: doc.getText(),
      offset: doc.offsetAt(position),
      positions: doc,
      index: this.index(),
      crds: this.catalog(),
    }) as CompletionItem[];
  }

  hover(doc: TextDocument, position: Position): Hover | undefined {
    return hover({
      text: doc.getText(),
      offset: doc.offsetAt(position),
      positions: doc,
      index: this.index(),
      crds: this.catalog(),
    });
  }

  /** Parses the field descriptions before the first completion or hover needs them (not on the user's time). */
  warmUp(sample: string): void {
    const doc = TextDocument.create('untitled:warm-up', 'yaml', 1, sample);
    this.completion(doc, doc.positionAt(sample.indexOf('image:')));
    this.hover(doc, doc.positionAt(sample.indexOf('image:')));
  }

  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    let cache = this.outlines.get(doc.uri);
    if (!cache) this.outlines.set(doc.uri, (cache = new Map()));
    return documentSymbols(doc.getText(), doc, cache) as DocumentSymbol[];
  }

  /** The document was closed: its outline cache goes. */
  closed(uri: string): void {
    this.outlines.delete(uri);
  }

  /** The documents whose outlines are cached. */
  tracked(): string[] {
    return [...this.outlines.keys()];
  }

  workspaceSymbols(query: string): SymbolInformation[] {
    return workspaceSymbols(this.index(), query) as SymbolInformation[];
  }
}

/**
 * `kubewise.crds`: the files named by paths or globs (relative ones to the first workspace folder), with their
 * text, for the workspace index (so that completion, hover and the CRD checks see their kinds). Unreadable files
 * are reported through `log` and skipped.
 */
export function readCrdFiles(
  patterns: readonly string[],
  folderUri: string | undefined,
  log: (m: string) => void,
): Array<{ uri: string; text: string }> {
  const base = folderUri?.startsWith('file:') ? fileURLToPath(folderUri) : process.cwd();
  const files = new Set<string>();
  for (const p of patterns) for (const f of expand(p, base)) files.add(f);
  const out: Array<{ uri: string; text: string }> = [];
  for (const f of files) {
    try {
      out.push({ uri: pathToFileURL(f).toString(), text: readFileSync(f, 'utf8') });
    } catch (e) {
      log(`kubewise.crds: cannot read ${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/** A path, or a glob expanded from its fixed leading folders. */
function expand(pattern: string, base: string): string[] {
  const abs = isAbsolute(pattern) ? pattern : resolve(base, pattern);
  if (!/[*?[\]{}]/.test(abs)) return [abs];
  const parts = abs.split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (/[*?[\]{}]/.test(part)) break;
    fixed.push(part);
  }
  const root = fixed.join('/') || '/';
  const match = picomatch(abs, { dot: false });
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 12 || out.length >= MAX_CRD_FILES) return;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (name === 'node_modules' || name === '.git') continue;
      const p = join(dir, name);
      let isDir = false;
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        continue;
      }
      if (isDir) walk(p, depth + 1);
      else if (match(p)) out.push(p);
    }
  };
  walk(root, 0);
  return out;
}
