// Keeps package.json's `kubewise.rules` setting in step with the rules in server/src/rules: every rule id is a
// property with the four severities as its enum, its description, and its default severity, so that VS Code's
// settings editor completes rule ids and explains them.
//
//   node client/scripts/sync-manifest.mjs           rewrite package.json (only that setting changes)
//   node client/scripts/sync-manifest.mjs --check   exit 1 and say what differs (test/extension/manifest.test.ts)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEditorFindings, loadRules } from '../../scripts/rule-metas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packagePath = join(root, 'package.json');

/** The rules' metadata, read from the TypeScript sources (no build needed). */
export async function loadRuleMetas() {
  return (await loadRules(root)).map((r) => r.meta);
}

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const SEVERITY_DESCRIPTIONS = [
  'Report as an error.',
  'Report as a warning.',
  'Report as information.',
  'Do not run this rule.',
];

/** The `kubewise.rules` setting for these rules, and for the findings the editor makes from the live cluster. */
export function rulesSetting(metas, editorFindings = []) {
  const sorted = [...metas].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  const properties = {};
  for (const m of sorted) {
    const strict = m.strictSeverity && m.strictSeverity !== m.severity ? `, \`${m.strictSeverity}\` in \`strict\`` : '';
    properties[m.id] = {
      type: 'string',
      enum: SEVERITIES,
      enumDescriptions: SEVERITY_DESCRIPTIONS,
      markdownDescription:
        `**${m.category}** · default \`${m.severity}\` in \`recommended\`${strict}${m.fixable ? ' · quick fix' : ''}\n\n` +
        `${m.docs.description}\n\n[Documentation](https://github.com/kubewise/kubewise/blob/main/docs/rules/${m.id}.md)`,
    };
  }
  for (const f of editorFindings) {
    properties[f.id] = {
      type: 'string',
      enum: SEVERITIES,
      enumDescriptions: SEVERITY_DESCRIPTIONS,
      markdownDescription:
        `**cluster** · default \`${f.severity}\` in \`recommended\`, \`${f.minimalSeverity}\` in \`minimal\` · ` +
        `reported by the editor from the live cluster\n\n${f.description}\n\n` +
        `[Documentation](https://github.com/kubewise/kubewise/blob/main/${f.docs})`,
    };
  }
  return {
    type: 'object',
    default: {},
    scope: 'resource',
    properties,
    additionalProperties: false,
    markdownDescription:
      'Per-rule severity overrides, e.g. `{ "cpu-limit-missing": "warning" }`; they win over the profile. ' +
      'Rule ids are listed in the [rule docs](https://github.com/kubewise/kubewise/tree/main/docs/rules).',
  };
}

async function main() {
  const check = process.argv.includes('--check');
  const text = readFileSync(packagePath, 'utf8');
  const pkg = JSON.parse(text);
  const props = pkg.contributes?.configuration?.properties;
  if (!props) throw new Error('package.json has no contributes.configuration.properties');
  const want = rulesSetting(await loadRuleMetas(), await loadEditorFindings(root));
  const have = props['kubewise.rules'];
  if (JSON.stringify(have) === JSON.stringify(want)) {
    if (check) console.log('package.json kubewise.rules is in step with server/src/rules');
    return;
  }
  if (check) {
    const haveIds = Object.keys(have?.properties ?? {});
    const wantIds = Object.keys(want.properties);
    const missing = wantIds.filter((id) => !haveIds.includes(id));
    const extra = haveIds.filter((id) => !wantIds.includes(id));
    console.error(
      'package.json `kubewise.rules` is out of step with server/src/rules' +
        (missing.length ? `\n  missing: ${missing.join(', ')}` : '') +
        (extra.length ? `\n  no longer rules: ${extra.join(', ')}` : '') +
        (!missing.length && !extra.length ? '\n  (descriptions or severities changed)' : '') +
        '\nRun: node client/scripts/sync-manifest.mjs',
    );
    process.exit(1);
  }
  // Re-read right before writing: other people edit other keys of package.json.
  const fresh = JSON.parse(readFileSync(packagePath, 'utf8'));
  fresh.contributes.configuration.properties['kubewise.rules'] = want;
  writeFileSync(packagePath, JSON.stringify(fresh, null, 2) + '\n');
  console.log(`package.json: kubewise.rules now lists ${Object.keys(want.properties).length} rules`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
