/* revkg network page: choosing among relations under the pointer.
   A click away from any shape gathers every relation drawn within NEAR pixels of the
   pointer (the distance to the line or curve vis-network draws, times the view's scale).
   One opens as before; several are listed, "subject — relation — object", to choose from. */
(window.revkgParts = window.revkgParts || []).push(function (revkg) {
  "use strict";
  var NEAR = 6;
  var network = revkg.network, el = revkg.el;
  var box = document.getElementById("pick"), list = document.getElementById("pick-list");

  function near(pointer) {
    var scale = network.getScale(), at = pointer.canvas, found = [];
    network.body.edgeIndices.forEach(function (id) {
      var edge = network.body.edges[id];
      if (!edge || !edge.connected) return;
      var d = edge.edgeType.getDistanceToEdge(edge.from.x, edge.from.y, edge.to.x, edge.to.y, at.x, at.y);
      if (d * scale <= NEAR) found.push([d, id]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.map(function (f) { return f[1]; });
  }
  function open(id) {
    close();
    network.selectEdges([id]);
    revkg.showEdge(id);
  }
  function close() { box.hidden = true; list.textContent = ""; }
  function offer(ids, pointer) {
    list.textContent = "";
    ids.forEach(function (id) {
      var e = revkg.edges.get(id), item = list.appendChild(el("li"));
      var button = item.appendChild(el("button",
        revkg.full(revkg.byId[e.from]) + " — " + e.relation + " — " + revkg.full(revkg.byId[e.to])));
      button.type = "button";
      button.setAttribute("data-edge", String(id));
      if (e.time) button.appendChild(el("span", e.time, "when"));
      button.addEventListener("click", function () { open(id); });
    });
    document.getElementById("pick-count").textContent = ids.length + " relations here:";
    var frame = network.body.container.getBoundingClientRect();
    box.hidden = false;
    var x = Math.min(frame.left + pointer.DOM.x + 8, window.innerWidth - box.offsetWidth - 8);
    var y = Math.min(frame.top + pointer.DOM.y + 8, window.innerHeight - box.offsetHeight - 8);
    box.style.left = Math.max(0, x) + "px";
    box.style.top = Math.max(0, y) + "px";
    network.selectEdges(ids);
    list.querySelector("button").focus();
  }
  // A click on no shape: true when it was about relations near the pointer.
  revkg.pickEdge = function (p) {
    close();
    var ids = near(p.pointer);
    if (ids.length === 1) open(ids[0]);
    else if (ids.length > 1) offer(ids, p.pointer);
    return ids.length > 0;
  };
  revkg.edgesNear = function (x, y) { return near({ canvas: network.DOMtoCanvas({ x: x, y: y }) }); };
  revkg.hooks.apply.push(close);
  document.getElementById("pick-close").addEventListener("click", close);
  box.addEventListener("keydown", function (ev) { if (ev.key === "Escape") close(); });
});
