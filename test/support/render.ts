/**
 * Shared by the chart and overlay tests: the fixtures' folder, a render host over the real disk and the real helm
 * and kubectl (test/support/kube-tools.ts), and findings written as `file:line:col rule` (1-based, as editors show).
 */
import { join, relative } from 'node:path';
import { nodeRenderHost } from '../../server/src/cli/render-host';
import { createRuleSet } from '../../server/src/composition';
import type { LintDiagnostic, Settings } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import type { RenderOptions } from '../../server/src/render/host';
import { helmPath, kubectlPath } from './kube-tools';
import { repoRoot } from './paths';

export const RENDER_FIXTURES = join(repoRoot, 'test', 'fixtures', 'render').replace(/\\/g, '/');
export const host = nodeRenderHost();

export function ruleSet(settings: Partial<Settings> = {}) {
  return createRuleSet({ ...DEFAULT_SETTINGS, rules: {}, ...settings });
}

export function tools(extra: RenderOptions = {}): RenderOptions {
  return { helmPath: helmPath(), kubectlPath: kubectlPath(), kubernetesVersion: '1.33', ...extra };
}

/** `helm/webapp/values.yaml:8:1 cpu-request-missing`, sorted by file then position. */
export function placed(files: Map<string, LintDiagnostic[]>, base = RENDER_FIXTURES): string[] {
  const out: string[] = [];
  for (const [file, list] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const d of list) {
      out.push(
        `${relative(base, file).replace(/\\/g, '/')}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.ruleId}`,
      );
    }
  }
  return out;
}
