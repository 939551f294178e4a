/**
 * Command-line parsing for `kubewise`. Hand-written (no dependency): the grammar is small, and every mistake must
 * become one clear sentence with a hint to `--help`, never a stack trace.
 */
import type { Profile, Severity } from '../engine/types';
import { editDistance } from '../model/text';

export type Format = 'text' | 'json' | 'sarif';

export interface LintCommand {
  command: 'lint';
  paths: string[];
  format: Format;
  profile?: Profile;
  /** Rule ids given to `--only`, in the order written (validated later against the rule list). */
  only?: string[];
  fix: boolean;
  /** `--unsafe-fixes`: with `--fix`, apply fixes that change what runs too. */
  unsafeFixes: boolean;
  config?: string;
  maxSeverity: Severity;
  kubernetesVersion?: string;
  /** `--color` / `--no-color`; undefined means decide from the terminal and the environment. */
  color?: boolean;
  quiet: boolean;
  verbose: boolean;
  /** `--ignore <glob>`: extra ignored paths, relative to the current directory. */
  ignore: string[];
  /** Charts: `--values <file>` (repeatable), `--set key=value` (repeatable), `--namespace`, `--helm <path>`. */
  values: string[];
  set: string[];
  namespace?: string;
  helm?: string;
  /** Overlays: `--kubectl <path>` or `--kustomize <path>` (a standalone kustomize). */
  kubectl?: string;
  kustomize?: string;
  /** `--jobs N`: threads that lint files (1: the main thread only); undefined: as many as the machine has cores. */
  jobs?: number;
}

export interface RulesCommand {
  command: 'rules';
  format: Format;
  profile?: Profile;
  config?: string;
}

export type Command =
  | LintCommand
  | RulesCommand
  | { command: 'help'; topic?: 'lint' | 'rules' }
  | { command: 'version' };

/** A mistake on the command line: exit code 2, the message, and a pointer to `--help`. */
export class UsageError extends Error {}

