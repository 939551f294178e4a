/**
 * The Cluster Metrics page drawn by real Chromium: the page's own HTML (client/src/metrics/panel-page.ts, with its
 * strict Content Security Policy) and its bundled script and CSS (client/media/metrics), served from loopback, with
 * VS Code's webview API (`acquireVsCodeApi`) recording what the page posts. The extension's messages are built by
 * the real code (the waiting notice of a credential command, the untrusted-workspace problem of a real
 * kubeconfig); the test reads the cards as a user sees them, clicks their buttons, and checks that what the page
 * posts is what the extension accepts (parseFromWebview). Screenshots go to test-results/ (gitignored).
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  credentialWaitNotice,
  visibleOutput,
  type CredentialCommand,
} from '../../client/src/metrics/credential-command';
import { loadKubeconfig } from '../../client/src/metrics/kubeconfig';
import { parseFromWebview, type ToWebview } from '../../client/src/metrics/messages';
import { panelPage } from '../../client/src/metrics/panel-page';
import { MetricsError, type MetricsProblem } from '../../client/src/metrics/problems';
import { launchChromium, removeDir, tempDir } from '../extension/harness';
import { kubeconfigYaml, writeTemp } from '../support/fake-apiserver';
import { repoRoot } from '../support/paths';

const MEDIA = join(repoRoot, 'client', 'media', 'metrics');
const RESULTS = join(repoRoot, 'test-results');

const KUBELOGIN: CredentialCommand = {
  kind: 'exec',
  user: 'aks-admin',
  command: 'kubelogin',
  args: ['get-token', '--login', 'devicecode'],
  env: {},
};
// What a device-code login prints on stderr, with a debug line that carries a token (masked before the page).
const STDERR =
  'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code KWTEST-42 to authenticate.\n' +
  'debug: cached eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrdWJld2lzZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg\n';

let http: Server;
let origin = '';
let browser: BrowserContext;
let page: Page;
let work = '';
const cspErrors: string[] = [];

/** The untrusted-workspace problem as loading a real kubeconfig with an exec plugin gives it. */
function untrustedProblem(): MetricsProblem {
  const cfg = writeTemp(
    'config',
    kubeconfigYaml({
      server: 'https://127.0.0.1:6443',
      caPem: '',
      auth: { exec: { command: 'kubelogin', args: ['get-token'] } },
    }),
  );
  try {
    loadKubeconfig({ setting: cfg }, { trusted: false });
  } catch (e) {
    if (e instanceof MetricsError) return e.problem;
    throw e;
  }
  assert.fail('an exec plugin in an untrusted workspace must be refused');
}

async function send(m: ToWebview): Promise<void> {
  await page.evaluate(
    (msg) => (globalThis as unknown as { postMessage(m: unknown, target: string): void }).postMessage(msg, '*'),
    m as unknown,
  );
}

/** What the page posted to the extension since the last call, each checked by the extension's own validator. */
async function takePosted(): Promise<unknown[]> {
  const posted = await page.evaluate(() => {
    const w = globalThis as unknown as { posted: unknown[] };
    return w.posted.splice(0);
  });
  for (const m of posted) assert.ok(parseFromWebview(m), `the extension accepts ${JSON.stringify(m)}`);
  return posted;
}

async function shot(name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `webview-${name}.png`) });
}

before(async () => {
  http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      const html = panelPage({
        nonce: randomBytes(16).toString('base64'),
        cspSource: origin,
        script: `${origin}/panel.js`,
        css: `${origin}/panel.css`,
      });
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    } else if (path === '/panel.js' || path === '/panel.css') {
      const type = path.endsWith('.js') ? 'text/javascript' : 'text/css';
      res.writeHead(200, { 'Content-Type': type }).end(readFileSync(join(MEDIA, path.slice(1))));
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end(); // Chromium asks for one; a webview has none
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  work = tempDir('webview');
  browser = await launchChromium(join(work, 'chromium'));
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') cspErrors.push(m.text());
  });
  page.on('pageerror', (e) => cspErrors.push(String(e)));
  // VS Code's webview API, as the page sees it inside a webview: what it posts is recorded for the test.
  await page.addInitScript(() => {
    const w = globalThis as unknown as { posted: unknown[]; acquireVsCodeApi: () => unknown };
    w.posted = [];
    let state: unknown;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => w.posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s: unknown) => (state = s),
    });
  });
  await page.goto(`${origin}/`);
  assert.deepEqual(await takePosted(), [{ type: 'ready' }], 'the page says it is ready');
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  if (work) removeDir(work);
});

