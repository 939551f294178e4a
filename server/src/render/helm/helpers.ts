/**
 * The named templates (`{{- define "x" }}…{{- end }}`) of a chart's own `templates/` folder, usually in
 * `_helpers.tpl`: what an `include "x"` writes is aligned with the definition's lines, so that a finding in a pod spec
 * built there lands on the helper line that writes it, or on the values key that line reads. A library chart's
 * definitions (under `charts/`) are not read: the user cannot act on them, so their findings stay on the include line.
 */
import type { RenderHost } from '../host';
import type { TemplateLine } from './template-lines';
import { analyseTemplate } from './template-lines';

export interface HelperDefinition {
  name: string;
  /** The file that defines it (absolute). */
  file: string;
  /**
   * The lines of `file`, each at its own index; every line outside the definition's body (the `define` and `end`
   * lines too) is a blank control line, so nothing outside the body is aligned, mapped to or inserted into.
   */
  lines: TemplateLine[];
}

const MARK = /\{\{-?\s*(if|with|range|define|block|end)\b/g;

/** Every definition in the `.tpl` and `.yaml` files of `templatesDir` and its subfolders, by name. */
export function findDefinitions(host: RenderHost, templatesDir: string): Map<string, HelperDefinition> {
  const out = new Map<string, HelperDefinition>();
  const visit = (dir: string, depth: number): void => {
    for (const e of host.listDir(dir) ?? []) {
      const path = `${dir}/${e.name}`;
      if (e.dir) {
        if (depth < 3) visit(path, depth + 1);
        continue;
      }
      if (!/\.(tpl|ya?ml)$/.test(e.name)) continue;
      const text = host.readFile(path);
      if (text === undefined || !text.includes('define')) continue;
      for (const d of definitionsIn(path, text)) if (!out.has(d.name)) out.set(d.name, d);
    }
  };
  visit(templatesDir, 0);
  return out;
}

export function definitionsIn(file: string, text: string): HelperDefinition[] {
  const lines = analyseTemplate(text);
  const out: HelperDefinition[] = [];
  let open: { name: string; from: number } | undefined;
  let depth = 0;
  for (const t of lines) {
    if (t.kind !== 'control') continue;
    for (const m of t.text.matchAll(MARK)) {
      if (m[1] !== 'end') {
        if (depth === 0 && m[1] === 'define') {
          const name = /define\s+"([^"]+)"/.exec(t.text.slice(m.index))?.[1];
          // A body that starts on the define's own line is not aligned (its first line has no line of its own).
          open = name && /-?\}\}\s*$/.test(t.text) ? { name, from: t.index + 1 } : undefined;
        }
        depth++;
      } else if (--depth === 0 && open) {
        const from = open.from;
        const to = t.index;
        out.push({
          name: open.name,
          file,
          lines: lines.map((l) =>
            l.index >= from && l.index < to ? l : { index: l.index, text: '', kind: 'control' as const },
          ),
        });
        open = undefined;
      }
      if (depth < 0) depth = 0;
    }
  }
  return out;
}
