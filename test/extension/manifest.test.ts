/**
 * package.json as an extension manifest: in step with the rules (client/scripts/sync-manifest.mjs), with the
 * commands the client registers, the settings the server reads, and files that exist.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { COMMANDS, EDITOR_FINDINGS, FIX_ALL_KIND, LIVE_DRIFT, SETTINGS_SECTION } from '../../server/src/protocol';
import { RULES as allRules } from '../../server/src/composition';
import { repoRoot } from '../support/paths';

interface SettingSchema {
  type: string;
  default?: unknown;
  enum?: string[];
  properties?: Record<string, SettingSchema & { markdownDescription?: string }>;
  additionalProperties?: unknown;
  description?: string;
  markdownDescription?: string;
}

// What client and server share lives in server/src/protocol (the client bundle inlines it).
const SECTION = SETTINGS_SECTION;

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const settings = pkg.contributes.configuration.properties as Record<string, SettingSchema>;

test('kubewise.rules lists every rule with its description (client/scripts/sync-manifest.mjs --check)', () => {
  const r = spawnSync(process.execPath, [join(repoRoot, 'client', 'scripts', 'sync-manifest.mjs'), '--check'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr || r.stdout);
  const rules = settings['kubewise.rules'];
  assert.equal(rules.additionalProperties, false, 'a misspelt rule id is flagged in settings.json');
  assert.deepEqual(
    Object.keys(rules.properties!).sort(),
    [...allRules.map((x) => x.meta.id), ...EDITOR_FINDINGS.map((f) => f.id)].sort(),
  );
  // A finding the editor makes from the cluster is a known key too, with its own default and page.
  const drift = rules.properties![LIVE_DRIFT.id];
  assert.deepEqual(drift.enum, ['error', 'warning', 'info', 'off']);
  assert.ok(drift.markdownDescription!.includes(LIVE_DRIFT.description), 'live-drift: description');
  assert.ok(drift.markdownDescription!.includes('`off` in `minimal`'), 'live-drift: off in minimal');
  assert.ok(drift.markdownDescription!.includes(LIVE_DRIFT.docs), 'live-drift: documentation link');
  for (const rule of allRules) {
    const p = rules.properties![rule.meta.id];
    assert.deepEqual(p.enum, ['error', 'warning', 'info', 'off']);
    assert.ok(p.markdownDescription!.includes(rule.meta.docs.description), `${rule.meta.id}: description`);
    assert.ok(
      p.markdownDescription!.includes(`default \`${rule.meta.severity}\``),
      `${rule.meta.id}: default severity`,
    );
  }
});

test('every setting the language server reads is contributed, with the engine defaults', () => {
  for (const key of [
    'enable',
    'profile',
    'rules',
    'kubernetesVersion',
    'ignorePaths',
    'trace.server',
    'fixOnSave',
    'files.include',
    'files.exclude',
    'schemaValidation',
    'crds',
    'helm.path',
    'helm.valuesFiles',
    'helm.namespace',
    'kubectl.path',
    'kustomize.path',
  ]) {
    const s = settings[`${SECTION}.${key}`];
    assert.ok(s, `${SECTION}.${key} is contributed`);
    assert.ok(s.description || s.markdownDescription, `${SECTION}.${key} is described`);
  }
  assert.equal(settings['kubewise.profile'].default, DEFAULT_SETTINGS.profile);
  assert.deepEqual(settings['kubewise.profile'].enum, ['minimal', 'recommended', 'strict']);
  assert.equal(settings['kubewise.kubernetesVersion'].default, DEFAULT_SETTINGS.kubernetesVersion);
  assert.equal(settings['kubewise.fixOnSave'].default, false, 'fix on save is off by default');
  assert.equal(settings['kubewise.schemaValidation'].default, 'auto');
  assert.deepEqual(settings['kubewise.crds'].default, [], 'no CRD files outside the workspace by default');
});

test('commands: package.json and the client agree', () => {
  // kubewise.showDocumentation is the language server's command (executeCommandProvider), if it is listed at all.
  const declared = (pkg.contributes.commands as Array<{ command: string; title: string; category: string }>)
    .map((c) => c.command)
    .filter((c) => c !== 'kubewise.showDocumentation')
    .sort();
  assert.deepEqual(declared, Object.values(COMMANDS).sort());
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'Kubewise');
  const extension = readFileSync(join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');
  for (const [key, id] of Object.entries(COMMANDS)) {
    assert.ok(extension.includes(`registerCommand(COMMANDS.${key},`), `${id} is registered in extension.ts`);
  }
  assert.equal(FIX_ALL_KIND, 'source.fixAll.kubewise');
});

test('activation, entry point, contributed files and walkthrough media exist', () => {
  assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
  assert.equal(pkg.main, './client/out/extension.js');
  const files = [
    pkg.icon,
    ...pkg.contributes.snippets.map((s: { path: string }) => s.path),
    ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
    ...pkg.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown?: string; image?: string } }> }) =>
      w.steps.map((s) => s.media.markdown ?? s.media.image),
    ),
  ];
  for (const f of files) assert.ok(existsSync(join(repoRoot, f)), `${f} exists`);
  assert.ok(pkg.contributes.snippets.every((s: { language: string }) => s.language === 'yaml'));
  const steps = pkg.contributes.walkthroughs[0].steps as Array<{ description: string }>;
  const linked = steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]));
  for (const c of linked)
    assert.ok(c.startsWith('workbench.') || Object.values<string>(COMMANDS).includes(c), `walkthrough links ${c}`);
});

test('.vscodeignore ships only bundles and assets (vsce ls)', () => {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').filter(Boolean).sort();
  const allowed = [
    /^package\.json$/,
    /^(README|CHANGELOG|LICENSE)(\.md)?$/,
    /^client\/out\/extension\.js$/,
    /^server\/out\/(server|cli|cli-main)\.js$/,
    /^server\/out\/cli-main\.cache$/,
    /^client\/media\/[\w./-]+\.(png|css|js|md|svg)$/,
    /^snippets\/[\w-]+\.json$/,
    /^syntaxes\/[\w.-]+\.json$/,
  ];
  assert.deepEqual(
    files.filter((f) => !allowed.some((re) => re.test(f))),
    [],
  );
  for (const f of [
    'package.json',
    'client/out/extension.js',
    'server/out/server.js',
    'server/out/cli.js',
    'server/out/cli-main.js',
    'server/out/cli-main.cache',
    'snippets/kubernetes.json',
    'client/media/icon.png',
    'client/media/metrics/panel.js',
    'client/media/metrics/panel.css',
    'client/media/metrics/kubewise-activity.svg',
  ]) {
    assert.ok(files.includes(f), `${f} is packaged`);
  }
});
