// revkg curate: keyboard and mouse over the reading view; every change is a POST with
// the page's CSRF token and file versions. Values reach the page through textContent
// and .value only, never as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("curate-data").textContent);
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const FORMS = ["#form-fact", "#form-correct", "#form-name", "#form-entity"];
  let current = null;
  let selection = null;
  let busy = false;

  function flash(text, error) {
    const box = $("#flash");
    box.textContent = text;
    box.classList.toggle("error", Boolean(error));
    box.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => { box.hidden = true; }, error ? 12000 : 4000);
  }

  async function post(path, body) {
    body.versions = data.versions;
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": data.csrf },
      body: JSON.stringify(body),
    });
    let answer;
    try { answer = await response.json(); } catch (e) { answer = {}; }
    if (!response.ok) {
      const error = new Error(answer.error || "the app answered " + response.status);
      error.status = response.status;
      throw error;
    }
    return answer;
  }

  async function change(path, body, form, next) {
    if (busy) return;
    busy = true;
    try {
      const answer = await post(path, body);
      sessionStorage.setItem("revkg-curate-flash", answer.message || "done");
      if (next) sessionStorage.setItem("revkg-curate-current", next);
      sessionStorage.setItem("revkg-curate-scroll", String(window.scrollY));
      location.reload();
    } catch (error) {
      const text = error.status === 409 ? "Conflict: " + error.message : error.message;
      const msg = form ? $(".msg", form) : null;
      if (msg) msg.textContent = text; else flash(text, true);
      busy = false;
    }
  }

  function fields(form) {
    const out = {};
    new FormData(form).forEach((value, key) => { out[key] = String(value); });
    return out;
  }

  function closeForms() { FORMS.forEach((id) => { const f = $(id); if (f) f.hidden = true; }); }

  function openForm(id) {
    closeForms();
    const form = $(id);
    form.hidden = false;
    $(".msg", form).textContent = "";
    form.scrollIntoView({ block: "nearest" });
    return form;
  }

  // ---- candidates ----------------------------------------------------------------
  function select(item, scroll) {
    $$(".cand.current, .s.current").forEach((el) => el.classList.remove("current"));
    current = item;
    if (!item) return;
    item.classList.add("current");
    const sentence = document.getElementById(item.dataset.sentence);
    if (sentence) sentence.classList.add("current");
    if (scroll !== false) {
      item.scrollIntoView({ block: "nearest" });
      if (sentence) sentence.scrollIntoView({ block: "center" });
    }
  }

  function step(direction) {
    const items = $$(".cand");
    const pending = items.filter((el) => el.dataset.state === "pending");
    if (!pending.length) { flash("nothing pending in this essay"); return; }
    const at = current ? items.indexOf(current) : -1;
    const ahead = direction > 0
      ? pending.find((el) => items.indexOf(el) > at) || pending[0]
      : pending.slice().reverse().find((el) => items.indexOf(el) < at) || pending[pending.length - 1];
    select(ahead);
  }

  function nextAfter(item) {
    const items = $$(".cand");
    const at = items.indexOf(item);
    const later = items.slice(at + 1).concat(items.slice(0, at));
    const next = later.find((el) => el.dataset.state === "pending");
    return next ? next.dataset.id : "";
  }

  function judge(item, decision) {
    if (!item) { flash("choose a candidate first (j / k)"); return; }
    if (decision === "correct") { openCorrect(item); return; }
    change("/decide", { candidate: item.dataset.id, decision: decision }, null, nextAfter(item));
  }

  function openCorrect(item) {
    select(item, false);
    const form = openForm("#form-correct");
    form.dataset.candidate = item.dataset.id;
    $("#correct-was").textContent = $(".triple", item).textContent;
    form.elements.subject.value = item.dataset.subject;
    form.elements.predicate.value = "";
    form.elements.object.value = item.dataset.object;
    form.dataset.predicate = item.dataset.predicate;  // "(as found)"
    fitPickers(form);
    $$(".precision", form).forEach((out) => showPrecision(form.elements[out.dataset.for]));
    form.elements.subject.focus();
  }

  // ---- pickers fitted to the predicate, dates with their precision -------------------
  // The subject list offers the entities of the predicate's domain, the object list those
  // of its range (none for a value); any id or name can still be typed, and the app
  // checks it. A date field shows the precision the app will record as the curator types.
  function fitList(input, types) {
    const all = $$("#entity-ids option");
    const fits = types ? all.filter((o) => types.includes(o.dataset.type)) : all;
    document.getElementById(input.getAttribute("list")).replaceChildren(
      ...fits.map((o) => o.cloneNode(true)));
    const note = $(`.fits[data-for="${input.name}"]`, input.form);
    if (note) note.textContent = types ? (types.length ? types.join(" or ") : "takes a value") : "";
  }

  function fitPickers(form) {
    const name = form.elements.predicate.value || form.dataset.predicate || "";
    const prop = (data.properties || {})[name];
    fitList(form.elements.subject, prop ? prop.domain : null);
    fitList(form.elements.object, prop ? prop.range : null);
    const value = form.elements.value;
    if (value && form.id === "form-fact") showPrecision(value);
  }

  function takesDate(input) {
    if (input.name !== "value" || input.form.id !== "form-fact") return true;
    const prop = (data.properties || {})[input.form.elements.predicate.value];
    return Boolean(prop && prop.date);
  }

  async function showPrecision(input) {
    const out = $(`.precision[data-for="${input.name}"]`, input.form);
    const text = input.value.trim();
    out.classList.remove("wrong");
    if (!text || !takesDate(input)) { out.textContent = ""; return; }
    const asked = input.value;
    try {
      const response = await fetch("/date?value=" + encodeURIComponent(text), { credentials: "same-origin" });
      const answer = await response.json();
      if (input.value !== asked) return;  // typed on meanwhile
      out.textContent = answer.error || (answer.precision + " · " + answer.iso);
      out.classList.toggle("wrong", Boolean(answer.error));
    } catch (e) { out.textContent = ""; }
  }

  function wirePickers() {
    ["#form-fact", "#form-correct"].forEach((id) => {
      const form = $(id);
      form.elements.predicate.addEventListener("change", () => fitPickers(form));
      $$(".precision", form).forEach((out) => {
        const input = form.elements[out.dataset.for];
        input.addEventListener("input", () => showPrecision(input));
      });
      fitPickers(form);
    });
  }

  // ---- names and entities ----------------------------------------------------------
  function openName(el) {
    const form = openForm("#form-name");
    const name = el.dataset.label || el.textContent;
    form.elements.name.value = name;
    $("#name-shown").textContent = name;
    const provisional = el.dataset.kind === "provisional" && el.dataset.entity;
    $("#confirm-part").hidden = !provisional;
    form.elements.id.value = provisional ? el.dataset.entity : "";
    if (el.dataset.type && el.dataset.type !== "Date") form.elements.type.value = el.dataset.type;
    form.dataset.type = el.dataset.type || "";
  }

  function openEntity(label, type) {
    const form = openForm("#form-entity");
    form.elements.label.value = label || "";
    if (type && type !== "Date") form.elements.type.value = type;
    (label ? form.elements.description : form.elements.label).focus();
  }

  // ---- a fact from a selection -------------------------------------------------------
  function paragraphOf(node) {
    const el = node.nodeType === 1 ? node : node.parentElement;
    return el ? el.closest("p.body") : null;
  }

  function readSelection() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    const p = paragraphOf(range.startContainer);
    if (!p || p !== paragraphOf(range.endContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(p);
    before.setEnd(range.startContainer, range.startOffset);
    const start = Number(p.dataset.start) + before.toString().length;
    const text = range.toString();
    return { from: start, to: start + text.length, selected: text };
  }

  function openFact() {
    if (!selection) { flash("select a passage of the essay first"); return; }
    const form = openForm("#form-fact");
    $("#fact-quote").textContent = selection.selected;
    form.elements.subject.focus();
  }

  function fillEnd(el) {
    const form = $("#form-fact");
    if (form.hidden || !el.dataset.entity) return false;
    const target = !form.elements.subject.value ? form.elements.subject : form.elements.object;
    target.value = el.dataset.entity;
    return true;
  }

  // ---- wiring ---------------------------------------------------------------------------
  function wireForms() {
    $$("form .cancel").forEach((b) => b.addEventListener("click", closeForms));
    $("#form-correct").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const form = ev.target;
      const body = Object.assign(fields(form), { decision: "correct", candidate: form.dataset.candidate });
      change("/decide", body, form, current ? nextAfter(current) : "");
    });
    $("#form-fact").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const body = Object.assign(fields(ev.target), selection || {}, { essay: data.essay });
      change("/fact", body, ev.target);
    });
    $("#form-entity").addEventListener("submit", (ev) => {
      ev.preventDefault();
      change("/entity", fields(ev.target), ev.target);
    });
    $$("[data-name-action]").forEach((b) => b.addEventListener("click", () => {
      const form = $("#form-name");
      change("/name", Object.assign(fields(form), { action: b.dataset.nameAction }), form);
    }));
    $("#name-to-entity").addEventListener("click", () => {
      const form = $("#form-name");
      openEntity(form.elements.name.value, form.dataset.type);
    });
    $("#new-entity").addEventListener("click", () => openEntity("", ""));
    $("#fact-from-selection").addEventListener("click", openFact);
  }

  function wireText() {
    $("#candidates").addEventListener("click", (ev) => {
      const item = ev.target.closest(".cand");
      if (!item) return;
      const act = ev.target.closest("[data-act]");
      if (act) judge(item, act.dataset.act); else select(item, false);
    });
    $$(".name-open").forEach((b) => b.addEventListener("click", () => openName(b)));
    $("#text").addEventListener("click", (ev) => {
      if (!window.getSelection().isCollapsed) return;
      const mark = ev.target.closest(".m");
      if (mark && (mark.dataset.kind === "provisional" || mark.dataset.kind === "unknown")) {
        openName(mark);
        return;
      }
      if (mark && fillEnd(mark)) return;
      const sentence = ev.target.closest(".s");
      if (sentence) {
        const first = sentence.dataset.candidates.split(" ")[0];
        select(document.getElementById("c-" + first), false);
      }
    });
    const remember = () => {
      const found = readSelection();
      if (found) { selection = found; $("#selection-bar").hidden = false; }
    };
    $("#text").addEventListener("mouseup", remember);
    $("#text").addEventListener("keyup", remember);
  }

  function onKey(ev) {
    if (ev.key === "Escape") { closeForms(); return; }
    const tag = ev.target.tagName;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    const actions = {
      j: () => step(1), n: () => step(1), k: () => step(-1), p: () => step(-1),
      a: () => judge(current, "accept"), r: () => judge(current, "reject"),
      c: () => judge(current, "correct"), f: openFact, u: undo,
    };
    if (actions[ev.key]) { ev.preventDefault(); actions[ev.key](); }
  }

  function undo() { change("/undo", {}, null, current ? current.dataset.id : ""); }

  async function poll() {
    try {
      const response = await fetch("/status", { credentials: "same-origin" });
      const status = await response.json();
      const box = $("#status");
      box.textContent = status.message || "graph up to date";
      box.className = "status " + status.state;
      document.body.dataset.graph = status.state;
    } catch (e) { /* the app has stopped; try again later */ }
    setTimeout(poll, 1500);
  }

  function restore() {
    const message = sessionStorage.getItem("revkg-curate-flash");
    if (message) { flash(message); sessionStorage.removeItem("revkg-curate-flash"); }
    const scroll = sessionStorage.getItem("revkg-curate-scroll");
    sessionStorage.removeItem("revkg-curate-scroll");
    const wanted = sessionStorage.getItem("revkg-curate-current");
    sessionStorage.removeItem("revkg-curate-current");
    if (scroll) window.scrollTo(0, Number(scroll));
    const item = wanted && document.getElementById("c-" + wanted);
    if (item) select(item); else if ($("#candidates")) {
      const first = $$(".cand").find((el) => el.dataset.state === "pending");
      select(first || null, false);
    }
  }

  function wireStale() {
    $$("[data-stale-action]").forEach((b) => b.addEventListener("click", () => {
      change("/stale", { action: b.dataset.staleAction, decision: b.dataset.decision }, null);
    }));
  }

  function start() {
    $("#undo").addEventListener("click", undo);
    wireStale();
    if (data.essay) {
      wireForms(); wirePickers(); wireText(); document.addEventListener("keydown", onKey);
    }
    else document.addEventListener("keydown", (ev) => { if (ev.key === "u" && ev.target.tagName !== "INPUT") undo(); });
    restore();
    poll();
    window.revkgReady = true;
  }

  start();
})();
