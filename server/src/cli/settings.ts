/**
 * The CLI's settings: `.kubewise.yaml` (found like git finds its folder, or named with `--config`) under the
 * command-line flags. The engine parses the file's text; this module only finds and reads it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME, mergeSettings, parseConfig, validateSettings } from '../engine/config';
import type { Profile, Settings } from '../engine/types';
import { UsageError } from './args';
import { ioReason } from './files';

export interface LoadedSettings {
  settings: Settings;
  /** The settings file used, if any (absolute). */
  configPath?: string;
  /** The folder `ignorePaths` of the file are relative to. */
  configDir?: string;
  /** Ignore globs from the settings file only (the CLI's `--ignore` globs are relative to the current folder). */
  fileIgnorePaths: string[];
  /** Problems with the settings file: printed as warnings, the valid parts still apply. */
  warnings: string[];
}

/**
 * `.kubewise.yaml` in `cwd` or the nearest parent folder, stopping at the git root (a folder holding `.git`) or
 * the filesystem root, so a file above the repository never leaks in.
 */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export interface CliSettingFlags {
  config?: string;
  profile?: Profile;
  kubernetesVersion?: string;
}

/** Reads the settings file and layers the flags over it. Throws UsageError for an unreadable `--config` file. */
export function loadSettings(flags: CliSettingFlags, cwd: string, knownRuleIds: ReadonlySet<string>): LoadedSettings {
  const warnings: string[] = [];
  const configPath = flags.config !== undefined ? resolve(cwd, flags.config) : findConfig(cwd);
  let fileSettings: Partial<Settings> = {};
  if (configPath) {
    let text: string;
    try {
      text = readFileSync(configPath, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read config '${flags.config ?? relative(cwd, configPath)}': ${ioReason(e)}`);
    }
    const parsed = parseConfig(text, knownRuleIds);
    const shown = relative(cwd, configPath) || CONFIG_FILE_NAME;
    // The engine names the file by its usual name; say which file it really was.
    for (const p of parsed.problems)
      warnings.push(p.startsWith(CONFIG_FILE_NAME) ? shown + p.slice(CONFIG_FILE_NAME.length) : `${shown}: ${p}`);
    fileSettings = parsed.settings;
  }

  const flagSettings: Partial<Settings> = {};
  if (flags.profile) flagSettings.profile = flags.profile;
  if (flags.kubernetesVersion !== undefined) {
    const checked = validateSettings({ kubernetesVersion: flags.kubernetesVersion }, '--kubernetes-version', undefined);
    if (checked.problems.length)
      throw new UsageError(
        checked.problems[0].replace(/^--kubernetes-version: kubernetesVersion/, '--kubernetes-version'),
      );
    flagSettings.kubernetesVersion = checked.settings.kubernetesVersion;
  }

  const result: LoadedSettings = {
    // ignorePaths are matched by the CLI against the right base folder, so they are kept out of the merge here.
    settings: mergeSettings({ ...fileSettings, ignorePaths: [] }, flagSettings),
    fileIgnorePaths: fileSettings.ignorePaths ?? [],
    warnings,
  };
  result.settings.ignorePaths = [...result.fileIgnorePaths];
  if (configPath) {
    result.configPath = configPath;
    result.configDir = dirname(configPath);
  }
  return result;
}
