/**
 * `.kubewise.yaml` at a workspace root, and how it merges with editor settings. The file is parsed here from text
 * (the engine never touches the filesystem); the CLI and the language server read it and pass the text in.
 *
 *   profile: recommended            # minimal | recommended | strict
 *   kubernetesVersion: "1.33"
 *   rules:
 *     cpu-limit-missing: warning    # error | warning | info | off
 *   ignorePaths: ["charts/**"]
 */
import { isScalar } from '../yaml/nodes';
import { parseYamlDocument } from '../yaml/parse';
import type { Profile, Settings, SeverityOrOff } from './types';
import { DEFAULT_SETTINGS } from './types';

export const CONFIG_FILE_NAME = '.kubewise.yaml';

const PROFILES: readonly Profile[] = ['minimal', 'recommended', 'strict'];
const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warning', 'info', 'off'];

export interface ConfigResult {
  settings: Partial<Settings>;
  /** Problems with the file, each a sentence that says what to change. */
  problems: string[];
}

export function parseConfig(text: string, knownRuleIds?: ReadonlySet<string>): ConfigResult {
  const problems: string[] = [];
  let raw: unknown;
  const doc = parseYamlDocument(text);
  if (doc.errors.length) {
    return {
      settings: {},
      problems: [`${CONFIG_FILE_NAME} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`],
    };
  }
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return {
      settings: {},
      problems: [`${CONFIG_FILE_NAME} could not be read: ${(e as Error).message.split('\n')[0]}`],
    };
  }
  // `kubernetesVersion: 1.30` is the float 1.3 to YAML; the written text is what the author meant.
  const version = doc.get('kubernetesVersion', true);
  if (isScalar(version) && typeof version.value === 'number' && version.source && raw && typeof raw === 'object') {
    (raw as Record<string, unknown>).kubernetesVersion = version.source;
  }
  if (raw === null || raw === undefined) return { settings: {}, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      settings: {},
      problems: [`${CONFIG_FILE_NAME} must be a mapping (profile, rules, kubernetesVersion, ignorePaths).`],
    };
  }
  return validateSettings(raw as Record<string, unknown>, CONFIG_FILE_NAME, knownRuleIds, problems);
}

/** Checks a settings object (from the file or from an editor) key by key, keeping what is valid. */
export function validateSettings(
  raw: Record<string, unknown>,
  source: string,
  knownRuleIds: ReadonlySet<string> | undefined,
  problems: string[] = [],
): ConfigResult {
  const settings: Partial<Settings> = {};
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'profile':
        if (PROFILES.includes(value as Profile)) settings.profile = value as Profile;
        else problems.push(`${source}: profile must be one of ${PROFILES.join(', ')} (got ${JSON.stringify(value)}).`);
        break;
      case 'kubernetesVersion': {
        const v = typeof value === 'number' ? value.toFixed(2).replace(/0$/, '') : value;
        if (typeof v === 'string' && /^v?1\.\d+(\.\d+)?$/.test(v))
          settings.kubernetesVersion = v.replace(/^v/, '').split('.').slice(0, 2).join('.');
        else problems.push(`${source}: kubernetesVersion must look like "1.33" (got ${JSON.stringify(value)}).`);
        break;
      }
      case 'rules': {
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${source}: rules must map rule ids to error, warning, info or off.`);
          break;
        }
        const rules: Record<string, SeverityOrOff> = {};
        for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
          if (knownRuleIds && !knownRuleIds.has(id)) {
            problems.push(`${source}: unknown rule id "${id}" (see docs/rules for the list).`);
            continue;
          }
          if (SEVERITIES.includes(sev as SeverityOrOff)) rules[id] = sev as SeverityOrOff;
          else
            problems.push(`${source}: rules.${id} must be error, warning, info or off (got ${JSON.stringify(sev)}).`);
        }
        settings.rules = rules;
        break;
      }
      case 'ignorePaths':
        if (Array.isArray(value) && value.every((v) => typeof v === 'string')) settings.ignorePaths = value as string[];
        else problems.push(`${source}: ignorePaths must be a list of glob strings.`);
        break;
      default:
        if (source === CONFIG_FILE_NAME)
          problems.push(`${source}: unknown key "${key}" (known: profile, kubernetesVersion, rules, ignorePaths).`);
    }
  }
  return { settings, problems };
}

/**
 * Layers settings: defaults, then the workspace's `.kubewise.yaml`, then what the user set in the editor (or on
 * the command line). Rule maps merge key by key; an editor value equal to the default does not hide the file's.
 */
export function mergeSettings(...layers: Array<Partial<Settings> | undefined>): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, rules: {}, ignorePaths: [] };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.profile) out.profile = layer.profile;
    if (layer.kubernetesVersion) out.kubernetesVersion = layer.kubernetesVersion;
    if (layer.rules) Object.assign(out.rules, layer.rules);
    if (layer.ignorePaths?.length) out.ignorePaths = [...out.ignorePaths, ...layer.ignorePaths];
  }
  return out;
}

/** Drops editor values that equal the defaults, so that a workspace file can set them. */
export function withoutDefaults(settings: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (settings.profile && settings.profile !== DEFAULT_SETTINGS.profile) out.profile = settings.profile;
  if (settings.kubernetesVersion && settings.kubernetesVersion !== DEFAULT_SETTINGS.kubernetesVersion) {
    out.kubernetesVersion = settings.kubernetesVersion;
  }
  if (settings.rules && Object.keys(settings.rules).length) out.rules = settings.rules;
  if (settings.ignorePaths?.length) out.ignorePaths = settings.ignorePaths;
  return out;
}
