/**
 * `npm run bench`, charts and overlays: how long `helm template` and `kubectl kustomize` take against the lint and
 * mapping that follow, measured on the test fixtures with the real binaries (ratios in one run; never fails).
 */
import { renderChart } from '../../server/src/render/helm/chart';
import { lintRenderedChart } from '../../server/src/render/helm/lint-chart';
import { buildOverlay, lintBuiltOverlay } from '../../server/src/render/kustomize/lint-overlay';
import { host, RENDER_FIXTURES, ruleSet, tools } from '../support/render';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const v = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, v];
}

export async function renderBench(runs = 7): Promise<void> {
  const rules = ruleSet();
  const options = tools({ namespace: 'shop' });
  const chart = `${RENDER_FIXTURES}/helm/webapp`;
  const renders: number[] = [];
  const lints: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [r, rendered] = await timed(() => renderChart(host, chart, options));
    if (!rendered.ok) throw new Error(rendered.error.message);
    const [l] = await timed(() => lintRenderedChart(host, chart, rendered.docs, rules, options));
    renders.push(r);
    lints.push(l);
  }
  const [r, l] = [median(renders), median(lints)];
  console.log(
    `chart (helm/webapp, ${runs} runs): helm template ${r.toFixed(1)} ms, lint + map ${l.toFixed(1)} ms, total ${(r + l).toFixed(1)} ms`,
  );
  console.log(`  ratio lint+map / helm template: ${(l / r).toFixed(3)}`);

  const overlay = `${RENDER_FIXTURES}/kustomize/overlays/prod`;
  const builds: number[] = [];
  const olints: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [b, built] = await timed(() => buildOverlay(host, overlay, options));
    if (!built.ok) throw new Error(built.error.message);
    const [l2] = await timed(() => lintBuiltOverlay(host, overlay, built.text, rules, options));
    builds.push(b);
    olints.push(l2);
  }
  const [b, l2] = [median(builds), median(olints)];
  console.log(
    `overlay (kustomize/overlays/prod): kubectl kustomize ${b.toFixed(1)} ms, lint + map ${l2.toFixed(1)} ms`,
  );
  console.log(`  ratio lint+map / build: ${(l2 / b).toFixed(3)}`);
}
