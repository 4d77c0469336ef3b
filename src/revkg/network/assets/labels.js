/* revkg network page: names on screen.
   After each fit the most connected entities drawn get the first tier's size on screen, the
   next the second's... (data.meta.labels: [below this rank, pixels]); vis-network leaves out
   a name smaller than its drawThreshold, so the others appear as the reader zooms in. A name
   of the first tier that would cover one already placed goes above its shape instead, or
   else waits, at the second tier's size, for the reader to zoom in. */
(window.revkgParts = window.revkgParts || []).push(function (revkg) {
  "use strict";
  var network = revkg.network, byId = revkg.byId, tiers = revkg.data.meta.labels;
  var font = revkg.data.options.nodes.font;
  var now = {};  // each entity's font as last set: "size vadjust"
  var measure = document.createElement("canvas").getContext("2d");

  function pixels(rank) {
    return tiers.find(function (t) { return t[0] === null || rank < t[0]; })[1];
  }
  // A name's box on screen, under its shape as vis-network draws it (its text starts half
  // a line below the shape), or moved above the shape by `up` (font.vadjust, in drawing
  // units), with the white outline on either side.
  function below(id, px) {
    var scale = network.getScale(), at = network.canvasToDOM(network.getPosition(id));
    measure.font = px + "px " + font.face;
    var w = measure.measureText(byId[id].label).width + 2 * font.strokeWidth;
    var top = at.y + (byId[id].size + 3) * scale + px / 2;
    return [at.x - w / 2, top, at.x + w / 2, top + px];
  }
  function up(id, px) {
    return -(2 * byId[id].size + 6 + (1.5 * px + 2) / network.getScale());
  }
  function moved(b, by) { return [b[0], b[1] + by, b[2], b[3] + by]; }
  function free(b, placed) {  // with 2 pixels between names
    return placed.every(function (o) {
      return b[2] + 2 <= o[0] || o[2] + 2 <= b[0] || b[3] + 2 <= o[1] || o[3] + 2 <= b[1];
    });
  }
  // Where a name of the first tier goes: 0 (under its shape), up(...) or null (nowhere free).
  function place(id, px, placed) {
    var b = below(id, px), a = moved(b, up(id, px) * network.getScale());
    if (free(b, placed)) { placed.push(b); return 0; }
    if (free(a, placed)) { placed.push(a); return up(id, px); }
    return null;
  }
  function sizeNames(shown) {
    var scale = network.getScale(), placed = [], changes = [], first = tiers[0][1];
    shown.sort(function (a, b) { return byId[b].degree - byId[a].degree || a - b; });
    shown.forEach(function (id, rank) {
      var px = pixels(rank), vadjust = 0;
      if (px === first) {
        var where = place(id, px, placed);
        if (where === null) px = tiers[1][1]; else vadjust = Math.round(where * 100) / 100;
      }
      var size = Math.round(px / scale * 100) / 100;
      var key = size + " " + vadjust;
      if (now[id] !== key) {
        now[id] = key;
        changes.push({ id: id, font: { size: size, vadjust: vadjust } });
      }
    });
    if (changes.length) revkg.nodes.update(changes);
  }
  revkg.hooks.fit.push(sizeNames);
});
