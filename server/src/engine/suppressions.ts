/**
 * Suppressions, as docs/rules/README.md describes them to users:
 * - annotations on the object or its pod template: `ignore-check.kubewise.dev/<rule-id>: "<reason>"`,
 *   `kubewise.dev/ignore-all: "<reason>"`, and the anchor tools' own (`ignore-check.kube-linter.io/<name>`,
 *   `polaris.fairwinds.com/<check>-exempt: "true"`, `kube-score/ignore: <id>,…`);
 * - comments `# kubewise-ignore <rule-id>[, <rule-id>]: <reason>` on the line before or at the end of the line
 *   where the diagnostic starts.
 */
import type { K8sObject } from '../model/object';
import { podMetadataOf, stringMap } from '../model/object';
import type { RuleMeta } from './rule';

export const IGNORE_ANNOTATION_PREFIX = 'ignore-check.kubewise.dev/';
export const IGNORE_ALL_ANNOTATION = 'kubewise.dev/ignore-all';

/** Annotation keys and values of an object and its pod template, merged. */
export function suppressionAnnotations(obj: K8sObject): Map<string, string> {
  const own = stringMap(obj.nav, obj.nav.getMap(obj.metadata, 'annotations'));
  const podMeta = podMetadataOf(obj);
  if (podMeta && podMeta !== obj.metadata) {
    for (const [k, v] of stringMap(obj.nav, obj.nav.getMap(podMeta, 'annotations'))) if (!own.has(k)) own.set(k, v);
  }
  return own;
}

export function isSuppressedByAnnotation(meta: RuleMeta, annotations: Map<string, string>): boolean {
  if (annotations.size === 0) return false;
  if (annotations.has(IGNORE_ALL_ANNOTATION) || annotations.has(IGNORE_ANNOTATION_PREFIX + meta.id)) return true;
  const a = meta.aliases;
  if (!a) return false;
  for (const name of a.kubeLinter ?? []) if (annotations.has(`ignore-check.kube-linter.io/${name}`)) return true;
  for (const name of a.polaris ?? []) {
    if (annotations.get(`polaris.fairwinds.com/${name}-exempt`) === 'true') return true;
  }
  if (annotations.get('polaris.fairwinds.com/exempt') === 'true' && a.polaris?.length) return true;
  const ks = annotations.get('kube-score/ignore');
  if (ks && a.kubeScore?.length) {
    const ids = ks.split(',').map((s) => s.trim());
    if (a.kubeScore.some((id) => ids.includes(id))) return true;
  }
  return false;
}

const IGNORE_COMMENT = /#\s*kubewise-ignore\s+([A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*)/;

export interface LineSuppressions {
  /** line → rule ids named by a comment on that line */
  readonly byLine: Map<number, { ids: Set<string>; fullLine: boolean }>;
}

/** Reads the `# kubewise-ignore` comments of a text (cheap: only lines that mention it are parsed). */
export function scanIgnoreComments(text: string): LineSuppressions {
  const byLine = new Map<number, { ids: Set<string>; fullLine: boolean }>();
  if (!text.includes('kubewise-ignore')) return { byLine };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = IGNORE_COMMENT.exec(line);
    if (!m) return;
    const ids = new Set(m[1].split(',').map((s) => s.trim()));
    byLine.set(i, { ids, fullLine: line.trimStart().startsWith('#') });
  });
  return { byLine };
}

export function isSuppressedByComment(ruleId: string, line: number, s: LineSuppressions): boolean {
  if (s.byLine.size === 0) return false;
  const same = s.byLine.get(line);
  if (same?.ids.has(ruleId)) return true;
  const before = s.byLine.get(line - 1);
  return !!before && before.fullLine && before.ids.has(ruleId);
}
