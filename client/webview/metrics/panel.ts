/**
 * The Cluster Metrics page. Renders what the extension posts (client/src/metrics/messages.ts); asks for nothing but
 * refreshes, context changes, "apply" and "open the manifest". The pod list is virtualised: only the rows in view
 * exist in the DOM, positioned through CSSOM (the CSP forbids inline style attributes), and a new snapshot
 * re-renders only them. Bundled by esbuild into client/media/metrics/panel.js.
 */
import type {
  FromWebview,
  PanelFocus,
  PanelNode,
  PanelPod,
  SnapshotMessage,
  ToWebview,
} from '../../src/metrics/messages';
import type { CredentialWaitNotice } from '../../src/metrics/credential-command';
import type { MetricsProblem } from '../../src/metrics/problems';
import * as R from './rows';

interface VsCodeApi {
  postMessage(m: FromWebview): void;
  getState(): unknown;
  setState(s: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  readonly filter: string;
  readonly namespace: string;
  readonly sortKey: string;
  readonly sortDir: string;
  readonly onlyFocus: boolean;
}

const vscode = acquireVsCodeApi();
const ROW = 22;
const OVERSCAN = 8;

const saved = (vscode.getState() ?? {}) as Partial<SavedState>;
const state = {
  filter: saved.filter ?? '',
  namespace: saved.namespace ?? '',
  sortKey: saved.sortKey ?? 'name',
  sortDir: saved.sortDir ?? 'asc',
  onlyFocus: saved.onlyFocus !== false,
  active: -1,
  pods: [] as readonly PanelPod[],
  rows: [] as R.Row[],
  focus: null as PanelFocus | null,
  snapshot: null as SnapshotMessage | null,
};

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}
const podsEl = $('pods');
const spacer = $('spacer');
const win = $('window');
const filterEl = $<HTMLInputElement>('filter');
const nsEl = $<HTMLSelectElement>('namespace');
const ctxEl = $<HTMLSelectElement>('context');
const statusEl = $('status');
const problemsEl = $('problems');
const waitingEl = $('waiting');
const detailEl = $('detail');
const focusEl = $('focus');
filterEl.value = state.filter;

function save(): void {
  vscode.setState({
    filter: state.filter,
    namespace: state.namespace,
    sortKey: state.sortKey,
    sortDir: state.sortDir,
    onlyFocus: state.onlyFocus,
  });
}

/** [sort key or null, header]; in the order of the row cells (rows.ts rowHtml) and of the grid in panel.css. */
const COLUMNS: readonly (readonly [string | null, string])[] = [
  ['name', 'Name'],
  [null, 'Ready'],
  ['status', 'Status'],
  ['restarts', 'Restarts'],
  ['cpu', 'CPU'],
  [null, 'CPU R:L'],
  ['cpuR', '%CPU/R'],
  ['cpuL', '%CPU/L'],
  ['mem', 'MEM'],
  [null, 'MEM R:L'],
  ['memR', '%MEM/R'],
  ['memL', '%MEM/L'],
  [null, 'Trend'],
  [null, 'QoS'],
  ['age', 'Age'],
];

function renderHead(): void {
  const head = $('pods-head');
  head.textContent = '';
  for (const [key, label] of COLUMNS) {
    const cell = document.createElement('span');
    cell.setAttribute('role', 'columnheader');
    if (key) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label + (state.sortKey === key ? (state.sortDir === 'asc' ? ' ▲' : ' ▼') : '');
      b.title = `Sort by ${label}`;
      cell.setAttribute(
        'aria-sort',
        state.sortKey === key ? (state.sortDir === 'asc' ? 'ascending' : 'descending') : 'none',
      );
      b.addEventListener('click', () => {
        if (state.sortKey === key) state.sortDir = state.sortDir === 'asc' ? 'desc' : 'asc';
        else {
          state.sortKey = key;
          state.sortDir = key === 'name' || key === 'status' ? 'asc' : 'desc';
        }
        save();
        renderHead();
        rebuild();
      });
      cell.appendChild(b);
    } else cell.textContent = label;
    head.appendChild(cell);
  }
}

function rebuild(): void {
  let only: Record<string, boolean> | null = null;
  if (state.focus && state.onlyFocus) {
    only = {};
    for (const k of state.focus.podKeys) only[k] = true;
  }
  state.rows = R.flatten(state.pods, {
    filter: state.filter,
    namespace: state.namespace,
    sortKey: state.sortKey,
    sortDir: state.sortDir,
    only,
  });
  if (state.active >= state.rows.length) state.active = state.rows.length - 1;
  spacer.style.height = `${state.rows.length * ROW}px`;
  podsEl.setAttribute('aria-rowcount', String(state.rows.length));
  renderWindow();
}

