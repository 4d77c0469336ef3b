// Choosing a saved question puts its text into the editor (no network, no libraries).
(function () {
  var select = document.getElementById("example");
  var area = document.getElementById("query");
  var texts = JSON.parse(document.getElementById("saved-texts").dataset.texts);
  select.addEventListener("change", function () {
    if (texts[select.value]) { area.value = texts[select.value]; }
  });
  area.form.addEventListener("submit", function () { select.disabled = true; });
})();
