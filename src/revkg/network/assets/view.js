/* revkg network page: search, filters, neighbourhood focus and evidence panel.
   All text from the graph is written with textContent or as plain-text tooltips. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("revkg-data").textContent);
  var meta = data.meta;
  var $ = function (id) { return document.getElementById(id); };
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; n.title = nodeTitle(n); });
  data.edges.forEach(function (e) { e.title = edgeTitle(e); });

  // the drawing shows a label cut to a readable length; tooltips and panels the whole name
  function full(n) { return n.name || n.label; }
  function years(y) { return y ? (y[0] === y[1] ? String(y[0]) : y[0] + "–" + y[1]) : ""; }
  function nodeTitle(n) {
    var lines = [full(n) + " (" + meta.types[n.type].label + ")"];
    n.dates.forEach(function (d) { lines.push(d[0] + ": " + d[1]); });
    if (n.desc) lines.push(n.desc);
    return lines.join("\n");
  }
  function edgeTitle(e) {
    var head = full(byId[e.from]) + " " + e.relation + " " + full(byId[e.to]);
    var lines = [e.time ? head + " (" + e.time + ")" : head];
    if (e.ev.length && e.ev[0].quote) lines.push("“" + e.ev[0].quote + "”");
    lines.push(e.layer === "extracted" ? "extracted, confidence " + e.confidence.toFixed(2) : "curated");
    return lines.join("\n");
  }

  // ---- state and visibility --------------------------------------------
  // The same rules as revkg.network.projection.filter_graph (tests/test_view_browser.py
  // runs the same cases through both), where keep_undated is state.undated while a year
  // range is set (the reader keeps undated entities and relations); with no range nothing
  // is left out for its dates, in both.
  var state = { types: {}, layers: {}, essays: {}, since: meta.years[0], until: meta.years[1],
                undated: false, focus: null, hops: 2 };
  var visibleNodes = {};
  var visibleEdges = {};

  function ranged() { return state.since > meta.years[0] || state.until < meta.years[1]; }
  function overlaps(y) {
    return y ? (y[0] <= state.until && y[1] >= state.since) : (state.undated || !ranged());
  }
  function essaysOk(list) {
    var all = meta.essays.every(function (_, i) { return state.essays[i]; });
    if (all) return true;
    return list.some(function (i) { return state.essays[i]; });
  }
  function edgeOk(e) {
    var layerOk = e.layers.some(function (l) { return state.layers[l]; });
    return layerOk && essaysOk(e.essays) && overlaps(e.years);
  }
  function focusSet(base, edges) {
    if (state.focus === null) return null;
    var seen = {}; seen[state.focus] = true;
    var frontier = [state.focus];
    var adj = {};
    edges.forEach(function (e) {
      if (!base[e.from] || !base[e.to]) return;
      (adj[e.from] = adj[e.from] || []).push(e.to);
      (adj[e.to] = adj[e.to] || []).push(e.from);
    });
    for (var step = 0; step < state.hops; step++) {
      var next = [];
      frontier.forEach(function (id) {
        (adj[id] || []).forEach(function (m) { if (!seen[m]) { seen[m] = true; next.push(m); } });
      });
      frontier = next;
    }
    return seen;
  }
  function compute() {
    var base = {}, touched = {};
    data.nodes.forEach(function (n) {
      base[n.id] = state.types[n.type] && essaysOk(n.essays);
    });
    var okEdges = data.edges.filter(function (e) { return edgeOk(e) && base[e.from] && base[e.to]; });
    okEdges.forEach(function (e) { if (e.years) { touched[e.from] = true; touched[e.to] = true; } });
    var shown = {};
    data.nodes.forEach(function (n) {
      shown[n.id] = base[n.id] && (overlaps(n.years) || !!touched[n.id]);
    });
    var near = focusSet(shown, okEdges);
    visibleNodes = {};
    data.nodes.forEach(function (n) { if (shown[n.id] && (!near || near[n.id])) visibleNodes[n.id] = true; });
    visibleEdges = {};
    okEdges.forEach(function (e) { if (visibleNodes[e.from] && visibleNodes[e.to]) visibleEdges[e.id] = true; });
  }

  // ---- network -----------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !!visibleNodes[n.id]; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !!visibleEdges[e.id]; } });
  meta.layers.forEach(function (l) { state.layers[l] = true; });
  Object.keys(meta.types).forEach(function (t) { state.types[t] = true; });
  meta.essays.forEach(function (_, i) { state.essays[i] = true; });
  compute();
  var network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, data.options);
  // Refreshed once now that the network listens: without it, the first filter a reader
  // sets changes the views' contents but not what vis-network draws.
  nodeView.refresh();
  edgeView.refresh();
  var hooks = { fit: [], apply: [] };  // what the page's other parts do after a fit, a filter

  function apply() {
    compute();
    nodeView.refresh();
    edgeView.refresh();
    status();
    $("undated-row").hidden = !ranged();  // the choice is shown with the range
    fitView();  // the view follows
    hooks.apply.forEach(function (f) { f(); });
  }
  function fitView() {
    var shown = Object.keys(visibleNodes).map(Number);
    if (!shown.length) return;
    network.fit({ nodes: shown, animation: false });
    if (!hooks.fit.length) return;
    hooks.fit.forEach(function (f) { f(shown); });  // names sized for this view
    network.fit({ nodes: shown, animation: false });  // ... count in what is fitted
    hooks.fit.forEach(function (f) { f(shown); });
  }
  function status() {
    var n = Object.keys(visibleNodes).length, m = Object.keys(visibleEdges).length;
    $("status").textContent = "Showing " + n + " of " + data.nodes.length + " entities and " +
      m + " of " + data.edges.length + " relations";
  }

  // ---- details panel -------------------------------------------------------
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function evidence(body, list) {
    list.forEach(function (ev) {
      body.appendChild(el("blockquote", ev.quote ? "“" + ev.quote + "”" : "(added by a curator without a quote)"));
      var how = ev.method === "extracted"
        ? "extracted" + (ev.rule ? " by rule " + ev.rule : "") + ", confidence " + ev.confidence.toFixed(2)
        : "curated";
      var src = el("p", "— " + meta.essays[ev.essay] + " ", "src");
      src.appendChild(el("span", ev.method, "badge " + ev.method)).title = how;
      src.appendChild(document.createTextNode(ev.method === "extracted" ? how.slice(9) : ""));
      body.appendChild(src);
      if (ev.note) body.appendChild(el("p", "Note: " + ev.note, "src"));
    });
  }
  function openPanel() { var b = $("details-body"); b.textContent = ""; $("details").hidden = false; return b; }
  function showNode(id) {
    var n = byId[id], body = openPanel();
    body.appendChild(el("h2", full(n)));
    body.appendChild(el("span", meta.types[n.type].label, "badge")).style.background = meta.types[n.type].color;
    if (n.desc) body.appendChild(el("p", n.desc));
    if (n.aliases.length) body.appendChild(el("p", "Also called: " + n.aliases.join(", ")));
    var quoted = n.facts.map(function (f) { return f.relation; });
    var bare = n.dates.filter(function (d) { return quoted.indexOf(d[0]) < 0; });
    if (bare.length) {
      body.appendChild(el("h3", "Dates"));
      var ul = body.appendChild(el("ul"));
      bare.forEach(function (d) { ul.appendChild(el("li", d[0] + ": " + d[1])); });
    }
    n.facts.forEach(function (f) {
      body.appendChild(el("h3", f.relation + ": " + f.value));
      evidence(body, f.ev);
    });
    var rel = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    if (rel.length) {
      body.appendChild(el("h3", "Relations (" + rel.length + ")"));
      var list = body.appendChild(el("ul"));
      rel.forEach(function (e) {
        var li = list.appendChild(el("li", full(byId[e.from]) + " " + e.relation + " " + full(byId[e.to]) +
          (e.time ? " (" + e.time + ")" : "")));
        li.style.cursor = "pointer";
        li.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
      });
    }
    body.appendChild(el("p", n.iri, "iri"));
  }
  function showEdge(id) {
    var e = edges.get(id), body = openPanel();
    body.appendChild(el("h2", full(byId[e.from]) + " " + e.relation + " " + full(byId[e.to])));
    body.appendChild(el("span", e.layer, "badge " + e.layer));
    if (e.time) body.appendChild(el("p", "When: " + e.time));
    body.appendChild(el("h3", "Evidence"));
    evidence(body, e.ev);
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (api.pickEdge && api.pickEdge(p)) return;  // the relations near the pointer
    else if (p.edges.length) showEdge(p.edges[0]);
    else $("details").hidden = true;
  });
  $("close").addEventListener("click", function () { $("details").hidden = true; });

  // ---- search ----------------------------------------------------------------
  // Names and their ranking come from revkg's matcher (revkg.graph.lookup.Names): each
  // entry is [folded name, kind (0 label, 1 alias or misspelling, 2 id), node], best
  // first; what is typed is folded as lookup.fold() does (accents, typography, spaces, case).
  var TYPOGRAPHY = data.find.fold;
  var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  function fold(s) {
    s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    s = Array.from(s, function (ch) {
      return Object.prototype.hasOwnProperty.call(TYPOGRAPHY, ch) ? TYPOGRAPHY[ch] : ch;
    }).join("");
    return s.replace(SPACES, " ").replace(/^ | $/g, "").toLowerCase();
  }
  function matches(q) {
    q = fold(q);
    if (!q) return [];
    var best = {}, found = [];
    data.find.names.forEach(function (entry, pos) {
      var name = entry[0], kind = entry[1], id = entry[2], at = name.indexOf(q);
      var how = name === q ? 0 : kind > 1 || at < 0 ? -1 : at === 0 ? 1 : 2;
      if (how < 0) return;
      var score = how * 3 + kind;  // exact, then starts with, then contains; labels first
      if (!(id in best)) { found.push(id); best[id] = [score, pos]; }
      else if (score < best[id][0]) best[id] = [score, pos];
    });
    found.sort(function (a, b) { return best[a][0] - best[b][0] || best[a][1] - best[b][1]; });
    return found.slice(0, 12);
  }
  function select(id) {
    if (!visibleNodes[id]) { reset(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
  }
  function listResults() {
    var ul = $("results"); ul.textContent = "";
    matches($("search").value).forEach(function (id) {
      var li = ul.appendChild(el("li", full(byId[id])));
      li.appendChild(el("span", meta.types[byId[id].type].label, "kind"));
      li.addEventListener("click", function () { select(id); });
    });
  }
  $("search").addEventListener("input", listResults);
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var found = matches($("search").value);
    if (found.length) select(found[0]);
  });

  // ---- filter controls -------------------------------------------------------
  var SHAPES = {
    dot: '<circle cx="8" cy="8" r="6"/>', square: '<rect x="2" y="2" width="12" height="12"/>',
    diamond: '<path d="M8 1 15 8 8 15 1 8z"/>', star: '<path d="M8 1l2 5h5l-4 3 2 6-5-4-5 4 2-6-4-3h5z"/>',
    triangle: '<path d="M8 1 15 14H1z"/>', hexagon: '<path d="M4 2h8l4 6-4 6H4L0 8z"/>',
    solid: '<line x1="0" y1="8" x2="16" y2="8" stroke-width="2"/>',
    dashed: '<line x1="0" y1="8" x2="16" y2="8" stroke-width="2" stroke-dasharray="4 3"/>'
  };
  function swatch(shape, color) {
    var s = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="' + color +
      '" stroke="' + color + '">' + SHAPES[shape] + "</svg>";
    var span = document.createElement("span");
    span.innerHTML = s;  // constant markup: shapes and colours come from revkg's own style table
    return span.firstChild;
  }
  function checkbox(parent, label, onChange, shape, color, name) {
    var lab = parent.appendChild(el("label", null, "check"));
    var box = lab.appendChild(document.createElement("input"));
    box.type = "checkbox"; box.checked = true; box.name = name;
    if (shape) lab.appendChild(swatch(shape, color));
    lab.appendChild(el("span", label));
    box.addEventListener("change", function () { onChange(box.checked); apply(); });
    return box;
  }
  var boxes = [];
  meta.order.forEach(function (t) {
    var s = meta.types[t];
    boxes.push(checkbox($("types"), s.label + " (" + s.count + ")", function (v) { state.types[t] = v; },
      s.shape, s.color, "type-" + t));
  });
  meta.layers.forEach(function (l) {
    boxes.push(checkbox($("layers"), l === "curated" ? "curated (checked by hand)" : "extracted (found by rules)",
      function (v) { state.layers[l] = v; }, l === "curated" ? "solid" : "dashed", "#6b7280", "layer-" + l));
  });
  meta.essays.forEach(function (title, i) {
    boxes.push(checkbox($("essays"), title, function (v) { state.essays[i] = v; }, null, null, "essay-" + i));
  });
  ["since", "until"].forEach(function (k) {
    [$(k), $(k + "-range")].forEach(function (input) {
      input.min = meta.years[0]; input.max = meta.years[1]; input.value = state[k];
      input.addEventListener("input", function () {
        var v = parseInt(input.value, 10);
        if (isNaN(v)) return;
        state[k] = v; showYears();
        apply();
      });
    });
  });
  function showYears() {
    ["since", "until"].forEach(function (k) { $(k).value = state[k]; $(k + "-range").value = state[k]; });
  }
  function setYears(since, until) { state.since = since; state.until = until; showYears(); apply(); }
  $("undated").addEventListener("change", function () { state.undated = $("undated").checked; apply(); });
  $("undated-count").textContent = data.edges.filter(function (e) { return !e.years; }).length +
    " relations, " + data.nodes.filter(function (n) { return !n.years; }).length + " entities";
  $("focus").addEventListener("click", function () {
    var sel = network.getSelectedNodes();
    if (!sel.length) { $("focus-note").textContent = "Select an entity first (click it or search)."; return; }
    state.focus = sel[0]; state.hops = Math.max(1, parseInt($("hops").value, 10) || 1);
    $("focus-note").textContent = "Around " + full(byId[state.focus]) + ", " + state.hops + " step(s).";
    apply();
  });
  $("unfocus").addEventListener("click", function () { state.focus = null; $("focus-note").textContent = ""; apply(); });
  function reset() {
    boxes.forEach(function (b) { b.checked = true; });
    meta.layers.forEach(function (l) { state.layers[l] = true; });
    Object.keys(meta.types).forEach(function (t) { state.types[t] = true; });
    meta.essays.forEach(function (_, i) { state.essays[i] = true; });
    state.since = meta.years[0]; state.until = meta.years[1]; state.undated = false; state.focus = null;
    showYears();
    $("undated").checked = false; $("focus-note").textContent = "";
    apply();
  }
  $("reset").addEventListener("click", reset);
  status();
  var api = window.revkg = {
    network: network, nodes: nodes, edges: edges, select: select, matches: matches, fold: fold,
    visible: function () { return { nodes: Object.keys(visibleNodes).length, edges: Object.keys(visibleEdges).length }; },
    data: data, byId: byId, state: state, apply: apply, hooks: hooks, el: el, full: full,
    showEdge: showEdge, setYears: setYears
  };
  // the page's other parts (names on screen, the timeline...) plug in before the first fit
  (window.revkgParts || []).forEach(function (part) { part(api); });
  fitView();
  network.once("afterDrawing", function () {
    window.revkgReady = true;
    document.body.setAttribute("data-ready", "1");
  });
})();
