/**
 * Finds and loads the kubeconfig the way kubectl does, through @kubernetes/client-node's own parser:
 * the `kubewise.metrics.kubeconfig` setting (machine scope) wins, then every file of `KUBECONFIG` merged (the first
 * file that defines a cluster, user or context name wins, and the first `current-context` wins; missing files are
 * skipped), then `~/.kube/config`. No VS Code API here, so it runs in plain Node tests.
 */
import type { Cluster, Context, User } from '@kubernetes/client-node';
import { KubeConfig } from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { credentialSourceOf, type CredentialSource } from './credential-command';
import { cleanServerUrl, firstLine, MetricsError, plainHttp, problem } from './problems';

export interface KubeconfigSource {
  /** The `kubewise.metrics.kubeconfig` setting (empty: not set). */
  readonly setting?: string;
  /** `process.env.KUBECONFIG`. */
  readonly env?: string;
  readonly home?: string;
}

export interface LoadOptions {
  /** The context the user picked for this workspace; undefined: the kubeconfig's `current-context`. */
  readonly context?: string;
  /** `vscode.workspace.isTrusted`: exec plugins and auth-provider commands run only in a trusted workspace. */
  readonly trusted: boolean;
}

export interface LoadedKubeconfig {
  /**
   * The context's cluster, user and context for @kubernetes/client-node. Its user never holds a command (an exec
   * plugin or an auth-provider `cmd-path`): client-node would run it without a time limit (or synchronously), so
   * `credential` carries it instead and ./connection runs it (./credential-runner) and adds what it prints.
   */
  readonly kc: KubeConfig;
  /** How the user gets a credential from a command, or one the kubeconfig holds for a command; undefined: none. */
  readonly credential?: CredentialSource;
  /** The kubeconfig user of the context, without its command; undefined when the context names none. */
  readonly user?: User;
  readonly files: readonly string[];
  readonly contexts: readonly string[];
  readonly context: string;
  readonly server: string;
  /** The kubeconfig asked to skip TLS verification; Kubewise verifies anyway. */
  readonly skipTlsIgnored: boolean;
}

/** The files to read, in kubectl's order, and where they came from (for messages). */
export function kubeconfigFiles(src: KubeconfigSource): { files: string[]; origin: 'setting' | 'KUBECONFIG' | 'home' } {
  const split = (s: string): string[] =>
    s
      .split(delimiter)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
  if (src.setting && src.setting.trim()) return { files: split(expandHome(src.setting, src.home)), origin: 'setting' };
  if (src.env && src.env.trim()) return { files: split(src.env), origin: 'KUBECONFIG' };
  return { files: [join(src.home ?? homedir(), '.kube', 'config')], origin: 'home' };
}

function expandHome(p: string, home = homedir()): string {
  return p.replace(/^~(?=$|[/\\])/, home);
}

