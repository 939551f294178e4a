/** The `kubewise.metrics.*` settings, read in one place. */
import * as vscode from 'vscode';

export interface MetricsSettings {
  /** Machine scope: a repository's settings can never choose the kubeconfig (its exec plugin would run). */
  readonly kubeconfig: string;
  readonly refreshIntervalSec: number;
  readonly historySize: number;
  readonly requestTimeoutSec: number;
  /** Time limit of a credential command (exec plugin, auth-provider cmd-path); it is killed after it. */
  readonly credentialTimeoutSec: number;
  readonly prometheusUrl: string;
  /** `namespace/name:port` of a Prometheus Service, reached through the API server's service proxy. */
  readonly prometheusService: string;
  readonly prometheusWindow: string;
}

export function metricsSettings(): MetricsSettings {
  const c = vscode.workspace.getConfiguration('kubewise.metrics');
  // `inspect` so that a workspace value of a machine-scoped setting is ignored even in an older VS Code.
  const machine = (key: string): string => {
    const i = c.inspect<string>(key);
    return (i?.globalValue ?? i?.defaultValue ?? '').trim();
  };
  return {
    kubeconfig: machine('kubeconfig'),
    refreshIntervalSec: Math.max(5, c.get<number>('refreshInterval', 15)),
    historySize: Math.min(5000, Math.max(10, c.get<number>('historySize', 240))),
    requestTimeoutSec: Math.max(1, c.get<number>('requestTimeout', 10)),
    credentialTimeoutSec: Math.min(600, Math.max(1, c.get<number>('credentialTimeout', 30))),
    prometheusUrl: machine('prometheusUrl'),
    prometheusService: c.get<string>('prometheusService', '').trim(),
    prometheusWindow: c.get<string>('prometheusWindow', '7d'),
  };
}