let scheduled = false;
function renderWindow(): void {
  scheduled = false;
  const top = podsEl.scrollTop;
  const height = podsEl.clientHeight || 400;
  const start = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const end = Math.min(state.rows.length, Math.ceil((top + height) / ROW) + OVERSCAN);
  const now = Date.now();
  let html = '';
  for (let i = start; i < end; i++) {
    const row = state.rows[i]!;
    const active = i === state.active;
    html +=
      `<div class="row ${row.kind}${active ? ' active' : ''}" role="row" id="row-${i}" aria-rowindex="${i + 1}"` +
      `${active ? ' aria-selected="true"' : ''}>${R.rowHtml(row, now)}</div>`;
  }
  win.innerHTML = html;
  win.style.transform = `translateY(${start * ROW}px)`;
  if (state.active >= 0) podsEl.setAttribute('aria-activedescendant', `row-${state.active}`);
  else podsEl.removeAttribute('aria-activedescendant');
}

podsEl.addEventListener('scroll', () => {
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(renderWindow);
  }
});

function setActive(i: number): void {
  if (!state.rows.length) return;
  state.active = Math.max(0, Math.min(state.rows.length - 1, i));
  const top = state.active * ROW;
  if (top < podsEl.scrollTop) podsEl.scrollTop = top;
  else if (top + ROW > podsEl.scrollTop + podsEl.clientHeight) podsEl.scrollTop = top + ROW - podsEl.clientHeight;
  renderWindow();
  showDetail(state.rows[state.active]);
}

podsEl.addEventListener('keydown', (e) => {
  const page = Math.max(1, Math.floor(podsEl.clientHeight / ROW) - 1);
  let handled = true;
  if (e.key === 'ArrowDown') setActive(state.active + 1);
  else if (e.key === 'ArrowUp') setActive(state.active - 1);
  else if (e.key === 'PageDown') setActive(state.active + page);
  else if (e.key === 'PageUp') setActive(state.active - page);
  else if (e.key === 'Home') setActive(0);
  else if (e.key === 'End') setActive(state.rows.length - 1);
  else if (e.key === 'Enter') detailEl.querySelector('button')?.focus();
  else handled = false;
  if (handled) e.preventDefault();
});

podsEl.addEventListener('click', (e) => {
  const el = e.target instanceof Element ? e.target.closest('.row') : null;
  if (!el) return;
  setActive(Number(el.id.slice(4)));
  podsEl.focus();
});

function line(label: string, value: string): HTMLDivElement {
  const d = document.createElement('div');
  const b = document.createElement('span');
  b.className = 'label';
  b.textContent = label;
  d.appendChild(b);
  d.appendChild(document.createTextNode(` ${value}`));
  return d;
}

function button(id: string, text: string, title: string, message: FromWebview): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.textContent = text;
  b.title = title;
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

function showDetail(row: R.Row | undefined): void {
  detailEl.textContent = '';
  if (!row || row.kind === 'ns') return;
  const now = Date.now();
  const pod = row.pod;
  const r = row.kind === 'pod' ? row.pod : row.c;
  const h = document.createElement('h3');
  h.textContent = row.kind === 'pod' ? `${pod.namespace}/${pod.name}` : `${pod.name} › ${row.c.name}`;
  detailEl.appendChild(h);
  if (row.kind === 'pod') {
    detailEl.appendChild(line('Owner', `${pod.owner || 'none'} · node ${pod.node || '-'}`));
    detailEl.appendChild(
      line(
        'Status',
        `${pod.status} · ready ${pod.ready} · restarts ${R.restartsText(pod.restarts, pod.lastRestart, now)} · ` +
          `QoS ${pod.qos || 'unknown'} · age ${R.age(pod.created, now) || 'unknown'}`,
      ),
    );
  } else {
    const last = R.lastTermination(row.c, now);
    detailEl.appendChild(
      line('State', `${row.c.state || 'unknown'} · restarts ${row.c.restarts}${last ? ` · last: ${last}` : ''}`),
    );
  }
  detailEl.appendChild(
    line(
      'CPU',
      `${R.formatCpu(r.cpu) || 'n/a'} of request ${R.formatCpu(r.cpuReq) || 'none'}, limit ${R.formatCpu(r.cpuLim) || 'none'}`,
    ),
  );
  detailEl.appendChild(
    line(
      'Memory',
      `${R.formatMemory(r.mem) || 'n/a'} of request ${R.formatMemory(r.memReq) || 'none'}, limit ${R.formatMemory(r.memLim) || 'none'}`,
    ),
  );
  const open = button(
    'open-manifest',
    'Open manifest',
    `Open the manifest of ${pod.owner || pod.name} from the workspace`,
    { type: 'openManifest', pod: pod.key },
  );
  if (row.kind !== 'ctr') {
    detailEl.appendChild(open);
    return;
  }
  const c = row.c;
  if (c.cpuHist.length > 1) {
    const sp = document.createElement('div');
    sp.className = 'sparks';
    sp.innerHTML = R.sparkline(c.cpuHist, 'cpu', 160, 32) + R.sparkline(c.memHist, 'mem', 160, 32);
    detailEl.appendChild(sp);
  }
  if (!c.rec) {
    detailEl.appendChild(line('Recommendation', 'none yet: the panel needs usage samples first.'));
    detailEl.appendChild(open);
    return;
  }
  detailEl.appendChild(
    line(
      'Recommended',
      `cpu ${R.formatCpu(c.rec.cpuReq)} request · memory ${R.formatMemory(c.rec.memReq)} request and limit` +
        (c.rec.low ? ' (low confidence)' : ''),
    ),
  );
  const m = line('Method', `${state.snapshot ? state.snapshot.method : ''} ${c.rec.samples} sample(s).`);
  m.className = 'muted';
  detailEl.appendChild(m);
  detailEl.appendChild(
    button(
      'apply',
      'Apply recommended resources',
      `Write these requests and limits into the manifest of ${pod.owner}`,
      { type: 'applyRecommendation', pod: pod.key, container: c.name },
    ),
  );
  detailEl.appendChild(open);
}

