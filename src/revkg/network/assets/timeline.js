/* revkg network page: the timeline strip under the network.
   One bar a year: how many facts (relations) hold that year, that is, whose dates overlap
   it (the year filter's own rule). Dragging across the strip chooses the years from the
   first to the last touched and sets the year filter; a click chooses one year, and
   "all years" leaves the range. The years chosen are shaded, with their bars darker. */
(window.revkgParts = window.revkgParts || []).push(function (revkg) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg", PAD = 18, TOP = 4, BARS = 38, AXIS = 52;
  var meta = revkg.data.meta, lo = meta.years[0], hi = meta.years[1], state = revkg.state;
  var strip = document.getElementById("timeline-bars");
  var counts = [];
  for (var y = lo; y <= hi; y++) counts.push(0);
  revkg.data.edges.forEach(function (e) {
    if (!e.years) return;
    for (var y = Math.max(e.years[0], lo); y <= Math.min(e.years[1], hi); y++) counts[y - lo] += 1;
  });
  var most = Math.max.apply(null, counts.concat([1]));
  var drag = null;  // [first year, year now] while the reader drags

  function node(tag, attrs, parent) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return parent ? parent.appendChild(e) : e;
  }
  function step() { return (strip.clientWidth - 2 * PAD) / counts.length; }
  function x(year) { return PAD + (year - lo) * step(); }
  function yearAt(clientX) {
    var at = clientX - strip.getBoundingClientRect().left;
    return Math.max(lo, Math.min(hi, lo + Math.floor((at - PAD) / step())));
  }
  function chosen() {
    if (drag) return [Math.min(drag[0], drag[1]), Math.max(drag[0], drag[1])];
    return state.since > lo || state.until < hi ? [state.since, state.until] : null;
  }
  function ticks(svg) {
    var every = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find(function (s) { return s * step() >= 44; }) || 1000;
    for (var year = Math.ceil(lo / every) * every; year <= hi; year += every) {
      node("line", { x1: x(year), x2: x(year), y1: TOP + BARS, y2: TOP + BARS + 4, stroke: "#8a8273" }, svg);
      node("text", { x: x(year), y: AXIS + 10, "text-anchor": "middle" }, svg).textContent = String(year);
    }
  }
  function draw() {
    strip.textContent = "";
    var svg = node("svg", { width: strip.clientWidth, height: AXIS + 14, role: "img",
      "aria-label": "Facts by year, " + lo + " to " + hi }, strip);
    var range = chosen(), w = Math.max(1, step() - 1);
    if (range) {
      node("rect", { x: x(range[0]), y: 0, width: x(range[1] + 1) - x(range[0]), height: TOP + BARS + 2,
        class: "chosen" }, svg);
    }
    counts.forEach(function (n, i) {
      var year = lo + i, h = n ? Math.max(1.5, (n / most) * BARS) : 0;
      var inside = !range || (year >= range[0] && year <= range[1]);
      var bar = node("rect", { x: x(year), y: TOP + BARS - h, width: w, height: h, "data-year": year,
        "data-count": n, class: inside ? "bar in" : "bar" }, svg);
      node("title", {}, bar).textContent = year + ": " + n + (n === 1 ? " fact" : " facts");
    });
    node("line", { x1: PAD, x2: x(hi + 1), y1: TOP + BARS + 0.5, y2: TOP + BARS + 0.5, stroke: "#8a8273" }, svg);
    ticks(svg);
  }
  strip.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    strip.setPointerCapture(ev.pointerId);
    drag = [yearAt(ev.clientX), yearAt(ev.clientX)];
    draw();
  });
  strip.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var year = yearAt(ev.clientX);
    if (year !== drag[1]) { drag[1] = year; draw(); }
  });
  function finish() {
    if (!drag) return;
    var range = chosen();
    drag = null;
    revkg.setYears(range[0], range[1]);
  }
  strip.addEventListener("pointerup", finish);
  strip.addEventListener("pointercancel", function () { drag = null; draw(); });
  document.getElementById("all-years").addEventListener("click", function () { revkg.setYears(lo, hi); });
  revkg.hooks.apply.push(draw);
  window.addEventListener("resize", draw);
  revkg.timeline = { counts: counts, first: lo };
  draw();
});
