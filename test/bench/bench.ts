/**
 * `npm run bench`: the engine's performance figures, as ratios measured in one run (machines differ; ratios
 * travel). Not a test: it prints, and never fails on a number.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createRuleSet } from '../../server/src/composition';
import {
  DEFAULT_SETTINGS,
  DocumentLinter,
  fixAll,
  ignoreForObjectFix,
  ignoreOnLineFix,
  Workspace,
} from '../../server/src/engine';
import { appDocuments, bigManifest } from '../support/generate';
import { metricsBench } from './metrics-bench';
import { memoryBench } from './memory-bench';
import { renderBench } from './render-bench';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(xs);
}

/** Medians of two operations measured in alternation. */
function timeInterleaved(a: () => void, b: () => void, runs: number): [number, number] {
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = process.hrtime.bigint();
    a();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    b();
    ys.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return [median(xs), median(ys)];
}

const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
const ratio = (a: number, b: number): string => (a / b).toFixed(3);

async function main(): Promise<void> {
  const settings = { ...DEFAULT_SETTINGS, rules: {}, ignorePaths: [] };
  const ruleSet = createRuleSet(settings);
  const text = bigManifest(10_000);
  const lineCount = text.split('\n').length;
  const docCount = text.split(/^---$/m).length;
  console.log(`# Kubewise benchmark (node ${process.version})`);
  console.log(
    `manifest: ${lineCount} lines, ${docCount} documents, ${(text.length / 1024).toFixed(0)} KiB; rules in force: recommended profile`,
  );

  // interleaved, so that a busy machine slows both alike and the ratio stays meaningful
  const [parse, full] = timeInterleaved(
    () => parseAllDocuments(text),
    () => new DocumentLinter().lintText(text, ruleSet),
    21,
  );
  const fullDiagnostics = new DocumentLinter().lintText(text, ruleSet).diagnostics;
  console.log(`parseAllDocuments:            ${fmt(parse)}`);
  console.log(`full lint:                    ${fmt(full)}  (${fullDiagnostics.length} diagnostics)`);
  console.log(`  ratio full lint / parse:    ${ratio(full, parse)}  (target <= 2)`);

  // One-character edits in the middle document, alternating so that every lint sees a real change.
  const linter = new DocumentLinter();
  linter.lintText(text, ruleSet);
  const at = text.indexOf('replicas: ', Math.floor(text.length / 2)) + 'replicas: '.length;
  const edited = [text.slice(0, at) + '4' + text.slice(at + 1), text.slice(0, at) + '5' + text.slice(at + 1)];
  let k = 0;
  const relint = time(() => linter.lintText(edited[k++ % 2], ruleSet), 31);
  console.log(`re-lint after 1-char edit:    ${fmt(relint)}`);
  console.log(`  ratio re-lint / full lint:  ${ratio(relint, full)}  (target <= 0.1)`);

  // A one-line insertion shifts every later document: their results move without being recomputed.
  const lineAt = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  const inserted = [text.slice(0, lineAt) + '# note\n' + text.slice(lineAt), text];
  k = 0;
  const relintShift = time(() => linter.lintText(inserted[k++ % 2], ruleSet), 31);
  console.log(`re-lint after a line insert:  ${fmt(relintShift)}  (ratio ${ratio(relintShift, full)})`);

  // What the language server computes for one diagnostic's code actions (the fix is precomputed with it).
  const d = fullDiagnostics[Math.floor(fullDiagnostics.length / 2)];
  const codeActions = time(() => {
    ignoreForObjectFix(text, d);
    ignoreOnLineFix(text, d);
  }, 31);
  console.log(`code actions for a diagnostic: ${fmt(codeActions)}  (${d.ruleId})`);
  console.log(`  ratio code actions / full:  ${ratio(codeActions, full)}  (target < 0.05)`);
  const fixAllTime = time(() => fixAll(text, ruleSet, (x) => x.ruleId === d.ruleId, { unsafe: true }), 3, 1);
  console.log(
    `fix all ${d.ruleId} in file:  ${fmt(fixAllTime)}  (ratio ${ratio(fixAllTime, full)}; computed on request)`,
  );

  // Workspace index: 2,000 files, 10,000 objects.
  const files: Array<[string, string]> = [];
  for (let i = 0; files.length < 2000; i++) {
    const docs = appDocuments(i, `ns-${i % 20}`);
    // 5 objects per file: the three app documents plus an HPA and a PDB
    docs.push(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app-${i}
  namespace: ns-${i % 20}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: app-${i}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 80
`);
    docs.push(`apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: app-${i}
  namespace: ns-${i % 20}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: app-${i}
`);
    files.push([`file:///bench/ws/app-${i}.yaml`, docs.join('---\n')]);
  }
  let objects = 0;
  const build = time(
    () => {
      const ws = new Workspace();
      for (const [uri, t] of files) ws.setFile(uri, t);
      objects = ws.index().objects().length;
    },
    3,
    1,
  );
  const ws = new Workspace();
  for (const [uri, t] of files) ws.setFile(uri, t);
  ws.index();
  const [uri0, text0] = files[1000];
  const variants = [text0.replace('minReplicas: 2', 'minReplicas: 3'), text0];
  k = 0;
  const recheck = time(() => {
    ws.setFile(uri0, variants[k++ % 2]);
    ws.index();
    ws.lint(uri0, ruleSet);
  }, 21);
  console.log(`workspace index build:        ${fmt(build)}  (${files.length} files, ${objects} objects)`);
  console.log(`re-check after editing one object: ${fmt(recheck)}`);
  console.log(`  ratio re-check / build:     ${ratio(recheck, build)}  (target < 0.05)`);

  longValues(ruleSet);

  await memoryBench(text); // the language server's RSS (test/bench/memory-bench.ts)
  // The whole `kubewise lint` process and its worker threads, timed from a process of its own: this one holds
  // gigabytes by now, and its garbage collections, taking each child's output, landed in the children's wall time
  // (the lint prints 1.8 MB, the parse-only process nothing). Once, the same build: the lint/parse ratio read 1.50
  // from here, 1.44 from a fresh process.
  spawnSync(process.execPath, [join(__dirname, 'cli-bench.js')], { stdio: 'inherit' });
  await metricsBench(); // the Cluster Metrics panel at 5,000 pods (test/bench/metrics-bench.ts)
  await (await import('./authoring-bench')).authoringBench(text);
  await (await import('./publish-bench')).publishBench(text); // bytes of one publish, per client
  await renderBench();
  await (await import('./drift-bench')).driftBench(); // live drift at 500 objects (test/bench/drift-bench.ts)
}

/**
 * Time linear in the input: a 200,000-character value (in a ConfigMap, and as a container's image and env value,
 * where the secret and image rules read it) against parsing the same text; and nesting far past the depth limit.
 */
function longValues(ruleSet: ReturnType<typeof createRuleSet>): void {
  const long = 'postgres://' + 'u'.repeat(200_000);
  const text =
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  url: ${long}\n---\n` +
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: long\nspec:\n  containers:\n    - name: c\n      image: ${long}\n` +
    `      env:\n        - name: DATABASE_URL\n          value: ${long}\n`;
  const [parse, lint] = timeInterleaved(
    () => parseAllDocuments(text),
    () => new DocumentLinter().lintText(text, ruleSet),
    5,
  );
  console.log(`a 200,000-character value:    lint ${fmt(lint)}, parse ${fmt(parse)}`);
  console.log(`  ratio lint / parse:         ${ratio(lint, parse)}  (target <= 3)`);
  const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  let found = 0;
  const deepLint = time(() => (found = new DocumentLinter().lintText(deep, ruleSet).diagnostics.length), 5, 1);
  console.log(
    `10,000-deep flow nesting:     ${fmt(deepLint)}, ${found} diagnostic (the depth limit; no stack overflow)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
