/**
 * What a render of one chart or overlay says, reduced to what a fix must not make worse: whether it renders, and its
 * error findings. `kubewise lint --fix` and the editor's quick fixes compare it before and after an edit.
 */
import type { LintDiagnostic } from '../engine/types';
import { RENDER_FAILED } from './host';

export interface RenderHealth {
  /** The render error (helm's or kustomize's message), when it does not render. */
  error?: string;
  /** Error findings by file, rule and message (positions move when a fix adds lines). */
  errors: Map<string, number>;
  /** One readable line per error key. */
  where: Map<string, string>;
}

/** `rename` maps the files of a render made from a copy back to the user's files. */
export function healthOf(
  r: { files: ReadonlyMap<string, readonly LintDiagnostic[]>; error?: { message: string } },
  rename: (file: string) => string = (f) => f,
): RenderHealth {
  const errors = new Map<string, number>();
  const where = new Map<string, string>();
  for (const [rendered, list] of r.files) {
    const file = rename(rendered);
    for (const d of list) {
      if (d.severity !== 'error' || d.ruleId === RENDER_FAILED) continue;
      const key = `${file}\0${d.ruleId}\0${d.message}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
      where.set(key, `${d.ruleId} at ${file}:${d.range.start.line + 1}: ${d.message}`);
    }
  }
  return { error: r.error?.message, errors, where };
}

/** Why `after` is worse than `before`: a render that fails now, or an error finding it did not have. */
export function worseHealth(before: RenderHealth, after: RenderHealth): string | undefined {
  if (after.error !== undefined && after.error !== before.error) return `the render fails: ${after.error}`;
  for (const [key, n] of after.errors)
    if (n > (before.errors.get(key) ?? 0)) return `the render gains an error: ${after.where.get(key)}`;
  return undefined;
}
