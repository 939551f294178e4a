/**
 * Multi-file workspace fixtures (test/fixtures/workspace/<name>/…): every YAML file of the folder is loaded into a
 * `Workspace` under a `file:///ws/<relative path>` URI, and each file is linted against the whole workspace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRuleSet } from '../../server/src/composition';
import type { LintDiagnostic, Settings } from '../../server/src/engine';
import { applyEdits, lintText, Workspace } from '../../server/src/engine';
import type { Found } from './lint';
import { settings, withIds } from './lint';
import { fixturePath } from './paths';

export const WS_ROOT = 'file:///ws/';

/** The YAML files of a workspace fixture, as paths relative to it (forward slashes, sorted). */
export function workspaceFiles(name: string): string[] {
  const root = fixturePath('workspace', name);
  const out: string[] = [];
  (function walk(dir: string) {
    for (const entry of readdirSync(dir).sort()) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(entry)) out.push(relative(root, p).split('\\').join('/'));
    }
  })(root);
  return out;
}

/** A Workspace holding every file of the fixture, and the text of each (by relative path). */
export function loadWorkspace(name: string): { ws: Workspace; texts: Map<string, string> } {
  const ws = new Workspace();
  const texts = new Map<string, string>();
  for (const rel of workspaceFiles(name)) {
    const text = readFileSync(fixturePath('workspace', name, ...rel.split('/')), 'utf8');
    texts.set(rel, text);
    ws.setFile(WS_ROOT + rel, text);
  }
  return { ws, texts };
}

/** Diagnostics of the named rules for every file of the fixture (files without any are left out). */
export function lintWorkspace(name: string, ruleIds: string[], over: Partial<Settings> = {}): Map<string, Found[]> {
  const { ws } = loadWorkspace(name);
  const rs = createRuleSet(settings(over), new Set(ruleIds));
  const out = new Map<string, Found[]>();
  for (const uri of ws.uris()) {
    const { result: res, found } = withIds(() => ws.lint(uri, rs));
    if (res.failures.length) throw new Error(`rule failures in ${uri}: ${JSON.stringify(res.failures)}`);
    if (res.diagnostics.length) out.set(uri.slice(WS_ROOT.length), res.diagnostics.map(found));
  }
  return out;
}

/**
 * Diagnostics (of every rule, in the given profile) that fall inside the document a fix appended: the fix must
 * write a document that passes the linter itself.
 */
export function diagnosticsInAppended(
  text: string,
  d: LintDiagnostic,
  profile: Settings['profile'] = 'recommended',
): LintDiagnostic[] {
  if (!d.fix || d.fix.edits.length !== 1) throw new Error('expected a fix with one edit');
  const edit = d.fix.edits[0];
  const fixed = applyEdits(text, d.fix.edits);
  const first = edit.range.start.line;
  const last = first + edit.newText.split('\n').length - 1;
  const rs = createRuleSet(settings({ profile }));
  return lintText(fixed, rs).diagnostics.filter((x) => x.range.start.line >= first && x.range.start.line < last);
}
