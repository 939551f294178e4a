/**
 * Findings that the editor makes, not the engine: they need the live cluster, so the VS Code client reports them
 * (with `source: "kubewise"` and the id as `code`, like every rule). They are listed here so that the
 * `kubewise.rules` setting (client/scripts/sync-manifest.mjs) and the rule catalogue know their ids, and so that the
 * client reads their default severity from one place.
 */
export interface EditorFinding {
  readonly id: string;
  /** The severity in the `recommended` and `strict` profiles. */
  readonly severity: 'error' | 'warning' | 'info';
  /** The severity in the `minimal` profile. */
  readonly minimalSeverity: 'error' | 'warning' | 'info' | 'off';
  readonly description: string;
  /** Its documentation page, relative to the repository root. */
  readonly docs: string;
}

export const LIVE_DRIFT: EditorFinding = {
  id: 'live-drift',
  severity: 'info',
  minimalSeverity: 'off',
  description:
    'A field of an open manifest that differs from the live object in the chosen cluster context, compared through a ' +
    'server-side dry-run apply (read-only); the hover gives the live value and the field manager that set it.',
  docs: 'docs/drift.md',
};

export const EDITOR_FINDINGS: readonly EditorFinding[] = [LIVE_DRIFT];