const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];
const PROFILES: readonly Profile[] = ['minimal', 'recommended', 'strict'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

interface OptionSpec {
  /** Names that take this option, long first. */
  names: readonly string[];
  /** The value's name in messages, when the option takes one. */
  value?: string;
  commands: ReadonlyArray<'lint' | 'rules'>;
}

const OPTIONS: Record<string, OptionSpec> = {
  format: { names: ['--format', '-f'], value: 'text|json|sarif', commands: ['lint', 'rules'] },
  profile: { names: ['--profile'], value: 'minimal|recommended|strict', commands: ['lint', 'rules'] },
  only: { names: ['--only'], value: 'id,id…', commands: ['lint'] },
  fix: { names: ['--fix'], commands: ['lint'] },
  unsafeFixes: { names: ['--unsafe-fixes'], commands: ['lint'] },
  config: { names: ['--config', '-c'], value: 'file', commands: ['lint', 'rules'] },
  maxSeverity: { names: ['--max-severity'], value: 'error|warning|info', commands: ['lint'] },
  kubernetesVersion: { names: ['--kubernetes-version'], value: '1.N', commands: ['lint'] },
  color: { names: ['--color'], commands: ['lint'] },
  noColor: { names: ['--no-color'], commands: ['lint'] },
  quiet: { names: ['--quiet', '-q'], commands: ['lint'] },
  verbose: { names: ['--verbose'], commands: ['lint'] },
  ignore: { names: ['--ignore'], value: 'glob', commands: ['lint'] },
  values: { names: ['--values'], value: 'file', commands: ['lint'] },
  set: { names: ['--set'], value: 'key=value', commands: ['lint'] },
  namespace: { names: ['--namespace', '-n'], value: 'namespace', commands: ['lint'] },
  helm: { names: ['--helm'], value: 'path', commands: ['lint'] },
  kubectl: { names: ['--kubectl'], value: 'path', commands: ['lint'] },
  kustomize: { names: ['--kustomize'], value: 'path', commands: ['lint'] },
  jobs: { names: ['--jobs', '-j'], value: 'N', commands: ['lint'] },
  help: { names: ['--help', '-h'], commands: ['lint', 'rules'] },
};

const BY_NAME = new Map<string, string>();
for (const [key, spec] of Object.entries(OPTIONS)) for (const n of spec.names) BY_NAME.set(n, key);

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value '${value}' for ${flag} (expected ${allowed.join(', ')})`);
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) return { command: 'help' };
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0] === 'lint' || rest[0] === 'rules' ? rest[0] : undefined;
    return { command: 'help', topic };
  }
  if (first === '--version' || first === '-V' || first === 'version') return { command: 'version' };
  if (first !== 'lint' && first !== 'rules') {
    if (first.startsWith('-'))
      throw new UsageError(`unknown option '${first}' (options come after a command: kubewise lint ${first} …)`);
    throw new UsageError(`unknown command '${first}' (commands: lint, rules; to lint a path: kubewise lint ${first})`);
  }
  const command = first;

  const lint: LintCommand = {
    command: 'lint',
    paths: [],
    format: 'text',
    fix: false,
    unsafeFixes: false,
    maxSeverity: 'error',
    quiet: false,
    verbose: false,
    ignore: [],
    values: [],
    set: [],
  };
  let onlyOptions = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (onlyOptions || arg === '-' || !arg.startsWith('-')) {
      if (command === 'rules') throw new UsageError(`'kubewise rules' takes no paths (got '${arg}')`);
      lint.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyOptions = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const key = BY_NAME.get(name);
    if (!key) throw new UsageError(`unknown option '${name}'${closest(name)}`);
    const spec = OPTIONS[key];
    if (!spec.commands.includes(command))
      throw new UsageError(`option '${name}' does not apply to 'kubewise ${command}'`);
    let value: string | undefined;
    if (spec.value) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < rest.length && (!rest[i + 1].startsWith('-') || rest[i + 1] === '-')) value = rest[++i];
      else throw new UsageError(`option '${name}' needs a value (${spec.value})`);
      if (value === '') throw new UsageError(`option '${name}' needs a value (${spec.value})`);
    } else if (eq > 0) {
      throw new UsageError(`option '${name}' takes no value`);
    }
    switch (key) {
      case 'help':
        return { command: 'help', topic: command };
      case 'format':
        lint.format = oneOf(value!, FORMATS, name);
        break;
      case 'profile':
        lint.profile = oneOf(value!, PROFILES, name);
        break;
      case 'only': {
        const ids = value!
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (ids.length === 0) throw new UsageError(`option '--only' needs at least one rule id`);
        lint.only = [...(lint.only ?? []), ...ids];
        break;
      }
      case 'fix':
        lint.fix = true;
        break;
      case 'unsafeFixes':
        lint.unsafeFixes = true;
        break;
      case 'config':
        lint.config = value;
        break;
      case 'maxSeverity':
        lint.maxSeverity = oneOf(value!, SEVERITIES, name);
        break;
      case 'kubernetesVersion':
        lint.kubernetesVersion = value;
        break;
      case 'color':
        lint.color = true;
        break;
      case 'noColor':
        lint.color = false;
        break;
      case 'quiet':
        lint.quiet = true;
        break;
      case 'verbose':
        lint.verbose = true;
        break;
      case 'ignore':
        lint.ignore.push(value!);
        break;
      case 'values':
        lint.values.push(value!);
        break;
      case 'set':
        lint.set.push(value!);
        break;
      case 'namespace':
        lint.namespace = value;
        break;
      case 'helm':
        lint.helm = value;
        break;
      case 'kubectl':
        lint.kubectl = value;
        break;
      case 'kustomize':
        lint.kustomize = value;
        break;
      case 'jobs':
        if (!/^[1-9][0-9]{0,3}$/.test(value!))
          throw new UsageError(`invalid value '${value}' for ${name} (expected a number of threads, 1 or more)`);
        lint.jobs = Number(value);
        break;
    }
  }
  if (lint.unsafeFixes && !lint.fix) throw new UsageError(`'--unsafe-fixes' needs '--fix'`);
  if (command === 'rules') {
    const out: RulesCommand = { command: 'rules', format: lint.format };
    if (lint.profile) out.profile = lint.profile;
    if (lint.config) out.config = lint.config;
    return out;
  }
  return lint;
}

/** ` (did you mean '--format'?)` for a near miss, else nothing. */
function closest(name: string): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of BY_NAME.keys()) {
    const d = editDistance(name, known);
    if (d < bestDistance) {
      bestDistance = d;
      best = known;
    }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

export const HELP = `kubewise — lint Kubernetes manifests

Usage:
  kubewise lint [options] [paths…]   lint files, folders and globs (default: the current folder)
  kubewise rules [options]           list the rules: id, category, severity, fixable
  kubewise --help | --version

Paths:
  file.yaml        a file (any extension)
  folder/          every *.yaml, *.yml and *.json manifest below it (node_modules and .git skipped); a folder
                   with a Chart.yaml is rendered with helm, one with a kustomization.yaml is built with
                   kubectl kustomize, and findings are placed on their templates, values, patches and bases
  'glob/**/*.yaml' a glob, expanded by kubewise (quote it so the shell leaves it alone)
  -                read one manifest from standard input (shown as <stdin>)

Options:
  -f, --format <text|json|sarif>     output format (default text)
      --profile <minimal|recommended|strict>
                                     rule profile (default: .kubewise.yaml, else recommended)
      --only <id,id…>                run only these rules (on even when the profile has them off; not when the
                                     settings file turns them off by name)
      --fix                          apply the safe fixes in place (stdin: print the fixed text), then report
                                     what remains; safe fixes never change what runs
      --unsafe-fixes                 with --fix, also apply the fixes that change what runs (hardening,
                                     resources, replicas, probes, new objects); review the diff
  -c, --config <file>                settings file (default: .kubewise.yaml in the current folder or the nearest
                                     parent, up to the git root)
      --max-severity <error|warning|info>
                                     exit 1 when a finding is at least this severe (default error)
      --kubernetes-version <1.N>     the Kubernetes version the manifests target
      --ignore <glob>                skip matching paths (relative to the current folder; repeatable)
      --values <file>                Helm values file for charts (repeatable; later files win)
      --set <key=value>              Helm value for charts (repeatable)
  -n, --namespace <namespace>        release namespace for charts; namespace of objects that set none
      --helm <path>                  the helm program (default: helm on PATH)
      --kubectl <path>               the kubectl program for overlays (default: kubectl, else kustomize, on PATH)
      --kustomize <path>             a standalone kustomize program for overlays
  -j, --jobs <N>                     lint files on N threads (default: one per core from 500 files; 1: no
                                     worker threads; --fix always runs on one)
  -q, --quiet                        report errors only
      --verbose                      also list skipped files (Helm templates, binary files, ignored paths)
      --color, --no-color            force colour on or off (default: on for a terminal; NO_COLOR and FORCE_COLOR
                                     are respected)
  -h, --help                         show this help
  -V, --version                      print the version

Exit codes:
  0  no finding at or above --max-severity
  1  findings at or above --max-severity
  2  a usage error, an unreadable path or settings file
`;
