// The static site's search (search.html): the essays' sentences, from
// assets/search-index.js (window.revkgSearchIndex; a page opened from disk may not fetch),
// ranked here. Every word typed must begin a word of the sentence; case, accents and
// typography are folded as revkg.text.normalize does. Sentences holding the words in a
// row come first, then those with more whole words, the words closest together, more
// matches, fewer words (as BM25 prefers), then the ones the graph quotes. Hits are built
// with DOM methods: text is only ever text.
"use strict";
(function () {
  var data = window.revkgSearchIndex;
  var box = document.getElementById("search-q");
  var out = document.getElementById("search-results");
  if (!data || !box || !out) { return; }
  var LIMIT = 50, MAX = 1000;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  var TYPOGRAPHY = data.fold;

  function fold(s) {
    s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    s = Array.from(s, function (ch) {
      return Object.prototype.hasOwnProperty.call(TYPOGRAPHY, ch) ? TYPOGRAPHY[ch] : ch;
    }).join("");
    return s.replace(SPACES, " ").toLowerCase();
  }
  function words(text) {
    var found = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      found.push({ start: m.index, end: m.index + m[0].length, key: fold(m[0]) });
    }
    return found;
  }
  var rows = data.sentences.map(function (r, i) { return { row: r, order: i, words: words(r[2]) }; });

  function asked(text) {
    var seen = {}, found = [];
    (fold(text).match(WORD) || []).forEach(function (w) {
      if (!seen[w]) { seen[w] = true; found.push(w); }
    });
    return found;
  }
  function span(positions) {  // the fewest words that hold one of each asked word
    var all = [];
    positions.forEach(function (ps, k) { ps.forEach(function (p) { all.push([p, k]); }); });
    all.sort(function (a, b) { return a[0] - b[0]; });
    var count = {}, have = 0, best = Infinity, left = 0;
    for (var right = 0; right < all.length; right++) {
      var k = all[right][1];
      count[k] = (count[k] || 0) + 1;
      if (count[k] === 1) { have++; }
      while (have === positions.length) {
        best = Math.min(best, all[right][0] - all[left][0] + 1);
        var j = all[left][1];
        count[j]--;
        if (count[j] === 0) { have--; }
        left++;
      }
    }
    return best;
  }
  function match(r, qs) {
    var positions = qs.map(function () { return []; }), marked = [], whole = 0;
    r.words.forEach(function (w, i) {
      var hit = false;
      qs.forEach(function (q, k) {
        if (w.key.lastIndexOf(q, 0) === 0) { positions[k].push(i); hit = true; }
      });
      if (hit) { marked.push(w); }
    });
    if (positions.some(function (ps) { return ps.length === 0; })) { return null; }
    qs.forEach(function (q, k) {
      if (positions[k].some(function (i) { return r.words[i].key === q; })) { whole++; }
    });
    var phrase = positions[0].some(function (p) {
      return qs.every(function (q, k) { return positions[k].indexOf(p + k) >= 0; });
    });
    return { r: r, phrase: phrase, whole: whole, span: span(positions), marked: marked };
  }
  function better(a, b) {
    return (b.phrase - a.phrase) || (b.whole - a.whole) || (a.span - b.span) ||
      (b.marked.length - a.marked.length) || (a.r.words.length - b.r.words.length) ||
      (b.r.row[5] - a.r.row[5]) || (a.r.order - b.r.order);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function sentence(m) {
    var p = el("p", { "class": "sentence" }), text = m.r.row[2], pos = 0;
    m.marked.forEach(function (w) {
      p.appendChild(document.createTextNode(text.slice(pos, w.start)));
      p.appendChild(el("mark", {}, text.slice(w.start, w.end)));
      pos = w.end;
    });
    p.appendChild(document.createTextNode(text.slice(pos)));
    return p;
  }
  function hit(m) {
    var row = m.r.row, essay = data.essays[row[0]], li = el("li");
    var where = el("p", { "class": "where" });
    var page = essay[0] + (row[1] ? "#p-" + row[1] : "");
    where.appendChild(el("a", { "class": "hit", href: page },
      essay[1] + " " + (row[1] ? "\u00b6 " + row[1] : "title")));
    if (row[4]) {
      where.appendChild(document.createTextNode(" \u00b7 "));
      where.appendChild(el("a", { "class": "quoted", href: essay[0] + "#" + row[4] }, "the graph quotes it"));
    }
    li.appendChild(where);
    li.appendChild(sentence(m));
    if (row[3].length) {
      var names = el("p", { "class": "names" }, "Names: ");
      row[3].forEach(function (n, i) {
        if (i) { names.appendChild(document.createTextNode(", ")); }
        names.appendChild(el("a", { href: data.entities[n][1] }, data.entities[n][0]));
      });
      li.appendChild(names);
    }
    return li;
  }
  function say(cls, text) { out.appendChild(el("p", { "class": cls }, text)); }
  function show(text) {
    while (out.firstChild) { out.removeChild(out.firstChild); }
    if (!text.trim()) { return; }
    if (text.length > MAX) {
      say("error", "the search text is " + text.length + " characters long; search for at most " + MAX + ".");
      return;
    }
    var qs = asked(text);
    if (!qs.length) { say("error", "give a word to search for, e.g. free speech."); return; }
    var found = rows.map(function (r) { return match(r, qs); }).filter(Boolean).sort(better);
    var n = found.length;
    say("count", n + " sentence" + (n === 1 ? "" : "s") + " found" +
      (n > LIMIT ? " (the best " + LIMIT + " shown)" : ""));
    var list = el("ol", { "class": "search-results" });
    found.slice(0, LIMIT).forEach(function (m) { list.appendChild(hit(m)); });
    out.appendChild(list);
  }

  var q = new URLSearchParams(window.location.search).get("q") || "";
  if (q) { box.value = q; }
  box.addEventListener("input", function () { show(box.value); });
  show(box.value);
  window.revkgSearchReady = true;
})();
