// The Cluster Metrics page. Renders what the extension posts (see client/src/metrics/messages.ts); asks for nothing
// but refreshes, context changes and "apply". The pod list is virtualised: only the rows in view exist in the DOM,
// positioned through CSSOM (the CSP forbids inline style attributes), and a new snapshot re-renders only them.
(function () {
  'use strict';
  var vscode = acquireVsCodeApi();
  var R = globalThis.KubewiseRows;
  var ROW = 22;
  var OVERSCAN = 8;

  var saved = vscode.getState() || {};
  var state = {
    filter: saved.filter || '',
    namespace: saved.namespace || '',
    sortKey: saved.sortKey || 'name',
    sortDir: saved.sortDir || 'asc',
    onlyFocus: saved.onlyFocus !== false,
    active: -1,
    pods: [],
    rows: [],
    focus: null,
    snapshot: null,
  };

  var $ = function (id) {
    return document.getElementById(id);
  };
  var podsEl = $('pods');
  var spacer = $('spacer');
  var win = $('window');
  var filterEl = $('filter');
  var nsEl = $('namespace');
  var ctxEl = $('context');
  var statusEl = $('status');
  var problemsEl = $('problems');
  var detailEl = $('detail');
  var focusEl = $('focus');
  filterEl.value = state.filter;

  function save() {
    vscode.setState({
      filter: state.filter,
      namespace: state.namespace,
      sortKey: state.sortKey,
      sortDir: state.sortDir,
      onlyFocus: state.onlyFocus,
    });
  }

  var COLUMNS = [
    ['name', 'Name'],
    ['cpu', 'CPU'],
    [null, 'CPU R:L'],
    ['cpuR', '%CPU/R'],
    ['cpuL', '%CPU/L'],
    ['mem', 'MEM'],
    [null, 'MEM R:L'],
    ['memR', '%MEM/R'],
    ['memL', '%MEM/L'],
    [null, 'Trend'],
  ];

  function renderHead() {
    var head = $('pods-head');
    head.textContent = '';
    COLUMNS.forEach(function (col) {
      var cell = document.createElement('span');
      cell.setAttribute('role', 'columnheader');
      if (col[0]) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = col[1] + (state.sortKey === col[0] ? (state.sortDir === 'asc' ? ' ▲' : ' ▼') : '');
        b.title = 'Sort by ' + col[1];
        cell.setAttribute(
          'aria-sort',
          state.sortKey === col[0] ? (state.sortDir === 'asc' ? 'ascending' : 'descending') : 'none',
        );
        b.addEventListener('click', function () {
          if (state.sortKey === col[0]) state.sortDir = state.sortDir === 'asc' ? 'desc' : 'asc';
          else {
            state.sortKey = col[0];
            state.sortDir = col[0] === 'name' ? 'asc' : 'desc';
          }
          save();
          renderHead();
          rebuild();
        });
        cell.appendChild(b);
      } else cell.textContent = col[1];
      head.appendChild(cell);
    });
  }

  function rebuild() {
    var only = null;
    if (state.focus && state.onlyFocus) {
      only = {};
      state.focus.podKeys.forEach(function (k) {
        only[k] = true;
      });
    }
    state.rows = R.flatten(state.pods, {
      filter: state.filter,
      namespace: state.namespace,
      sortKey: state.sortKey,
      sortDir: state.sortDir,
      only: only,
    });
    if (state.active >= state.rows.length) state.active = state.rows.length - 1;
    spacer.style.height = state.rows.length * ROW + 'px';
    podsEl.setAttribute('aria-rowcount', String(state.rows.length));
    renderWindow();
  }

  var scheduled = false;
  function renderWindow() {
    scheduled = false;
    var top = podsEl.scrollTop;
    var height = podsEl.clientHeight || 400;
    var start = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    var end = Math.min(state.rows.length, Math.ceil((top + height) / ROW) + OVERSCAN);
    var html = '';
    for (var i = start; i < end; i++) {
      var row = state.rows[i];
      html +=
        '<div class="row ' +
        row.kind +
        (i === state.active ? ' active' : '') +
        '" role="row" id="row-' +
        i +
        '" aria-rowindex="' +
        (i + 1) +
        '"' +
        (i === state.active ? ' aria-selected="true"' : '') +
        '>' +
        R.rowHtml(row) +
        '</div>';
    }
    win.innerHTML = html;
    win.style.transform = 'translateY(' + start * ROW + 'px)';
    if (state.active >= 0) podsEl.setAttribute('aria-activedescendant', 'row-' + state.active);
    else podsEl.removeAttribute('aria-activedescendant');
  }

  podsEl.addEventListener('scroll', function () {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(renderWindow);
    }
  });

  function setActive(i) {
    if (!state.rows.length) return;
    state.active = Math.max(0, Math.min(state.rows.length - 1, i));
    var top = state.active * ROW;
    if (top < podsEl.scrollTop) podsEl.scrollTop = top;
    else if (top + ROW > podsEl.scrollTop + podsEl.clientHeight) podsEl.scrollTop = top + ROW - podsEl.clientHeight;
    renderWindow();
    showDetail(state.rows[state.active]);
  }

  podsEl.addEventListener('keydown', function (e) {
    var page = Math.max(1, Math.floor(podsEl.clientHeight / ROW) - 1);
    var handled = true;
    if (e.key === 'ArrowDown') setActive(state.active + 1);
    else if (e.key === 'ArrowUp') setActive(state.active - 1);
    else if (e.key === 'PageDown') setActive(state.active + page);
    else if (e.key === 'PageUp') setActive(state.active - page);
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(state.rows.length - 1);
    else if (e.key === 'Enter') {
      var b = detailEl.querySelector('button');
      if (b) b.focus();
    } else handled = false;
    if (handled) e.preventDefault();
  });

  podsEl.addEventListener('click', function (e) {
    var el = e.target.closest ? e.target.closest('.row') : null;
    if (!el) return;
    setActive(Number(el.id.slice(4)));
    podsEl.focus();
  });

  function line(label, value) {
    var d = document.createElement('div');
    var b = document.createElement('span');
    b.className = 'label';
    b.textContent = label;
    d.appendChild(b);
    d.appendChild(document.createTextNode(' ' + value));
    return d;
  }

  function showDetail(row) {
    detailEl.textContent = '';
    if (!row || row.kind === 'ns') return;
    var r = row.kind === 'pod' ? row.pod : row.c;
    var h = document.createElement('h3');
    h.textContent = row.kind === 'pod' ? row.pod.namespace + '/' + row.pod.name : row.pod.name + ' › ' + row.c.name;
    detailEl.appendChild(h);
    if (row.kind === 'pod')
      detailEl.appendChild(line('Owner', (row.pod.owner || 'none') + ' · node ' + (row.pod.node || '-')));
    detailEl.appendChild(
      line(
        'CPU',
        (R.formatCpu(r.cpu) || 'n/a') +
          ' of request ' +
          (R.formatCpu(r.cpuReq) || 'none') +
          ', limit ' +
          (R.formatCpu(r.cpuLim) || 'none'),
      ),
    );
    detailEl.appendChild(
      line(
        'Memory',
        (R.formatMemory(r.mem) || 'n/a') +
          ' of request ' +
          (R.formatMemory(r.memReq) || 'none') +
          ', limit ' +
          (R.formatMemory(r.memLim) || 'none'),
      ),
    );
    if (row.kind !== 'ctr') return;
    var c = row.c;
    if (c.cpuHist.length > 1) {
      var sp = document.createElement('div');
      sp.className = 'sparks';
      sp.innerHTML = R.sparkline(c.cpuHist, 'cpu', 160, 32) + R.sparkline(c.memHist, 'mem', 160, 32);
      detailEl.appendChild(sp);
    }
    if (!c.rec) {
      detailEl.appendChild(line('Recommendation', 'none yet: the panel needs usage samples first.'));
      return;
    }
    detailEl.appendChild(
      line(
        'Recommended',
        'cpu ' +
          R.formatCpu(c.rec.cpuReq) +
          ' request · memory ' +
          R.formatMemory(c.rec.memReq) +
          ' request and limit' +
          (c.rec.low ? ' (low confidence)' : ''),
      ),
    );
    var m = line('Method', (state.snapshot ? state.snapshot.method : '') + ' ' + c.rec.samples + ' sample(s).');
    m.className = 'muted';
    detailEl.appendChild(m);
    var b = document.createElement('button');
    b.type = 'button';
    b.id = 'apply';
    b.textContent = 'Apply recommended resources';
    b.title = 'Write these requests and limits into the manifest of ' + row.pod.owner;
    b.addEventListener('click', function () {
      vscode.postMessage({ type: 'applyRecommendation', pod: row.pod.key, container: c.name });
    });
    detailEl.appendChild(b);
  }

  function renderNodes(nodes) {
    var section = $('nodes-section');
    var table = $('nodes');
    section.hidden = !nodes;
    if (!nodes) return;
    var head = table.tHead;
    head.innerHTML =
      '<tr><th scope="col">Node</th><th scope="col">CPU</th><th scope="col">%CPU/A</th><th scope="col">Req/A</th><th scope="col">MEM</th><th scope="col">%MEM/A</th><th scope="col">Req/A</th><th scope="col">Pods</th></tr>';
    var body = table.tBodies[0];
    var html = '';
    nodes.forEach(function (n) {
      var p = function (v, of) {
        var x = R.pct(v, of);
        return x === null ? 'n/a' : x + '%';
      };
      html +=
        '<tr><th scope="row">' +
        R.esc(n.name) +
        '</th><td>' +
        R.esc(R.formatCpu(n.cpu) || 'n/a') +
        '</td><td>' +
        p(n.cpu, n.cpuAlloc) +
        '</td><td>' +
        R.esc(R.formatCpu(n.cpuReq)) +
        ' (' +
        p(n.cpuReq, n.cpuAlloc) +
        ')</td><td>' +
        R.esc(R.formatMemory(n.mem) || 'n/a') +
        '</td><td>' +
        p(n.mem, n.memAlloc) +
        '</td><td>' +
        R.esc(R.formatMemory(n.memReq)) +
        ' (' +
        p(n.memReq, n.memAlloc) +
        ')</td><td>' +
        n.pods +
        '</td></tr>';
    });
    body.innerHTML = html;
  }

  function renderProblems(problems) {
    problemsEl.textContent = '';
    problems.forEach(function (p) {
      var card = document.createElement('div');
      card.className = 'problem ' + p.severity;
      card.setAttribute('role', p.severity === 'error' ? 'alert' : 'status');
      card.dataset.kind = p.kind;
      var t = document.createElement('strong');
      t.textContent = p.title;
      card.appendChild(t);
      var d = document.createElement('p');
      d.textContent = p.detail;
      card.appendChild(d);
      var n = document.createElement('p');
      n.className = 'next';
      n.textContent = 'Next: ' + p.next;
      card.appendChild(n);
      if (['no-kubeconfig', 'kubeconfig-broken', 'unknown-context', 'no-context'].indexOf(p.kind) >= 0) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = p.kind === 'no-kubeconfig' ? 'Open settings' : 'Choose context';
        b.addEventListener('click', function () {
          vscode.postMessage({ type: p.kind === 'no-kubeconfig' ? 'openSettings' : 'pickContext' });
        });
        card.appendChild(b);
      }
      problemsEl.appendChild(card);
    });
  }

  function renderContexts(contexts, current) {
    ctxEl.textContent = '';
    (contexts || []).forEach(function (c) {
      var o = document.createElement('option');
      o.value = c;
      o.textContent = c;
      if (c === current) o.selected = true;
      ctxEl.appendChild(o);
    });
    ctxEl.disabled = !contexts || contexts.length === 0;
  }

  function renderNamespaces(pods) {
    var names = {};
    pods.forEach(function (p) {
      names[p.namespace] = true;
    });
    var list = Object.keys(names).sort();
    if (state.namespace && !names[state.namespace]) list.push(state.namespace);
    nsEl.textContent = '';
    var all = document.createElement('option');
    all.value = '';
    all.textContent = 'All namespaces';
    nsEl.appendChild(all);
    list.forEach(function (n) {
      var o = document.createElement('option');
      o.value = n;
      o.textContent = n;
      if (n === state.namespace) o.selected = true;
      nsEl.appendChild(o);
    });
  }

  function renderFocus() {
    var f = state.focus;
    focusEl.hidden = !f;
    focusEl.textContent = '';
    if (!f) return;
    var label = document.createElement('label');
    var cb = document.createElement('input');
    cb.type = 'checkbox';
    cb.checked = state.onlyFocus;
    cb.addEventListener('change', function () {
      state.onlyFocus = cb.checked;
      save();
      rebuild();
    });
    label.appendChild(cb);
    label.appendChild(
      document.createTextNode(
        ' Only ' +
          f.label +
          ' (' +
          f.podKeys.length +
          ' live pod' +
          (f.podKeys.length === 1 ? '' : 's') +
          ' in ' +
          f.namespace +
          ')',
      ),
    );
    focusEl.appendChild(label);
  }

  // Sparkline history kept by the page (rows.js keepHistory): sent once, then appended to from each snapshot.
  var hist = { context: null, byKey: {} };
  function keepHistory(m) {
    hist = R.keepHistory(hist, m);
  }

  var filterTimer = null;
  filterEl.addEventListener('input', function () {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(function () {
      state.filter = filterEl.value;
      state.active = -1;
      save();
      rebuild();
    }, 120);
  });
  nsEl.addEventListener('change', function () {
    state.namespace = nsEl.value;
    state.active = -1;
    save();
    rebuild();
  });
  ctxEl.addEventListener('change', function () {
    if (ctxEl.value) vscode.postMessage({ type: 'selectContext', context: ctxEl.value });
  });
  $('refresh').addEventListener('click', function () {
    vscode.postMessage({ type: 'refresh' });
  });

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'loading') {
      statusEl.textContent = 'Loading ' + (m.context || '') + '…';
    } else if (m.type === 'problem') {
      renderContexts(m.contexts, m.context);
      renderProblems([m.problem]);
      statusEl.textContent = m.context ? m.context + ': not connected' : 'Not connected';
      state.pods = [];
      renderNodes(null);
      rebuild();
    } else if (m.type === 'focus') {
      state.focus = m.focus;
      renderFocus();
      rebuild();
    } else if (m.type === 'snapshot' || m.type === 'delta') {
      if (m.type === 'delta') {
        // An incremental refresh: only the pods that differ. If it does not fit what the page holds (a message was
        // lost), ask for the full snapshot instead of showing a wrong list.
        var pods = R.applyDelta(state.pods, m);
        if (!pods || !state.snapshot || state.snapshot.context !== m.context) {
          vscode.postMessage({ type: 'ready' });
          return;
        }
        m = Object.assign({}, m, { pods: pods, history: false });
      }
      keepHistory(m);
      state.snapshot = m;
      state.pods = m.pods;
      state.focus = m.focus;
      renderContexts(m.contexts, m.context);
      renderProblems(m.problems);
      renderNodes(m.nodes);
      renderNamespaces(m.pods);
      renderFocus();
      statusEl.textContent =
        m.pods.length + ' pods · ' + new Date(m.time).toLocaleTimeString() + ' · every ' + m.intervalSec + ' s';
      rebuild();
      if (state.active >= 0) {
        // A refresh re-renders the detail: keep the keyboard focus where it was (the Apply button).
        var focused = detailEl.contains(document.activeElement) ? document.activeElement.id : '';
        showDetail(state.rows[state.active]);
        if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
      }
    }
  });

  renderHead();
  rebuild();
  vscode.postMessage({ type: 'ready' });
})();
