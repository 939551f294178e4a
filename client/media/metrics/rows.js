// The pure part of the Cluster Metrics page: formatting, filtering, sorting, flattening into rows, and the HTML of
// one row. No DOM access here, so the bench and the unit tests run it in Node (module.exports) and the page runs it
// from a <script> (globalThis.KubewiseRows). Keep formatCpu/formatMemory in step with client/src/metrics/quantity.ts
// (a unit test compares them).
(function (root) {
  'use strict';

  function trim(v, digits) {
    return String(Number(v.toFixed(digits)));
  }

  function formatCpu(cores) {
    if (cores === null || cores === undefined || !isFinite(cores)) return '';
    var milli = cores * 1000;
    if (milli === 0) return '0';
    if (Math.abs(milli) < 1) return trim(milli, 2) + 'm';
    if (Math.round(milli) % 1000 === 0 && Math.abs(milli - Math.round(milli)) < 1e-6)
      return String(Math.round(milli) / 1000);
    if (Math.abs(milli) < 10000) return Math.round(milli) + 'm';
    return trim(cores, 1);
  }

  function formatMemory(bytes) {
    if (bytes === null || bytes === undefined || !isFinite(bytes)) return '';
    if (bytes === 0) return '0';
    var units = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
    var v = bytes;
    var unit = '';
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(v) < 1024) break;
      v /= 1024;
      unit = units[i];
    }
    if (unit === '') return String(Math.round(v));
    return Math.abs(v) < 10 ? trim(v, 1) + unit : Math.round(v) + unit;
  }

  /** Whole percent of `of` (floored, as k9s does), or null. */
  function pct(v, of) {
    if (v === null || v === undefined || of === null || of === undefined || !(of > 0)) return null;
    return Math.floor((v / of) * 100);
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  var SORT_KEYS = {
    name: function (r) {
      return r.name;
    },
    cpu: function (r) {
      return r.cpu;
    },
    cpuR: function (r) {
      return pct(r.cpu, r.cpuReq);
    },
    cpuL: function (r) {
      return pct(r.cpu, r.cpuLim);
    },
    mem: function (r) {
      return r.mem;
    },
    memR: function (r) {
      return pct(r.mem, r.memReq);
    },
    memL: function (r) {
      return pct(r.mem, r.memLim);
    },
  };

  function compare(key, dir) {
    var get = SORT_KEYS[key] || SORT_KEYS.name;
    var sign = dir === 'asc' ? 1 : -1;
    return function (a, b) {
      var x = get(a);
      var y = get(b);
      // Unknown figures always sort last, whatever the direction.
      if (x === null || x === undefined) return y === null || y === undefined ? cmpName(a, b) : 1;
      if (y === null || y === undefined) return -1;
      if (x < y) return -sign;
      if (x > y) return sign;
      return cmpName(a, b);
    };
  }

  function cmpName(a, b) {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  }

  function matches(pod, needle) {
    if (!needle) return true;
    if (pod.name.toLowerCase().indexOf(needle) >= 0) return true;
    if (pod.namespace.toLowerCase().indexOf(needle) >= 0) return true;
    if (pod.owner.toLowerCase().indexOf(needle) >= 0) return true;
    if (pod.node.toLowerCase().indexOf(needle) >= 0) return true;
    for (var i = 0; i < pod.containers.length; i++) {
      if (pod.containers[i].name.toLowerCase().indexOf(needle) >= 0) return true;
    }
    return false;
  }

  /**
   * The rows to show, k9s style: a header per namespace, each pod with its totals, its containers under it.
   * opts: { filter, namespace, sortKey, sortDir, only (a set of pod keys, or null) }.
   */
  function flatten(pods, opts) {
    var needle = (opts.filter || '').trim().toLowerCase();
    var byNs = {};
    var names = [];
    for (var i = 0; i < pods.length; i++) {
      var p = pods[i];
      if (opts.namespace && p.namespace !== opts.namespace) continue;
      if (opts.only && !opts.only[p.key]) continue;
      if (!matches(p, needle)) continue;
      if (!byNs[p.namespace]) {
        byNs[p.namespace] = [];
        names.push(p.namespace);
      }
      byNs[p.namespace].push(p);
    }
    names.sort();
    var cmp = compare(
      opts.sortKey || 'name',
      opts.sortDir || (opts.sortKey && opts.sortKey !== 'name' ? 'desc' : 'asc'),
    );
    var rows = [];
    for (var n = 0; n < names.length; n++) {
      var list = byNs[names[n]].sort(cmp);
      rows.push({ kind: 'ns', namespace: names[n], count: list.length });
      for (var j = 0; j < list.length; j++) {
        rows.push({ kind: 'pod', pod: list[j] });
        var cs = list[j].containers;
        for (var k = 0; k < cs.length; k++) rows.push({ kind: 'ctr', pod: list[j], c: cs[k] });
      }
    }
    return rows;
  }

  function sparkline(values, cls, w, h) {
    if (!values || values.length < 2) return '';
    w = w || 60;
    h = h || 14;
    var max = 0;
    for (var i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
    if (!(max > 0)) max = 1;
    var pts = [];
    for (var j = 0; j < values.length; j++) {
      var x = (j / (values.length - 1)) * (w - 2) + 1;
      var y = h - 1 - (values[j] / max) * (h - 2);
      pts.push(x.toFixed(1) + ',' + y.toFixed(1));
    }
    return (
      '<svg class="spark ' +
      cls +
      '" width="' +
      w +
      '" height="' +
      h +
      '" viewBox="0 0 ' +
      w +
      ' ' +
      h +
      '" role="img" aria-label="' +
      esc(cls === 'cpu' ? 'CPU trend' : 'memory trend') +
      '"><polyline points="' +
      pts.join(' ') +
      '"/></svg>'
    );
  }

  function pctCell(p) {
    if (p === null) return '<span class="num na">n/a</span>';
    var level = p >= 100 ? 'over' : p >= 80 ? 'high' : p < 20 ? 'low' : 'ok';
    return '<span class="num pct ' + level + '">' + p + '%</span>';
  }

  function rl(req, lim, fmt) {
    return (
      (req === null || req === undefined ? '-' : fmt(req)) + ':' + (lim === null || lim === undefined ? '-' : fmt(lim))
    );
  }

  function figures(r) {
    return (
      '<span class="num">' +
      esc(formatCpu(r.cpu)) +
      '</span>' +
      '<span class="num">' +
      esc(rl(r.cpuReq, r.cpuLim, formatCpu)) +
      '</span>' +
      pctCell(pct(r.cpu, r.cpuReq)) +
      pctCell(pct(r.cpu, r.cpuLim)) +
      '<span class="num">' +
      esc(formatMemory(r.mem)) +
      '</span>' +
      '<span class="num">' +
      esc(rl(r.memReq, r.memLim, formatMemory)) +
      '</span>' +
      pctCell(pct(r.mem, r.memReq)) +
      pctCell(pct(r.mem, r.memLim))
    );
  }

  /** The inner HTML of one row (the page sets the row element's id, class and position). */
  function rowHtml(row) {
    if (row.kind === 'ns') {
      return (
        '<span class="name">' +
        esc(row.namespace) +
        ' <span class="muted">(' +
        row.count +
        ' pod' +
        (row.count === 1 ? '' : 's') +
        ')</span></span>'
      );
    }
    if (row.kind === 'pod') {
      var p = row.pod;
      return (
        '<span class="name" title="' +
        esc(p.owner ? p.owner + ' on ' + p.node : p.node) +
        '">' +
        esc(p.name) +
        (p.phase && p.phase !== 'Running' ? ' <span class="muted">' + esc(p.phase) + '</span>' : '') +
        '</span>' +
        figures(p) +
        '<span></span>'
      );
    }
    var c = row.c;
    return (
      '<span class="name ctr">' +
      esc(c.name) +
      (c.sidecar ? ' <span class="muted">sidecar</span>' : '') +
      (c.rec
        ? ' <span class="badge' + (c.rec.low ? ' low' : '') + '" title="A recommendation is ready">rec</span>'
        : '') +
      '</span>' +
      figures(c) +
      '<span class="trend">' +
      sparkline(c.cpuHist, 'cpu') +
      '</span>'
    );
  }

  /**
   * The sparkline history the page keeps: the extension sends it once (m.history true, after the page loads), then
   * only each snapshot's figures, which are appended here, bounded to m.sparkPoints per container; containers that
   * are gone are dropped, and a new context starts afresh. Sets each container's cpuHist/memHist for rendering.
   */
  function keepHistory(store, m) {
    var old = m.history || m.context !== store.context ? {} : store.byKey;
    var next = {};
    m.pods.forEach(function (p) {
      p.containers.forEach(function (c) {
        var key = p.key + '/' + c.name;
        var h = m.history ? { cpu: c.cpuHist.slice(), mem: c.memHist.slice() } : old[key] || { cpu: [], mem: [] };
        if (!m.history && c.cpu !== null && c.mem !== null) {
          h.cpu.push(c.cpu);
          h.mem.push(c.mem);
          if (h.cpu.length > m.sparkPoints) h.cpu.shift();
          if (h.mem.length > m.sparkPoints) h.mem.shift();
        }
        next[key] = h;
        c.cpuHist = h.cpu;
        c.memHist = h.mem;
      });
    });
    return { context: m.context, byKey: next };
  }

  function isPod(p) {
    return (
      !!p &&
      typeof p === 'object' &&
      typeof p.key === 'string' &&
      typeof p.namespace === 'string' &&
      typeof p.name === 'string' &&
      typeof p.node === 'string' &&
      typeof p.owner === 'string' &&
      Array.isArray(p.containers)
    );
  }

  /**
   * The pods after a delta message (client/src/metrics/pods-delta.ts): removed keys dropped, changed pods replaced
   * where they were, added pods appended (the list is sorted when flattened). Checked on arrival: returns null when
   * the delta does not fit the pods held (malformed, an unknown or duplicate key, or not m.count pods afterwards),
   * and the page then asks for a full snapshot.
   */
  function applyDelta(pods, m) {
    if (!m || !Array.isArray(m.added) || !Array.isArray(m.removed) || !Array.isArray(m.changed)) return null;
    if (typeof m.count !== 'number') return null;
    var byKey = new Map();
    for (var i = 0; i < pods.length; i++) byKey.set(pods[i].key, i);
    var gone = new Set();
    for (var r = 0; r < m.removed.length; r++) {
      if (typeof m.removed[r] !== 'string' || !byKey.has(m.removed[r]) || gone.has(m.removed[r])) return null;
      gone.add(m.removed[r]);
    }
    var repl = new Map();
    for (var c = 0; c < m.changed.length; c++) {
      var ch = m.changed[c];
      if (!isPod(ch) || !byKey.has(ch.key) || gone.has(ch.key) || repl.has(ch.key)) return null;
      repl.set(ch.key, ch);
    }
    var next = [];
    for (var j = 0; j < pods.length; j++) {
      if (gone.has(pods[j].key)) continue;
      next.push(repl.get(pods[j].key) || pods[j]);
    }
    for (var a = 0; a < m.added.length; a++) {
      var ad = m.added[a];
      if (!isPod(ad) || (byKey.has(ad.key) && !gone.has(ad.key))) return null;
      next.push(ad);
    }
    return next.length === m.count ? next : null;
  }

  var api = {
    applyDelta: applyDelta,
    keepHistory: keepHistory,
    formatCpu: formatCpu,
    formatMemory: formatMemory,
    pct: pct,
    esc: esc,
    flatten: flatten,
    rowHtml: rowHtml,
    sparkline: sparkline,
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.KubewiseRows = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