/** Reads, merges and checks the kubeconfig; throws MetricsError with the message for the user. */
export function loadKubeconfig(src: KubeconfigSource, opts: LoadOptions): LoadedKubeconfig {
  const { files, origin } = kubeconfigFiles(src);
  // kubectl skips KUBECONFIG entries that do not exist; a file named in the setting must exist.
  const present = origin === 'setting' ? files : files.filter((f) => existsSync(f));
  if (present.length === 0) {
    const where =
      origin === 'KUBECONFIG'
        ? `KUBECONFIG names ${files.join(', ')}, and none of them exists`
        : `${files[0]} does not exist`;
    throw new MetricsError(
      problem(
        'no-kubeconfig',
        'No kubeconfig found',
        `${where}. Kubewise reads the kubeconfig as kubectl does.`,
        'Create one (your cloud CLI writes it, e.g. "aws eks update-kubeconfig"), set KUBECONFIG, or set "kubewise.metrics.kubeconfig" in your user settings.',
      ),
    );
  }

  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current: string | undefined;
  for (const file of present) {
    const one = loadOne(file);
    for (const c of one.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!current && one.currentContext) current = one.currentContext;
  }

  const names = [...contexts.keys()];
  const wanted = opts.context ?? current;
  if (!wanted) {
    throw new MetricsError(
      problem(
        'no-context',
        'The kubeconfig has no current context',
        names.length
          ? `${present.join(', ')} defines ${names.length} context(s) but none is current.`
          : `${present.join(', ')} defines no context at all.`,
        names.length
          ? 'Pick a context with "Kubewise: Choose Cluster Context" (or kubectl config use-context <name>).'
          : 'Add a context with kubectl config set-context, or point Kubewise at another kubeconfig.',
      ),
    );
  }
  const ctx = contexts.get(wanted);
  if (!ctx) {
    throw new MetricsError(
      problem(
        'unknown-context',
        `Unknown context "${wanted}"`,
        `${opts.context ? 'The context chosen for this workspace' : 'current-context'} names "${wanted}", which ${present.join(', ')} does not define.` +
          (names.length ? ` Contexts: ${names.join(', ')}.` : ''),
        'Pick another context with "Kubewise: Choose Cluster Context".',
      ),
    );
  }
  const cluster = clusters.get(ctx.cluster);
  if (!cluster) {
    throw new MetricsError(
      problem(
        'kubeconfig-broken',
        `Context "${wanted}" names cluster "${ctx.cluster}", which the kubeconfig does not define`,
        `Read from ${present.join(', ')}.`,
        'Fix the context (kubectl config set-context) or pick another one.',
      ),
    );
  }
  const user = ctx.user ? users.get(ctx.user) : undefined;
  if (ctx.user && !user) {
    throw new MetricsError(
      problem(
        'kubeconfig-broken',
        `Context "${wanted}" names user "${ctx.user}", which the kubeconfig does not define`,
        `Read from ${present.join(', ')}.`,
        'Fix the context (kubectl config set-context) or pick another one.',
      ),
    );
  }
  if (!/^https:\/\//i.test(cluster.server.trim())) {
    if (/^http:\/\//i.test(cluster.server.trim())) throw new MetricsError(plainHttp(cluster.server, wanted));
    throw new MetricsError(
      problem(
        'kubeconfig-broken',
        `Cluster "${cluster.name}" has no https:// server address`,
        `Its server is "${cleanServerUrl(cluster.server)}".`,
        "Put the cluster's https:// address in the kubeconfig (kubectl cluster-info shows it).",
      ),
    );
  }
  const credential = user ? credentialSourceOf(user, cluster) : undefined;
  if (credential && 'problem' in credential) throw new MetricsError(credential.problem);
  const runsCommand = Boolean(user?.exec) || Boolean(authProviderCommand(user));
  if (user && runsCommand && !opts.trusted) {
    const exec = Boolean(user.exec);
    const command = exec
      ? String((user.exec as { command?: unknown }).command ?? '?')
      : String(authProviderCommand(user));
    throw new MetricsError(
      problem(
        'exec-untrusted',
        `Context "${wanted}" logs in with a command (${exec ? 'exec plugin' : 'auth-provider cmd-path'}), and this workspace is not trusted`,
        `The user "${user.name}" runs "${command}" to get a token. In a workspace you have not trusted (restricted mode) Kubewise runs no credential command (exec plugins, auth-provider cmd-path), so it reads no cluster through this context; contexts that log in with a token or a client certificate still work, and linting and quick fixes work as usual. Restricted mode also ignores this workspace's values of kubewise.metrics.kubeconfig, kubewise.metrics.prometheusUrl and the helm, kubectl and kustomize paths.`,
        'Press "Manage Workspace Trust" and trust this folder if you trust its settings and kubeconfig, or choose a context that logs in with a token or certificate.',
      ),
    );
  }
  // The command is Kubewise's to run (with a time limit); client-node gets the user without it.
  const plainUser: User | undefined = user
    ? {
        ...user,
        exec: undefined,
        ...(authProviderCommand(user) ? { authProvider: undefined } : {}),
      }
    : undefined;

  const kc = new KubeConfig();
  // TLS verification stays on whatever the kubeconfig says.
  const safeCluster: Cluster = { ...cluster, skipTLSVerify: false };
  kc.loadFromOptions({
    clusters: [safeCluster],
    users: plainUser ? [plainUser] : [],
    contexts: [ctx],
    currentContext: wanted,
  });
  return {
    kc,
    ...(credential ? { credential } : {}),
    ...(plainUser ? { user: plainUser } : {}),
    files: present,
    contexts: names,
    context: wanted,
    server: cluster.server,
    skipTlsIgnored: cluster.skipTLSVerify,
  };
}

/** The `cmd-path` of a legacy auth-provider (`gcp`, `azure`): a command, so as much a matter of trust as exec. */
function authProviderCommand(user: User | undefined): string | undefined {
  const config = (user?.authProvider as { config?: Record<string, unknown> } | undefined)?.config;
  const cmd = config?.['cmd-path'];
  return typeof cmd === 'string' && cmd.trim() ? cmd : undefined;
}

/** The contexts the kubeconfig defines, for the picker; throws MetricsError like loadKubeconfig. */
export function listContexts(src: KubeconfigSource): { contexts: string[]; current?: string } {
  const { files, origin } = kubeconfigFiles(src);
  const present = origin === 'setting' ? files : files.filter((f) => existsSync(f));
  const names: string[] = [];
  let current: string | undefined;
  for (const f of present) {
    const one = loadOne(f);
    for (const c of one.contexts) if (!names.includes(c.name)) names.push(c.name);
    if (!current && one.currentContext) current = one.currentContext;
  }
  return current ? { contexts: names, current } : { contexts: names };
}

function loadOne(file: string): KubeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    throw new MetricsError(
      problem(
        'kubeconfig-broken',
        `Cannot read the kubeconfig ${file}`,
        code === 'ENOENT'
          ? 'The file does not exist.'
          : code === 'EACCES'
            ? 'Permission denied.'
            : `${code} reading the file.`,
        'Fix the path in "kubewise.metrics.kubeconfig" or KUBECONFIG, or the file permissions.',
      ),
    );
  }
  const kc = new KubeConfig();
  try {
    if (!text.trim()) throw new Error('the file is empty');
    kc.loadFromFile(file);
  } catch (e) {
    const mark = (e as { mark?: { line?: number; column?: number } }).mark;
    const line = typeof mark?.line === 'number' ? mark.line + 1 : entryLine(text, (e as Error).message);
    const reason = (e as { reason?: unknown }).reason;
    const what = typeof reason === 'string' ? reason : firstLine(e instanceof Error ? e.message : String(e));
    throw new MetricsError(
      problem(
        'kubeconfig-broken',
        `The kubeconfig ${file} is broken${line ? ` at line ${line}` : ''}`,
        `${file}${line ? `:${line}` : ''}: ${what}.`,
        'Fix the file (kubectl config view shows what kubectl makes of it), or point Kubewise at another kubeconfig.',
      ),
    );
  }
  return kc;
}

/**
 * The line of `clusters[2]` (as client-node names an invalid entry) in the text: a best effort that follows the
 * top-level key and counts its `- ` items, so that a structural error still names a line.
 */
function entryLine(text: string, message: string): number | undefined {
  const m = /^(clusters|users|contexts)\[(\d+)\]/.exec(message);
  if (!m) return undefined;
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith(`${m[1]}:`));
  if (start < 0) return undefined;
  let n = -1;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\S/.test(l) && !l.startsWith('-')) break;
    if (/^\s*- /.test(l) && l.search(/\S/) <= 2 && ++n === Number(m[2])) return i + 1;
  }
  return start + 1;
}
