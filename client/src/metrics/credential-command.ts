/**
 * What a kubeconfig user runs to log in, and what it prints: an `exec` plugin (client.authentication.k8s.io
 * ExecCredential, as client-go reads it) or a legacy `auth-provider` (`gcp`, `azure`) with `cmd-path`, whose JSON
 * output holds the token at `token-key` and its expiry at `expiry-key`. The messages of every way such a command
 * can fail live here too, each naming the command and the next step. Pure functions; the runner is
 * ./credential-runner.
 */
import type { Cluster, User } from '@kubernetes/client-node';
import { firstLine, problem, type MetricsProblem } from './problems';

/** A command to run for a credential. */
export interface CredentialCommand {
  readonly kind: 'exec' | 'auth-provider';
  /** The kubeconfig user that names it (for messages). */
  readonly user: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the environment of VS Code. */
  readonly env: Readonly<Record<string, string>>;
  /** exec: the ExecCredential apiVersion the plugin must print. */
  readonly apiVersion?: string;
  /** exec: the kubeconfig's `installHint`, shown when the command is missing. */
  readonly installHint?: string;
  /** auth-provider: the provider name and where the token and expiry are in the JSON it prints. */
  readonly provider?: string;
  readonly tokenKey?: string;
  readonly expiryKey?: string;
}

/** What a command gives: a bearer token, or a client certificate and key, and when it expires. */
export interface Credential {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  /** Milliseconds since the epoch; undefined: valid until the API server refuses it. */
  readonly expiresAt?: number;
}

/** How a kubeconfig user gets its credential: a command to run, one already at hand, or neither. */
export type CredentialSource =
  | { readonly command: CredentialCommand }
  | { readonly credential: Credential }
  | { readonly problem: MetricsProblem };

const EXEC_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

/**
 * The credential command of `user`, undefined when it has none (a token, a certificate, or an auth-provider that
 * runs nothing, such as `oidc`, which client-node handles itself).
 */
export function credentialSourceOf(user: User, cluster: Cluster, now = Date.now()): CredentialSource | undefined {
  const exec = user.exec as
    | {
        command?: unknown;
        args?: unknown;
        env?: unknown;
        apiVersion?: unknown;
        installHint?: unknown;
        interactiveMode?: unknown;
        provideClusterInfo?: unknown;
      }
    | undefined;
  if (exec) {
    const command = typeof exec.command === 'string' ? exec.command : '';
    const apiVersion = typeof exec.apiVersion === 'string' ? exec.apiVersion : '';
    const cmd: CredentialCommand = {
      kind: 'exec',
      user: user.name,
      command,
      args: Array.isArray(exec.args) ? exec.args.map(String) : [],
      env: {
        ...envOf(exec.env),
        // As client-go tells a plugin: never interactive here (nobody can answer a prompt), and the cluster when asked.
        KUBERNETES_EXEC_INFO: JSON.stringify({
          apiVersion,
          kind: 'ExecCredential',
          spec: {
            interactive: false,
            ...(exec.provideClusterInfo === true ? { cluster: clusterInfo(cluster) } : {}),
          },
        }),
      },
      apiVersion,
      ...(typeof exec.installHint === 'string' && exec.installHint.trim() ? { installHint: exec.installHint } : {}),
    };
    if (!command) return { problem: execBroken(user.name, 'names no command') };
    if (!EXEC_VERSIONS.includes(apiVersion)) {
      return {
        problem: execBroken(user.name, `has apiVersion "${apiVersion}"; plugins speak ${EXEC_VERSIONS.join(' or ')}`),
      };
    }
    if (exec.interactiveMode === 'Always') return { problem: commandInteractive(cmd) };
    return { command: cmd };
  }
  const ap = user.authProvider as { name?: unknown; config?: Record<string, unknown> } | undefined;
  const config = ap?.config;
  if (!ap || !config) return undefined;
  const token = typeof config['access-token'] === 'string' ? config['access-token'] : '';
  const expiry = typeof config.expiry === 'string' ? Date.parse(config.expiry) : NaN;
  const cmdPath = typeof config['cmd-path'] === 'string' ? config['cmd-path'] : '';
  // The token the kubeconfig holds is used while it lasts, as client-go's gcp provider does.
  if (token && (Number.isNaN(expiry) || expiry > now)) {
    return { credential: Number.isNaN(expiry) ? { token } : { token, expiresAt: expiry } };
  }
  if (!cmdPath) return undefined;
  const args = typeof config['cmd-args'] === 'string' ? config['cmd-args'].split(/\s+/).filter(Boolean) : [];
  return {
    command: {
      kind: 'auth-provider',
      user: user.name,
      provider: String(ap.name ?? ''),
      command: cmdPath,
      args,
      env: {},
      tokenKey: typeof config['token-key'] === 'string' ? config['token-key'] : '{.access_token}',
      expiryKey: typeof config['expiry-key'] === 'string' ? config['expiry-key'] : '{.token_expiry}',
    },
  };
}