describe('the Cluster Metrics page in Chromium', () => {
  test('waiting for a credential command: which one, for how long, what it printed, and Cancel', async () => {
    const waiting = page.locator('#waiting');
    assert.equal(await waiting.isVisible(), false, 'no card before a command waits');
    const output = visibleOutput(STDERR);
    await send({
      type: 'waiting',
      context: 'aks-prod',
      notice: credentialWaitNotice(KUBELOGIN, 7_400, 30_000, output),
    });
    await waiting.waitFor({ state: 'visible' });
    const card = waiting.locator('.problem.waiting[role="status"]');
    assert.equal(await card.count(), 1);
    assert.equal(
      await card.locator('strong').innerText(),
      'Waiting for the credential command "kubelogin" (7 s of 30 s)',
    );
    const text = await card.innerText();
    assert.match(text, /The user "aks-admin" logs in with the exec plugin "kubelogin get-token --login devicecode"/);
    assert.match(text, /At 30 s \("kubewise\.metrics\.credentialTimeout"\) it is stopped/);
    assert.match(text, /Next: Complete the login it asks for below/);
    const printed = await card.locator('pre.output').innerText();
    assert.match(printed, /https:\/\/microsoft\.com\/devicelogin and enter the code KWTEST-42/);
    assert.match(printed, /debug: cached \*\*\*/, 'the token-like run is masked');
    assert.doesNotMatch(await page.content(), /eyJhbGciOiJSUzI1NiJ9/, 'no token in the page');
    await shot('waiting');

    // The time moves on in the same card.
    await send({
      type: 'waiting',
      context: 'aks-prod',
      notice: credentialWaitNotice(KUBELOGIN, 8_100, 30_000, output),
    });
    await waiting.locator('strong', { hasText: '(8 s of 30 s)' }).waitFor();
    assert.equal(await waiting.locator('.problem.waiting').count(), 1, 'one card, updated');

    await takePosted();
    await card.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(await takePosted(), [{ type: 'cancelCredential' }]);

    // The notice ends (the command answered or was stopped): the card goes.
    await send({ type: 'waiting', context: 'aks-prod', notice: null });
    await waiting.waitFor({ state: 'hidden' });
  });

  test('an untrusted workspace: the card says what is limited, and its buttons post Manage Workspace Trust and Choose context', async () => {
    const problem = untrustedProblem();
    assert.equal(problem.kind, 'exec-untrusted');
    await send({ type: 'problem', problem, context: 'aks-prod', contexts: ['aks-prod', 'kind'] });
    const card = page.locator('#problems .problem[data-kind="exec-untrusted"]');
    await card.waitFor({ state: 'visible' });
    assert.equal(await card.locator('strong').innerText(), problem.title);
    assert.match(problem.title, /logs in with a command .*not trusted/);
    const text = await card.innerText();
    assert.match(text, /runs no credential command \(exec plugins, auth-provider cmd-path\)/);
    assert.match(text, /linting and quick fixes work as usual/);
    assert.match(text, /Next: .*"Manage Workspace Trust"/);
    assert.match(await page.locator('#status').innerText(), /^aks-prod: not connected$/);
    await shot('untrusted');

    await takePosted();
    await card.getByRole('button', { name: 'Manage Workspace Trust' }).click();
    assert.deepEqual(await takePosted(), [{ type: 'manageTrust' }]);
    // From the keyboard too: Tab to the next button, Enter.
    await card.getByRole('button', { name: 'Manage Workspace Trust' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.deepEqual(await takePosted(), [{ type: 'pickContext' }]);
  });

  test('the page ran under its Content Security Policy without a violation or an error', () => {
    assert.deepEqual(cspErrors, []);
  });
});
