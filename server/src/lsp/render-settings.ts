/**
 * The editor's settings for rendering charts and overlays: `kubewise.helm.path`, `kubewise.helm.valuesFiles`
 * (relative to the chart folder, or absolute), `kubewise.helm.namespace`, `kubewise.kustomize.path` and
 * `kubewise.kubectl.path`; the Kubernetes version comes from `kubewise.kubernetesVersion`.
 */
import type { RenderOptions } from '../render/host';
import { joinPath } from '../render/host';

export function renderSettings(raw: unknown, path: string, kubernetesVersion: string): RenderOptions {
  const r = (raw ?? {}) as {
    helm?: { path?: unknown; valuesFiles?: unknown; namespace?: unknown };
    kustomize?: { path?: unknown };
    kubectl?: { path?: unknown };
  };
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const dir = path.slice(0, path.lastIndexOf('/'));
  const values = Array.isArray(r.helm?.valuesFiles)
    ? r.helm.valuesFiles.filter((v): v is string => typeof v === 'string' && v !== '')
    : [];
  return {
    helmPath: str(r.helm?.path),
    valuesFiles: values.map((v) =>
      v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) ? v.replace(/\\/g, '/') : joinPath(dir, v),
    ),
    namespace: str(r.helm?.namespace),
    kustomizePath: str(r.kustomize?.path),
    kubectlPath: str(r.kubectl?.path),
    kubernetesVersion,
  };
}
