/**
 * `kubewise` without the process: arguments, environment and streams come in through `CliIO`, the exit code goes
 * out. `server/src/cli.ts` connects it to the real process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRuleSet, RULES } from '../composition';
import { effectiveSeverity, severityAtLeast } from '../engine/severity';
import type { Settings } from '../engine/types';
import type { AnyRule } from '../engine/rule';
import type { Command, LintCommand, RulesCommand } from './args';
import { HELP, parseArgs, UsageError } from './args';
import { editDistance } from '../model/text';
import { paint, useColor } from './color';
import type { IgnoreRule } from './files';
import { discoverFiles, findReadmes, IgnoreMatcher } from './files';
import { isAbsolute, relative, resolve } from 'node:path';
import type { RenderedOutcome, RenderRoots } from './render';
import { buildFilesSeen, chartsSeen, findRenderRoots, lintRenderRoots, slash } from './render';
import { fixRenderRoots } from './render-fix';
import { findsTool, nodeRenderHost } from './render-host';
import { chartOf } from '../render/roots';
import { jsonReporter } from './format-json';
import type { ActiveRuleInfo } from './format-sarif';
import { sarifReporter } from './format-sarif';
import { textReporter } from './format-text';
import type { Outcome, Source } from './lint';
import { lintSources, lintSourcesAsync } from './lint';
import { LintWorkers, lintSourcesInWorkers, threadCount } from './parallel';
import type { Reporter } from './report';
import { count, emptySummary } from './report';
import { formatRuleTable, ruleRows } from './rules-list';
import { loadSettings } from './settings';
import { packageVersion } from './version';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stdout(s: string | Buffer): void;
  stderr(s: string): void;
  readStdin(): Promise<Buffer>;
  /**
   * Called once before a run lints `files` files on worker threads: the process tunes itself for them (./parallel.ts
   * `tuneProcessForThreads`). Left out in process (tests), where a process-wide change would outlive the run.
   */
  beforeThreads?(files: number): void;
  /**
   * Called once when a lint on this thread has read `LARGE_LINT_CHARS` of text, before it parses the file that
   * crossed it: the process collects its garbage while its heap is small (./heap.ts). Left out in process (tests).
   */
  beforeLargeLint?(): void;
}

const CHART_FILE = /\/Chart\.ya?ml$/;
const dirOf = (path: string): string => path.slice(0, path.lastIndexOf('/'));

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** The rule catalogue a run uses: all rules in production; tests may pass their own (a rule that throws). */
interface Catalogue {
  rules: readonly AnyRule[];
  ids: ReadonlySet<string>;
}