function renderNodes(nodes: readonly PanelNode[] | null): void {
  const section = $('nodes-section');
  const table = $<HTMLTableElement>('nodes');
  section.hidden = !nodes;
  if (!nodes) return;
  table.tHead!.innerHTML =
    '<tr><th scope="col">Node</th><th scope="col">CPU</th><th scope="col">%CPU/A</th><th scope="col">Req/A</th><th scope="col">MEM</th><th scope="col">%MEM/A</th><th scope="col">Req/A</th><th scope="col">Pods</th></tr>';
  const p = (v: number | null, of: number | null) => {
    const x = R.pct(v, of);
    return x === null ? 'n/a' : `${x}%`;
  };
  let html = '';
  for (const n of nodes) {
    html +=
      `<tr><th scope="row">${R.esc(n.name)}</th><td>${R.esc(R.formatCpu(n.cpu) || 'n/a')}</td>` +
      `<td>${p(n.cpu, n.cpuAlloc)}</td><td>${R.esc(R.formatCpu(n.cpuReq))} (${p(n.cpuReq, n.cpuAlloc)})</td>` +
      `<td>${R.esc(R.formatMemory(n.mem) || 'n/a')}</td><td>${p(n.mem, n.memAlloc)}</td>` +
      `<td>${R.esc(R.formatMemory(n.memReq))} (${p(n.memReq, n.memAlloc)})</td><td>${n.pods}</td></tr>`;
  }
  table.tBodies[0]!.innerHTML = html;
}

/** A card: its title, what happened, an optional block of output, and the next step; buttons go after. */
function card(
  className: string,
  role: string,
  text: { title: string; detail: string; next: string },
  output?: readonly string[],
): HTMLDivElement {
  const el = document.createElement('div');
  el.className = className;
  el.setAttribute('role', role);
  const t = document.createElement('strong');
  t.textContent = text.title;
  el.appendChild(t);
  const d = document.createElement('p');
  d.textContent = text.detail;
  el.appendChild(d);
  if (output?.length) {
    const out = document.createElement('pre');
    out.className = 'output';
    out.setAttribute('aria-label', 'What the command printed');
    out.textContent = output.join('\n');
    el.appendChild(out);
  }
  const n = document.createElement('p');
  n.className = 'next';
  n.textContent = `Next: ${text.next}`;
  el.appendChild(n);
  return el;
}

function renderProblems(problems: readonly MetricsProblem[]): void {
  problemsEl.textContent = '';
  for (const p of problems) {
    const problemCard = card(`problem ${p.severity}`, p.severity === 'error' ? 'alert' : 'status', p);
    problemCard.dataset.kind = p.kind;
    for (const a of R.problemActions(p.kind)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = a.label;
      b.addEventListener('click', () => vscode.postMessage(a.message));
      problemCard.appendChild(b);
    }
    problemsEl.appendChild(problemCard);
  }
}

/** The card shown while a credential command runs for a while: which, how long, what it printed, and Cancel. */
function renderWaiting(notice: CredentialWaitNotice | null): void {
  waitingEl.textContent = '';
  waitingEl.hidden = !notice;
  if (!notice) return;
  const el = card('problem waiting', 'status', notice, notice.output);
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = 'Cancel';
  b.addEventListener('click', () => vscode.postMessage({ type: 'cancelCredential' }));
  el.appendChild(b);
  waitingEl.appendChild(el);
}