function envOf(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(env)) return out;
  for (const e of env as { name?: unknown; value?: unknown }[]) {
    if (typeof e?.name === 'string') out[e.name] = String(e.value ?? '');
  }
  return out;
}

function clusterInfo(c: Cluster): Record<string, unknown> {
  return {
    server: c.server,
    ...(c.caData ? { 'certificate-authority-data': c.caData } : {}),
    ...(c.tlsServerName ? { 'tls-server-name': c.tlsServerName } : {}),
  };
}

/**
 * The credential in what the command printed, or why there is none. ExecCredential as client-go checks it (the
 * apiVersion it was asked for, a `status` with a token or both certificate and key); an auth-provider's JSON read at
 * its `token-key` and `expiry-key`.
 */
export function parseCredentialOutput(cmd: CredentialCommand, stdout: string): Credential | string {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return stdout.trim() ? 'its output is not JSON' : 'it printed nothing';
  }
  if (cmd.kind === 'auth-provider') {
    const token = jsonPath(json, cmd.tokenKey ?? '{.access_token}');
    if (typeof token !== 'string' || !token) return `its output has no token at ${cmd.tokenKey}`;
    const expiry = jsonPath(json, cmd.expiryKey ?? '{.token_expiry}');
    const at = typeof expiry === 'string' ? Date.parse(expiry) : NaN;
    return Number.isNaN(at) ? { token } : { token, expiresAt: at };
  }
  const o = json as {
    kind?: unknown;
    apiVersion?: unknown;
    status?: {
      token?: unknown;
      clientCertificateData?: unknown;
      clientKeyData?: unknown;
      expirationTimestamp?: unknown;
    };
  };
  if (!o || typeof o !== 'object' || o.kind !== 'ExecCredential') return 'its output is not an ExecCredential';
  if (o.apiVersion !== cmd.apiVersion) {
    return `it printed apiVersion ${String(o.apiVersion)}, but the kubeconfig asks for ${cmd.apiVersion}`;
  }
  const s = o.status;
  if (!s || typeof s !== 'object') return 'its ExecCredential has no status';
  const token = typeof s.token === 'string' && s.token ? s.token : undefined;
  const cert =
    typeof s.clientCertificateData === 'string' && s.clientCertificateData ? s.clientCertificateData : undefined;
  const key = typeof s.clientKeyData === 'string' && s.clientKeyData ? s.clientKeyData : undefined;
  if (!token && !cert && !key) return 'its ExecCredential holds neither a token nor a client certificate';
  if (Boolean(cert) !== Boolean(key)) return 'its ExecCredential holds only a certificate or a key, not both';
  let expiresAt: number | undefined;
  if (typeof s.expirationTimestamp === 'string') {
    expiresAt = Date.parse(s.expirationTimestamp);
    if (Number.isNaN(expiresAt)) return `its expirationTimestamp "${s.expirationTimestamp}" is not a time`;
  }
  return {
    ...(token ? { token } : {}),
    ...(cert && key ? { clientCertificateData: cert, clientKeyData: key } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

/** `{.credential.access_token}` (the kubeconfig's JSONPath subset: dotted fields) in `json`. */
function jsonPath(json: unknown, path: string): unknown {
  const inner = path.trim().replace(/^\{/, '').replace(/\}$/, '').replace(/^\$/, '');
  let cur: unknown = json;
  for (const part of inner.split('.').filter(Boolean)) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The command line for messages: arguments after a flag that names a secret are hidden. */
export function commandLine(cmd: CredentialCommand): string {
  const out: string[] = [cmd.command];
  let hide = false;
  for (const a of cmd.args) {
    if (hide) {
      out.push('***');
      hide = false;
      continue;
    }
    const secret = /token|secret|password|passwd|key/i.test(a);
    if (secret && a.includes('=')) out.push(`${a.slice(0, a.indexOf('='))}=***`);
    else {
      out.push(a);
      hide = secret && a.startsWith('-');
    }
  }
  const line = out.join(' ');
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function what(cmd: CredentialCommand): string {
  return cmd.kind === 'exec'
    ? `The user "${cmd.user}" logs in with the exec plugin "${commandLine(cmd)}"`
    : `The user "${cmd.user}" gets its token from the ${cmd.provider || 'auth-provider'} command "${commandLine(cmd)}"`;
}

export function commandHung(cmd: CredentialCommand, timeoutMs: number): MetricsProblem {
  const sec = timeoutMs < 1000 ? (timeoutMs / 1000).toFixed(1) : String(Math.round(timeoutMs / 1000));
  return problem(
    'credential-timeout',
    `The credential command "${cmd.command}" did not answer within ${sec} s`,
    `${what(cmd)}; it printed no credential in ${sec} s and was stopped. It may be waiting for a login that only a terminal or a browser can complete (an expired SSO session, a device code).`,
    `Run "${commandLine(cmd)}" (or any kubectl command of this context) in a terminal to log in, then press Refresh; or raise "kubewise.metrics.credentialTimeout".`,
  );
}

/** What the panel shows while it waits for a credential command (after a second or so), with a Cancel button. */
export interface CredentialWaitNotice {
  readonly title: string;
  readonly detail: string;
  readonly next: string;
  /** The command's last stderr lines (a device-code login's URL and code), tokens masked. */
  readonly output: readonly string[];
  readonly elapsedSec: number;
  readonly timeoutSec: number;
}

export function credentialWaitNotice(
  cmd: CredentialCommand,
  elapsedMs: number,
  timeoutMs: number,
  output: readonly string[],
): CredentialWaitNotice {
  const elapsedSec = Math.floor(elapsedMs / 1000);
  const timeoutSec = Math.round(timeoutMs / 1000);
  const asksForLogin = output.some((l) => /https?:\/\/|\bcode\b/i.test(l));
  return {
    title: `Waiting for the credential command "${cmd.command}" (${elapsedSec} s of ${timeoutSec} s)`,
    detail:
      `${what(cmd)}, and it has not printed a credential yet. ` +
      `At ${timeoutSec} s ("kubewise.metrics.credentialTimeout") it is stopped and the panel says what to do next; ` +
      'Refresh and context switches do not wait for it.',
    next: asksForLogin
      ? 'Complete the login it asks for below (open the address, enter the code): the panel goes on by itself once it answers. Or Cancel and log in from a terminal.'
      : `If it waits for a login (an expired SSO session), Cancel and run "${commandLine(cmd)}" in a terminal, then press Refresh.`,
    output,
    elapsedSec,
    timeoutSec,
  };
}

export function commandCancelled(cmd: CredentialCommand, afterMs: number): MetricsProblem {
  return problem(
    'credential-cancelled',
    `Stopped waiting for the credential command "${cmd.command}"`,
    `${what(cmd)}; you cancelled it after ${Math.max(1, Math.round(afterMs / 1000))} s, before it printed a credential, and it was stopped. The panel does not run it again until you press Refresh or pick a context.`,
    `Log in from a terminal ("${commandLine(cmd)}", or any kubectl command of this context), then press Refresh.`,
  );
}

/**
 * What a credential command printed on stderr, for the panel while it waits: a device-code login prints there the
 * URL to open and the code to enter, which the user needs (kubectl passes stderr through to the terminal). The
 * last few non-empty lines, each cut short, with anything shaped like a token (a JWT, a long base64 or hex run)
 * masked: a plugin's debug output must not put a credential into the webview.
 */
export function visibleOutput(stderr: string, maxLines = 6): string[] {
  const lines: string[] = [];
  for (const raw of stderr.split(/\r?\n/)) {
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim();
    if (line) lines.push(line);
  }
  return lines.slice(-maxLines).map((l) => {
    const masked = l.replace(/eyJ[\w-]*\.[\w-]+\.[\w-]*/g, '***').replace(/[A-Za-z0-9+/_-]{40,}={0,2}/g, '***');
    return masked.length > 300 ? `${masked.slice(0, 299)}…` : masked;
  });
}

export function commandMissing(cmd: CredentialCommand): MetricsProblem {
  return problem(
    'credential-missing',
    `The credential command "${cmd.command}" was not found`,
    `${what(cmd)}, and no such executable is on the PATH of VS Code (exec: executable ${cmd.command} not found). VS Code started from a desktop launcher may not see the PATH of your shell.`,
    cmd.installHint
      ? `${firstLine(cmd.installHint.trim())} Or put the command's full path in the kubeconfig; then press Refresh.`
      : `Install it, or put its full path in the kubeconfig's "command", then press Refresh.`,
  );
}

export function commandFailed(cmd: CredentialCommand, stderr: string, code?: number): MetricsProblem {
  const said = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return problem(
    'credential-failed',
    `The credential command "${cmd.command}" failed${code !== undefined ? ` (exit code ${code})` : ''}`,
    `${what(cmd)}; it ${code !== undefined ? `exited with code ${code}` : 'failed'}${said ? `: ${firstLine(said)}` : ', printing nothing on stderr'}.`,
    `Run "${commandLine(cmd)}" in a terminal to see the whole error (often: log in again), then press Refresh.`,
  );
}

export function commandOutputInvalid(cmd: CredentialCommand, why: string): MetricsProblem {
  return problem(
    'credential-failed',
    `The credential command "${cmd.command}" gave no usable credential`,
    `${what(cmd)}; ${why}.`,
    cmd.kind === 'exec'
      ? `Check that the exec apiVersion in the kubeconfig is one the plugin prints (update the plugin or the kubeconfig, e.g. with your cloud CLI), then press Refresh.`
      : `Check "token-key" and "expiry-key" of the auth-provider in the kubeconfig, or move to the provider's exec plugin.`,
  );
}

export function commandInteractive(cmd: CredentialCommand): MetricsProblem {
  return problem(
    'credential-failed',
    `The credential command "${cmd.command}" needs a terminal (interactiveMode: Always)`,
    `${what(cmd)}, which the kubeconfig says must always talk to a terminal; Kubewise cannot answer its prompts.`,
    'Log in from a terminal (any kubectl command of this context), or set interactiveMode: IfAvailable in the kubeconfig, then press Refresh.',
  );
}

function execBroken(user: string, why: string): MetricsProblem {
  return problem(
    'kubeconfig-broken',
    `The exec plugin of user "${user}" ${why}`,
    `The kubeconfig user "${user}" has an exec section that kubectl would refuse too.`,
    'Fix the user in the kubeconfig (your cloud CLI rewrites it, e.g. "aws eks update-kubeconfig").',
  );
}