export async function run(argv: readonly string[], io: CliIO, rules: readonly AnyRule[] = RULES): Promise<number> {
  const catalogue: Catalogue = { rules, ids: new Set(rules.map((r) => r.meta.id)) };
  let command: Command;
  try {
    command = parseArgs(argv);
    switch (command.command) {
      case 'help':
        // `kubewise` alone is a usage mistake (help on stderr, exit 2); `kubewise --help` is not.
        if (argv.length === 0) {
          io.stderr(HELP);
          return EXIT_USAGE;
        }
        io.stdout(HELP);
        return EXIT_OK;
      case 'version':
        io.stdout(packageVersion() + '\n');
        return EXIT_OK;
      case 'rules':
        return listRules(command, io, catalogue);
      case 'lint':
        return await lint(command, io, catalogue);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`kubewise: ${e.message}\nRun 'kubewise --help' for usage.\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

function listRules(command: RulesCommand, io: CliIO, { rules, ids }: Catalogue): number {
  if (command.format === 'sarif') throw new UsageError(`'kubewise rules' prints text or json, not sarif`);
  const loaded = loadSettings(command, io.cwd, ids);
  for (const w of loaded.warnings) io.stderr(`kubewise: warning: ${w}\n`);
  const rows = ruleRows(rules, loaded.settings);
  io.stdout(
    command.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : formatRuleTable(rows, loaded.settings.profile),
  );
  return EXIT_OK;
}

/**
 * Checks `--only` ids. A rule it names runs even when the profile turns it off (the user asked for it), but not
 * when the settings file turns it off by name: that is a decision written down for the repository.
 */
function applyOnly(
  only: readonly string[],
  settings: Settings,
  { rules, ids: ruleIds }: Catalogue,
  warn: (message: string) => void,
): Set<string> {
  const unknown = only.filter((id) => !ruleIds.has(id));
  if (unknown.length) {
    const id = unknown[0];
    let best: string | undefined;
    let bestDistance = Math.max(3, Math.floor(id.length / 3));
    for (const known of ruleIds) {
      const d = editDistance(id, known);
      if (d < bestDistance) [best, bestDistance] = [known, d];
    }
    const hint = best ? ` (did you mean '${best}'?)` : '';
    const list = [...ruleIds].sort().join(', ');
    throw new UsageError(
      `unknown rule id '${id}' in --only${hint}\nValid rule ids: ${list}\n('kubewise rules' lists them with their categories.)`,
    );
  }
  for (const id of only) {
    const rule = rules.find((r) => r.meta.id === id)!;
    if (settings.rules[id] === 'off') warn(`--only ${id}: the settings file turns this rule off, so it does not run`);
    else if (effectiveSeverity(rule.meta, settings) === 'off') {
      settings.rules[id] = rule.meta.strictSeverity ?? (rule.meta.severity === 'off' ? 'warning' : rule.meta.severity);
    }
  }
  return new Set(only);
}

async function lint(command: LintCommand, io: CliIO, catalogue: Catalogue): Promise<number> {
  // An explicit `--jobs N` starts its workers now: they load kubewise while this thread reads the settings and
  // walks the folders (see ./parallel.ts; those a run does not need are ended).
  let early: LintWorkers | undefined;
  if (!command.fix && command.jobs !== undefined && command.jobs > 1 && catalogue.rules === RULES) {
    early = new LintWorkers(command.jobs - 1);
  }
  try {
    return await lintWith(early, command, io, catalogue);
  } finally {
    await early?.close();
  }
}

async function lintWith(
  early: LintWorkers | undefined,
  command: LintCommand,
  io: CliIO,
  catalogue: Catalogue,
): Promise<number> {
  const loaded = loadSettings(command, io.cwd, catalogue.ids);
  for (const w of loaded.warnings) io.stderr(`kubewise: warning: ${w}\n`);
  const settings = loaded.settings;
  const only = command.only
    ? applyOnly(command.only, settings, catalogue, (m) => io.stderr(`kubewise: warning: ${m}\n`))
    : undefined;
  const ruleSet = createRuleSet(settings, only, catalogue.rules);

  const paths = command.paths.length ? command.paths : ['.'];
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError(`'-' (standard input) can be given only once`);
  const stdinBytes = paths.includes('-') ? await io.readStdin() : undefined;

  const ignoreRules: IgnoreRule[] = [];
  if (loaded.configDir) ignoreRules.push({ base: loaded.configDir, patterns: loaded.fileIgnorePaths });
  ignoreRules.push({ base: io.cwd, patterns: command.ignore });
  const ignore = new IgnoreMatcher(ignoreRules);

  // With `--fix` on stdin, stdout carries the fixed text; the report moves to stderr.
  const fixedToStdout = command.fix && stdinBytes !== undefined;
  const reportOut = fixedToStdout ? (s: string): void => io.stderr(s) : (s: string): void => io.stdout(s);
  const color = useColor(command.color, io.env, fixedToStdout ? false : io.stdoutIsTTY);
  const reporter: Reporter =
    command.format === 'json'
      ? jsonReporter(reportOut)
      : command.format === 'sarif'
        ? sarifReporter(reportOut, activeRules(catalogue.rules, settings, only), packageVersion())
        : textReporter(reportOut, {
            paint: paint(color),
            verbose: command.verbose,
            fixMode: command.fix,
            unsafeMode: command.unsafeFixes,
          });

  const summary = emptySummary();
  let ioError = false;
  let failing = false;

  // Charts and overlays first: their files are then left out of the file-by-file lint.
  const events = [...discoverFiles(paths, io.cwd, ignore)];
  const host = nodeRenderHost(io.env);
  const roots = findRenderRoots(events, host);
  let rendered: RenderedOutcome | undefined;
  /** Charts and overlays rendering while this thread lints the plain files (without `--fix`). */
  let rendering: Promise<RenderedOutcome> | undefined;
  let renderFixed = new Map<string, number>();
  // The YAML files linted one by one, and the files of the overlays they see (./render.ts `buildFilesSeen`): each
  // side's cross-object rules see the other's objects.
  const plainFiles = events.flatMap((ev) =>
    ev.type === 'file' && !roots.covered(ev.file.abs) && /\.ya?ml$/i.test(ev.file.abs) ? [slash(ev.file.abs)] : [],
  );
  const seenBuildFiles = buildFilesSeen(roots, host, plainFiles);
  const seenCharts = chartsSeen(roots, plainFiles);
  if (roots.charts.length || roots.overlays.length) {
    const renderOptions = {
      helmPath: command.helm,
      valuesFiles: command.values.map((v) => slash(resolve(io.cwd, v))),
      set: command.set,
      namespace: command.namespace,
      kubernetesVersion: settings.kubernetesVersion,
      kubectlPath: command.kubectl,
      kustomizePath: command.kustomize,
      toolNames: 'flags' as const,
    };
    if (command.fix) {
      const result = await fixRenderRoots(
        roots,
        host,
        ruleSet,
        renderOptions,
        (file, text) => writeFileSync(file, text),
        command.unsafeFixes,
        plainFiles,
      );
      renderFixed = result.fixed;
      // A fix that broke its chart or overlay was rolled back: say which, where, and what the render said.
      for (const n of result.notFixed) {
        const where = `${relative(io.cwd, n.file) || n.file}:${n.line + 1}:${n.character + 1}`;
        io.stderr(`kubewise: not fixed: ${where} [${n.ruleId}] ${n.message} The fix was rolled back: ${n.reason}\n`);
      }
      summary.rolledBack += result.notFixed.length;
      rendered = await lintRenderRoots(roots, host, ruleSet, renderOptions, plainFiles);
    } else {
      // helm and kubectl run as child processes (other cores) while this thread lints the plain files, below
      rendering = lintRenderRoots(roots, host, ruleSet, renderOptions, plainFiles);
    }
  }
  /** Charts and overlays whose tool is missing: their files are linted one by one, as plain files. */
  let fallback: readonly string[] = [];
  const rendersDone = (r: RenderedOutcome): void => {
    rendered = r;
    for (const note of r.notes) io.stderr(`kubewise: ${note}\n`);
    // What was given could not be linted as asked: never a clean exit that reads as "0 problems".
    if (r.fallback.length) ioError = true;
    fallback = r.fallback;
  };
  if (rendered) rendersDone(rendered);
  const viaRender = (abs: string): boolean =>
    roots.covered(abs) && !fallback.some((d) => slash(abs).startsWith(d + '/'));

  type Event = (typeof events)[number];
  /** The source an event names (a file or stdin to lint here), else undefined. */
  function sourceOf(ev: Event): Source | undefined {
    if (ev.type === 'stdin') {
      return {
        display: '<stdin>',
        read: () => stdinBytes!,
        write: (content) => io.stdout(content),
        requireManifest: false,
      };
    }
    if (ev.type !== 'file' || viaRender(ev.file.abs)) return undefined;
    return fileSource(ev.file);
  }
  function fileSource({ abs, display, discovered }: Extract<Event, { type: 'file' }>['file']): Source {
    return {
      display,
      read: () => readFileSync(abs),
      path: abs,
      write: (content, changed) => {
        if (changed) writeFileSync(abs, content);
      },
      requireManifest: discovered && abs.toLowerCase().endsWith('.json'),
      inChart: () => chartOf(host, slash(abs)) !== undefined,
    };
  }
  /**
   * The files of the overlays the plain files see, which are linted through their builds: the plain files'
   * cross-object rules see their objects (a plain HPA beside a kustomization scales the Deployment it builds), as in
   * the editor.
   */
  function* buildInputs(): Generator<Source> {
    for (const ev of events) {
      if (ev.type !== 'file' || !viaRender(ev.file.abs)) continue;
      const abs = slash(ev.file.abs);
      // a chart's Chart.yaml marks its folder as a deployment root, as a kustomization does
      if (seenBuildFiles.has(abs) || (CHART_FILE.test(abs) && rendered?.chartDocuments.has(dirOf(abs))))
        yield fileSource(ev.file);
    }
    // the charts' rendered documents, one text per template, under the template's path as the run shows paths
    for (const [chart, documents] of rendered?.chartDocuments ?? []) {
      if (fallback.includes(chart)) continue;
      const chartFile = events.find(
        (ev) => ev.type === 'file' && dirOf(slash(ev.file.abs)) === chart && CHART_FILE.test(slash(ev.file.abs)),
      );
      const absolute = chartFile?.type === 'file' && isAbsolute(chartFile.file.display);
      const texts = new Map<string, string[]>();
      for (const d of documents) {
        const file = d.uri.replace(/#\d+$/, '');
        texts.set(file, [...(texts.get(file) ?? []), d.text]);
      }
      for (const [file, parts] of texts) {
        const text = parts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('---\n');
        yield {
          display: absolute ? file : slash(relative(io.cwd, file)),
          read: () => Buffer.from(text),
          write: () => undefined,
          requireManifest: false,
        };
      }
    }
  }
  /** What an event that is no source reports: an ignored path, a path that cannot be read. */
  function note(ev: Event): void {
    if (ev.type === 'ignored') {
      summary.ignored++;
      reporter.skipped(ev.display, 'ignored');
    } else if (ev.type === 'error') {
      io.stderr(`kubewise: ${ev.message}\n`);
      ioError = true;
    }
  }
  function* sources(): Generator<Source> {
    for (const ev of events) {
      const source = sourceOf(ev);
      if (source) yield source;
      else note(ev);
    }
  }

  const readmes = findReadmes(
    events.flatMap((ev) => (ev.type === 'file' ? [ev.file] : [])),
    io.cwd,
  );
  // Text and JSON output say whether a finding has a fix and of which kind, never what it writes: the fixes of such
  // a run are built without rendering their values (`LintOptions.fixTexts`). SARIF carries the edits; `--fix`
  // applies them.
  const fixTexts = command.fix || command.format === 'sarif';
  const options = {
    fix: command.fix,
    unsafeFixes: command.unsafeFixes,
    readmes,
    beforeLargeLint: io.beforeLargeLint,
    fixTexts,
    context: buildInputs,
  };
  // Worker threads lint the files, with the same outcomes; `--fix` stays on one thread (see ./parallel.ts), and so
  // does a run with rules other than the built-in ones (they cannot be sent to a thread).
  let list = events.flatMap((ev) => sourceOf(ev) ?? []);
  const threads = command.fix || catalogue.rules !== RULES ? 1 : threadCount(command.jobs, list.length);
  /** The outcomes of `list`, in its order, when linted before the report (see `inRunOrder`). */
  let linted: Outcome[] | undefined;
  if (rendering) {
    // The plain files while charts and overlays render, giving the event loop a turn every few milliseconds so
    // that helm's and kubectl's output is read, and each chart or overlay linted, as it comes.
    // only when the tools are there: a chart or overlay without its tool falls back to its files, and the plain
    // files would then be linted twice (see below); and only when no plain file sees a chart, whose objects exist
    // only once helm has rendered it (`buildInputs`)
    if (threads === 1 && seenCharts.length === 0 && renderToolsFound(roots, command, io))
      linted = await lintSourcesAsync(list, ruleSet, options);
    rendersDone(await rendering);
    if (fallback.length) {
      // a chart or overlay whose tool is missing joins the plain files: the files are one workspace, linted again
      linted = undefined;
      list = events.flatMap((ev) => sourceOf(ev) ?? []);
    }
  }
  /**
   * Outcomes reported in the order of a one-thread lint, which reads every file before the first report when rules
   * read the workspace, and otherwise reports each file as it comes (with the notes of paths that are no source).
   */
  const inRunOrder = (all: readonly Outcome[]): Iterable<Outcome> =>
    (function* (): Generator<Outcome> {
      let next = 0;
      for (const ev of events) {
        if (!sourceOf(ev)) note(ev);
        else if (!ruleSet.hasIndexRules) yield all[next++];
      }
      if (ruleSet.hasIndexRules) yield* all;
    })();
  let outcomes: Iterable<Outcome> = linted ? inRunOrder(linted) : lintSources(sources(), ruleSet, options);
  if (!linted && threads > 1) {
    io.beforeThreads?.(list.length);
    linted = await lintSourcesInWorkers(
      list,
      {
        settings,
        only,
        readmes,
        hasIndexRules: ruleSet.hasIndexRules,
        threads,
        fixTexts,
        context: [...buildInputs()],
      },
      early,
    );
    outcomes = inRunOrder(linted);
  }
  for (const outcome of outcomes) {
    switch (outcome.kind) {
      case 'linted': {
        summary.files++;
        if (outcome.fixed > 0) {
          summary.fixed += outcome.fixed;
          summary.fixedFiles++;
        }
        const diagnostics = command.quiet
          ? outcome.diagnostics.filter((d) => d.severity === 'error')
          : outcome.diagnostics;
        for (const d of diagnostics) {
          count(summary, d.severity);
          if (d.fix?.safety === 'safe') summary.fixable++;
          else if (d.fix) summary.unsafeFixable++;
          if (severityAtLeast(d.severity, command.maxSeverity)) failing = true;
        }
        const seen = new Set<string>();
        for (const f of outcome.failures) {
          if (seen.has(f.ruleId)) continue;
          seen.add(f.ruleId);
          io.stderr(
            `kubewise: warning: rule '${f.ruleId}' failed on ${outcome.display} (other rules still ran): ${f.message.split('\n')[0]}\n`,
          );
        }
        reporter.file({ display: outcome.display, diagnostics, failures: outcome.failures, fixed: outcome.fixed });
        break;
      }
      case 'skipped':
        summary.skipped.set(outcome.reason, (summary.skipped.get(outcome.reason) ?? 0) + 1);
        reporter.skipped(outcome.display, outcome.reason);
        break;
      case 'error':
        io.stderr(`kubewise: ${outcome.message}\n`);
        ioError = true;
        break;
      case 'other':
        break;
    }
  }
  const renderedFiles = new Map(rendered?.files ?? []);
  for (const file of renderFixed.keys()) if (!renderedFiles.has(file)) renderedFiles.set(file, []);
  for (const [file, list] of renderedFiles) {
    summary.files++;
    const fixed = renderFixed.get(file) ?? 0;
    if (fixed > 0) {
      summary.fixed += fixed;
      summary.fixedFiles++;
    }
    const diagnostics = command.quiet ? list.filter((d) => d.severity === 'error') : list;
    for (const d of diagnostics) {
      count(summary, d.severity);
      // as for plain files: `fixable` is what --fix applies (safe), the rest needs --unsafe-fixes
      if (d.fix?.safety === 'safe') summary.fixable++;
      else if (d.fix) summary.unsafeFixable++;
      if (severityAtLeast(d.severity, command.maxSeverity)) failing = true;
    }
    const display = relative(io.cwd, file) || file;
    reporter.file({ display, diagnostics, failures: [], fixed });
  }
  reporter.end(summary);
  return ioError ? EXIT_USAGE : failing ? EXIT_FINDINGS : EXIT_OK;
}

/** Whether helm (for charts) and kubectl or kustomize (for overlays) are there to be started, as `--helm` … name them. */
function renderToolsFound(roots: RenderRoots, command: LintCommand, io: CliIO): boolean {
  const found = (cmd: string): boolean => findsTool(cmd, io.env, io.cwd);
  const helm = roots.charts.length === 0 || found(command.helm ?? 'helm');
  const kustomize =
    roots.overlays.length === 0 ||
    (command.kustomize !== undefined
      ? found(command.kustomize)
      : command.kubectl !== undefined
        ? found(command.kubectl)
        : found('kubectl') || found('kustomize'));
  return helm && kustomize;
}

function activeRules(
  rules: readonly AnyRule[],
  settings: Settings,
  only: ReadonlySet<string> | undefined,
): ActiveRuleInfo[] {
  const out: ActiveRuleInfo[] = [];
  for (const rule of rules) {
    if (only && !only.has(rule.meta.id)) continue;
    const severity = effectiveSeverity(rule.meta, settings);
    if (severity !== 'off') out.push({ meta: rule.meta, severity });
  }
  return out;
}