function renderContexts(contexts: readonly string[] | undefined, current: string | null): void {
  ctxEl.textContent = '';
  for (const c of contexts ?? []) {
    const o = document.createElement('option');
    o.value = c;
    o.textContent = c;
    if (c === current) o.selected = true;
    ctxEl.appendChild(o);
  }
  ctxEl.disabled = !contexts || contexts.length === 0;
}

function renderNamespaces(pods: readonly PanelPod[]): void {
  const names = new Set<string>();
  for (const p of pods) names.add(p.namespace);
  const list = [...names].sort();
  if (state.namespace && !names.has(state.namespace)) list.push(state.namespace);
  nsEl.textContent = '';
  const all = document.createElement('option');
  all.value = '';
  all.textContent = 'All namespaces';
  nsEl.appendChild(all);
  for (const n of list) {
    const o = document.createElement('option');
    o.value = n;
    o.textContent = n;
    if (n === state.namespace) o.selected = true;
    nsEl.appendChild(o);
  }
}

function renderFocus(): void {
  const f = state.focus;
  focusEl.hidden = !f;
  focusEl.textContent = '';
  if (!f) return;
  const label = document.createElement('label');
  const cb = document.createElement('input');
  cb.type = 'checkbox';
  cb.checked = state.onlyFocus;
  cb.addEventListener('change', () => {
    state.onlyFocus = cb.checked;
    save();
    rebuild();
  });
  label.appendChild(cb);
  const n = f.podKeys.length;
  label.appendChild(document.createTextNode(` Only ${f.label} (${n} live pod${n === 1 ? '' : 's'} in ${f.namespace})`));
  focusEl.appendChild(label);
}

// Sparkline history kept by the page (rows.ts keepHistory): sent once, then appended to from each snapshot.
let hist: R.HistoryStore = { context: null, byKey: {} };

let filterTimer: ReturnType<typeof setTimeout> | undefined;
filterEl.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    state.filter = filterEl.value;
    state.active = -1;
    save();
    rebuild();
  }, 120);
});
nsEl.addEventListener('change', () => {
  state.namespace = nsEl.value;
  state.active = -1;
  save();
  rebuild();
});
ctxEl.addEventListener('change', () => {
  if (ctxEl.value) vscode.postMessage({ type: 'selectContext', context: ctxEl.value });
});
$('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));

window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
  const msg = e.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'loading') {
    statusEl.textContent = `Loading ${msg.context ?? ''}…`;
  } else if (msg.type === 'waiting') {
    renderWaiting(msg.notice);
  } else if (msg.type === 'problem') {
    renderWaiting(null);
    renderContexts(msg.contexts, msg.context);
    renderProblems([msg.problem]);
    statusEl.textContent = msg.context ? `${msg.context}: not connected` : 'Not connected';
    state.pods = [];
    renderNodes(null);
    rebuild();
  } else if (msg.type === 'focus') {
    state.focus = msg.focus;
    renderFocus();
    rebuild();
  } else if (msg.type === 'snapshot' || msg.type === 'delta') {
    let m: SnapshotMessage;
    if (msg.type === 'delta') {
      // An incremental refresh: only the pods that differ. If it does not fit what the page holds (a message was
      // lost), ask for the full snapshot instead of showing a wrong list.
      const pods = R.applyDelta(state.pods, msg);
      if (!pods || !state.snapshot || state.snapshot.context !== msg.context) {
        vscode.postMessage({ type: 'ready' });
        return;
      }
      m = {
        type: 'snapshot',
        context: msg.context,
        contexts: msg.contexts,
        server: msg.server,
        time: msg.time,
        intervalSec: msg.intervalSec,
        pace: msg.pace,
        metrics: msg.metrics,
        nodes: msg.nodes,
        pods,
        problems: msg.problems,
        focus: msg.focus,
        method: msg.method,
        history: false,
        sparkPoints: msg.sparkPoints,
      };
    } else m = msg;
    renderWaiting(null);
    hist = R.keepHistory(hist, m);
    state.snapshot = m;
    state.pods = m.pods;
    state.focus = m.focus;
    renderContexts(m.contexts, m.context);
    renderProblems(m.problems);
    renderNodes(m.nodes);
    renderNamespaces(m.pods);
    renderFocus();
    statusEl.textContent = `${m.pods.length} pods · ${new Date(m.time).toLocaleTimeString()} · ${R.intervalText(m, m.pods.length)}`;
    rebuild();
    if (state.active >= 0) {
      // A refresh re-renders the detail: keep the keyboard focus where it was (the Apply button).
      const focused = detailEl.contains(document.activeElement) ? document.activeElement!.id : '';
      showDetail(state.rows[state.active]);
      if (focused) document.getElementById(focused)?.focus();
    }
  }
});

renderHead();
rebuild();
vscode.postMessage({ type: 'ready' });
