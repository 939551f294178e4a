/**
 * Safe and unsafe fixes. Every fixable rule declares the kind of its fixes in `meta.fix`; this runs every
 * rule over every rule fixture and fails on a fix (or suggestion) of a kind the rule did not declare. It also checks
 * the classification where it can be seen from the edit itself: a fix that adds an object changes what runs, so it
 * is unsafe; and bulk fixing (the engine's fixAll) applies safe fixes only unless told otherwise.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixAll, lintText } from '../../server/src/engine';
import { createRuleSet } from '../../server/src/composition';
import { fixDeclared, fixSafetyOf } from '../../server/src/engine/fix-safety';
import type { AnyRule, FixSpec, RuleContext, DocumentRuleContext } from '../../server/src/engine/rule';
import { allRules } from '../../server/src/rules';
import { defineRule } from '../../server/src/engine/rule';
import { settings } from '../support/lint';
import { fixtureDir, hasFixtures, readFixture, repoRoot } from '../support/rule-fixtures';

/** The same rule, with `ctx.report` checking that every fix it reports is of a declared kind. */
function watched(rule: AnyRule, undeclared: string[]): AnyRule {
  const verify = (specs: readonly (FixSpec | undefined)[]): void => {
    for (const spec of specs) {
      if (spec && !fixDeclared(rule.meta, spec))
        undeclared.push(
          `${rule.meta.id}: "${spec.title}" is ${spec.safety ?? 'undeclared'}, meta.fix is ${rule.meta.fix}`,
        );
    }
  };
  if ('checkDocument' in rule) {
    return {
      meta: rule.meta,
      checkDocument(ctx: DocumentRuleContext) {
        const report: DocumentRuleContext['report'] = (r) => (verify([r.fix]), ctx.report(r));
        rule.checkDocument(Object.create(ctx, { report: { value: report } }) as DocumentRuleContext);
      },
    };
  }
  return {
    meta: rule.meta,
    check(ctx: RuleContext) {
      const report: RuleContext['report'] = (r) => (verify([r.fix, ...(r.suggest ?? [])]), ctx.report(r));
      rule.check(Object.create(ctx, { report: { value: report } }) as RuleContext);
    },
  };
}

const fixtureTexts: Array<{ name: string; text: string }> = [];
for (const rule of allRules) {
  if (!hasFixtures(rule.meta.id)) continue;
  for (const f of readdirSync(fixtureDir(rule.meta.id)).filter((n) => n.endsWith('.yaml')))
    fixtureTexts.push({ name: `${rule.meta.id}/${f}`, text: readFixture(rule.meta.id, f) });
}

test('every fixable rule declares the kind of its fixes', () => {
  const wrong = allRules
    .filter((r) => r.meta.fixable && r.meta.fix === undefined)
    .map((r) => `${r.meta.id}: fixable ${r.meta.fixable}, fix ${r.meta.fix}`);
  assert.deepEqual(wrong, []);
  const kinds = new Set(allRules.map((r) => r.meta.fix));
  assert.ok([...kinds].every((k) => k === undefined || k === 'safe' || k === 'unsafe' || k === 'mixed'));
});

test('no rule reports a fix of a kind it did not declare (every rule over every rule fixture)', () => {
  assert.ok(fixtureTexts.length > 100, `only ${fixtureTexts.length} fixtures`);
  const undeclared: string[] = [];
  const rules = allRules.map((r) => watched(r, undeclared));
  const rs = createRuleSet(settings({ profile: 'strict' }), undefined, rules);
  let fixes = 0;
  for (const { text } of fixtureTexts) {
    for (const d of lintText(text, rs).diagnostics) if (d.fix) fixes++;
  }
  assert.ok(fixes > 100, `only ${fixes} fixes seen: the fixtures do not exercise the fixes`);
  assert.deepEqual([...new Set(undeclared)], []);
});

