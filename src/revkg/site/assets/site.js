// A quote split where it crosses another is several <mark>s; CSS :target lights the
// first (the one with the id), this lights the rest. The pages work without it.
"use strict";
(function () {
  function light() {
    document.querySelectorAll("mark.quote.hit").forEach(function (m) { m.classList.remove("hit"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!/^q-\d+-\d+$/.test(id)) { return; }
    document.querySelectorAll('mark.quote[data-q="' + id + '"]').forEach(function (m) {
      m.classList.add("hit");
    });
  }
  window.addEventListener("hashchange", light);
  document.addEventListener("DOMContentLoaded", light);
})();
