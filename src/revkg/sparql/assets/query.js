// The query page's form (no network, no libraries). Choosing a saved question puts its
// text into the editor and shows its parameters; running it sends only the question's
// name and parameters when its text is unchanged, so the address stays short enough to
// share, and reloading it runs the same question again.
(function () {
  var form = document.getElementById("ask");
  var select = document.getElementById("example");
  var area = document.getElementById("query");
  var texts = JSON.parse(document.getElementById("saved-texts").dataset.texts);
  var sets = form.querySelectorAll("fieldset.params");
  function same(a, b) { return a.replace(/\r\n/g, "\n").trim() === b.replace(/\r\n/g, "\n").trim(); }
  function showParams(name) {
    for (var i = 0; i < sets.length; i++) {
      var mine = sets[i].dataset.for === name;
      sets[i].hidden = !mine;
      sets[i].disabled = !mine;
    }
  }
  select.addEventListener("change", function () {
    if (texts[select.value]) { area.value = texts[select.value]; }
    showParams(select.value);
  });
  form.addEventListener("submit", function () {
    if (!select.value) { select.disabled = true; }
    else if (texts[select.value] && same(area.value, texts[select.value])) { area.disabled = true; }
  });
  window.addEventListener("pageshow", function () { select.disabled = false; area.disabled = false; });
})();