test('the meta-test catches a rule that reports a fix of a kind it did not declare', () => {
  const undeclared: string[] = [];
  const liar: AnyRule = defineRule({
    meta: {
      ...allRules.find((r) => r.meta.id === 'replicas-too-low')!.meta,
      id: 'liar',
      fix: 'safe',
      usesIndex: false,
      messages: { x: 'x' },
    },
    check(ctx) {
      ctx.report({
        node: ctx.object.node,
        messageId: 'x',
        fix: { title: 'Y', safety: 'unsafe', edit: () => undefined },
      });
    },
  });
  const rs = createRuleSet(settings({ profile: 'strict', rules: { liar: 'warning' } }), undefined, [
    watched(liar, undeclared),
  ]);
  lintText('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n', rs);
  assert.deepEqual(undeclared, ['liar: "Y" is unsafe, meta.fix is safe']);
  // and such a fix is treated as unsafe, so bulk fixing never applies it
  assert.equal(fixSafetyOf({ fix: 'safe' }, { safety: 'unsafe' }), 'unsafe');
  assert.equal(fixSafetyOf({ fix: undefined }, {}), 'unsafe');
  assert.equal(fixSafetyOf({ fix: 'mixed' }, {}), 'unsafe');
});

test('a fix that adds an object is unsafe; every fix carries its kind', () => {
  const rs = createRuleSet(settings({ profile: 'strict' }));
  const wrong: string[] = [];
  let adders = 0;
  for (const { name, text } of fixtureTexts) {
    for (const d of lintText(text, rs).diagnostics) {
      for (const fix of [d.fix, ...(d.suggestions ?? [])]) {
        if (!fix) continue;
        if (fix.safety !== 'safe' && fix.safety !== 'unsafe')
          wrong.push(`${name}: ${d.ruleId} "${fix.title}" has no kind`);
        const addsObject = fix.edits.some((e) => /(^|\n)---\r?\n[\s\S]*\bkind:/.test(e.newText));
        if (addsObject) adders++;
        if (addsObject && fix.safety !== 'unsafe') wrong.push(`${name}: ${d.ruleId} "${fix.title}" adds an object`);
      }
    }
  }
  assert.ok(adders > 5, `only ${adders} object-adding fixes seen`);
  assert.deepEqual([...new Set(wrong)], []);
});

test('which rules fix safely and which unsafely (docs/cli.md, "Safe and unsafe fixes")', () => {
  const kind = (id: string): string | undefined => allRules.find((r) => r.meta.id === id)?.meta.fix;
  for (const id of ['schema-violation', 'label-values-invalid', 'yaml-syntax', 'unknown-field'])
    assert.equal(kind(id), 'safe', id);
  for (const id of [
    'networkpolicy-missing',
    'replicas-too-low',
    'run-as-non-root',
    'host-namespaces',
    'memory-limit-missing',
    'pvc-not-found',
    'pdb-missing',
    'liveness-probe-missing',
    'automount-sa-token',
    'writable-host-path',
    'service-account-not-found',
    'seccomp-profile',
  ])
    assert.equal(kind(id), 'unsafe', id);
  assert.equal(kind('capabilities-dangerous'), 'mixed');
  // apiVersion moves are safe, except where a default changes (an extensions/v1beta1 DaemonSet or Deployment)
  assert.equal(kind('deprecated-api-version'), 'mixed');
});

test('bulk fixing applies safe fixes only, unless unsafe fixes are asked for', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  replicas: "1"',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
    '',
  ].join('\n');
  const rs = createRuleSet(settings({ profile: 'strict' }));
  const safe = fixAll(text, rs).text;
  // the schema fix (a string where a number belongs) is safe; nothing else changes
  assert.equal(safe, text.replace('replicas: "1"', 'replicas: 1'));
  const unsafe = fixAll(text, rs, undefined, { unsafe: true }).text;
  assert.match(unsafe, /kind: NetworkPolicy/);
  assert.match(unsafe, /runAsNonRoot: true/);
});

test('each rule page says whether its fix is safe or unsafe (scripts/docs-fix-safety.mjs writes it)', () => {
  const wrong: string[] = [];
  for (const rule of allRules) {
    const page = join(repoRoot(), 'docs', 'rules', `${rule.meta.id}.md`);
    if (!existsSync(page)) continue;
    const text = readFileSync(page, 'utf8');
    const m = /(?:^\| Fix safety \| |^\*\*Fix safety:\*\* )(safe and unsafe|safe|unsafe|—)/m.exec(text);
    const words: Record<string, string> = { safe: 'safe', unsafe: 'unsafe', mixed: 'safe and unsafe' };
    const want = rule.meta.fix ? words[rule.meta.fix] : '—';
    if (m?.[1] !== want) wrong.push(`${rule.meta.id}: page says ${m?.[1]}, meta.fix is ${rule.meta.fix}`);
  }
  assert.deepEqual(wrong, [], 'run `node scripts/docs-fix-safety.mjs` after `npm run build`');
});
