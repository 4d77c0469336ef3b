"""revkg curate in-process: the token, the CSRF token, the routes, every change checked
before it is written, stale pages refused with 409, undo, and escaping."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from markupsafe import Markup

from revkg.curate.reading import Mark, Sentence, render
from revkg.extract.review import load_decisions

from .curate_fixtures import ESSAY, HOST, Curating, curating, project_with_essay


@pytest.fixture
def cur(tmp_path: Path) -> Curating:
    return curating(project_with_essay(tmp_path))


def _review(cur: Curating) -> Path:
    return cur.project.graph_dir / "review.yaml"


# ---- access ------------------------------------------------------------------------------


def test_without_the_token_every_request_is_refused(cur: Curating):
    from werkzeug.test import Client

    stranger = Client(cur.app)
    for path in ("/", f"/essay/{ESSAY}", "/status", "/assets/curate.js"):
        assert stranger.get(path, headers=HOST).status_code == 403
    assert stranger.get("/?token=wrong", headers=HOST).status_code == 403
    answer = stranger.post("/undo", json={"versions": {}}, headers={**HOST, "X-CSRF-Token": "x"})
    assert answer.status_code == 403


def test_the_token_becomes_a_strict_http_only_cookie(cur: Curating):
    from werkzeug.test import Client

    answer = Client(cur.app).get(f"/essay/{ESSAY}?token={cur.app.token}", headers=HOST)
    assert answer.status_code == 303 and answer.headers["Location"] == f"/essay/{ESSAY}"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_a_change_needs_the_csrf_token(cur: Curating):
    before = _review(cur).read_text(encoding="utf-8")
    cid = cur.candidates()[0].id
    body = {"candidate": cid, "decision": "accept", "versions": cur.app.workspace.versions()}
    for headers in (HOST, {**HOST, "X-CSRF-Token": "not-the-token"}):
        answer = cur.client.post("/decide", json=body, headers=headers)
        assert answer.status_code == 403 and "CSRF" in answer.get_json()["error"]
    assert _review(cur).read_text(encoding="utf-8") == before


def test_another_host_is_refused(cur: Curating):
    assert cur.client.get("/", headers={"Host": "evil.example:8918"}).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/essay/../../etc/passwd",
        "/essay/..",
        "/essay/%2e%2e",
        "/essay/..%2f..%2fetc",
        "/essay/x.y",
        "/assets/../app.py",
        "/assets/..%2fapp.py",
        "/essay/no-such-essay",
    ],
)
def test_paths_outside_the_app_are_refused(cur: Curating, path: str):
    answer = cur.get(path)
    assert answer.status_code == 404
    assert b"root:" not in answer.data


def test_pages_carry_the_security_headers(cur: Curating):
    answer = cur.get(f"/essay/{ESSAY}")
    assert answer.status_code == 200
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["X-Frame-Options"] == "DENY"


def test_the_command_binds_to_loopback_by_default():
    from revkg.cli.curate import curate_cmd
    from revkg.curate import server

    assert inspect.signature(curate_cmd).parameters["host"].default.default == "127.0.0.1"
    assert inspect.signature(server.make_app).parameters["host"].default == "127.0.0.1"
    assert server.address("127.0.0.1", 8918, "t0k") == "http://127.0.0.1:8918/?token=t0k"


# ---- the pages ---------------------------------------------------------------------------


def test_the_essay_list_counts_each_essay(cur: Curating):
    html = cur.get("/").get_data(as_text=True)
    assert f'href="/essay/{ESSAY}"' in html and "gavril-myasnikov" in html


def test_the_reading_view_numbers_paragraphs_and_marks_names(cur: Curating):
    html = cur.get(f"/essay/{ESSAY}").get_data(as_text=True)
    assert 'id="p-1"' in html and 'class="s pending"' in html
    assert 'data-entity="vladimir-lenin"' in html and "m provisional" in html


def test_the_reading_view_marks_new_names_where_extraction_found_them(cur: Curating):
    from markupsafe import escape

    from revkg.curate.reading import Marker

    snap = cur.app.workspace.snapshot()
    text = snap.corpus[ESSAY].text
    proposed = {
        (start, end): name.label
        for name in snap.extraction.new_entities
        for doc, start, end in name.mentions
        if doc == ESSAY
    }
    marks = Marker(snap.entities).marks(text, ESSAY, snap.extraction.new_entities, snap.provisional)
    new = [m for m in marks if m.kind in ("provisional", "unknown")]
    assert new and {(m.start, m.end) for m in new} <= set(proposed)
    assert all(proposed[(m.start, m.end)] == m.label for m in new)
    held = [m for m in new if m.kind == "provisional"]
    assert held and all(m.entity in {e.id for e in snap.provisional.values()} for m in held)
    html = cur.get(f"/essay/{ESSAY}").get_data(as_text=True)
    assert all(f'data-label="{escape(m.label)}"' in html for m in held)


def test_a_label_with_markup_stays_text(cur: Curating):
    label = "<script>alert(1)</script> Bogdanov"
    form = {"type": "Person", "label": label, "description": "<b>bold</b> & co"}
    assert cur.post("/entity", form).status_code == 200
    html = cur.get(f"/essay/{ESSAY}").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "innerHTML" not in cur.get("/assets/curate.js").get_data(as_text=True)


def test_rendering_escapes_the_text_and_keeps_it_whole():
    text = "A <b>Lenin</b> & Trotsky.\n\nSecond line."
    marks = [Mark(5, 10, "entity", "Person", "vladimir-lenin", 'Le"nin')]
    paragraphs = render(text, marks, [Sentence(0, 25, ("c1",), True)])
    first = paragraphs[0].html
    assert isinstance(first, Markup) and "<b>" not in first and "&lt;b&gt;" in first
    assert 'data-label="Le&#34;nin"' in first
    assert Markup(first).striptags() == "A <b>Lenin</b> & Trotsky."
    assert [p.number for p in paragraphs] == [1, 2] and paragraphs[1].start == 27


# ---- changes -----------------------------------------------------------------------------


def test_accept_reject_correct_and_undo(cur: Curating):
    first, second, third = (c.id for c in cur.candidates()[:3])
    assert cur.post("/decide", {"candidate": first, "decision": "accept"}).status_code == 200
    assert (
        cur.post("/decide", {"candidate": second, "decision": "reject", "note": "no"}).status_code
        == 200
    )
    fix = {"candidate": third, "decision": "correct", "object": "Bolsheviks", "note": "the party"}
    assert cur.post("/decide", fix).status_code == 200
    decisions = load_decisions(_review(cur))
    assert decisions[first].decision == "accept" and decisions[second].note == "no"
    assert decisions[third].object == "bolsheviks"  # the name resolved to its id
    assert cur.post("/undo", {}).status_code == 200
    assert third not in load_decisions(_review(cur))


def test_a_wrong_correction_is_refused_and_nothing_written(cur: Curating):
    before = _review(cur).read_text(encoding="utf-8")
    (cid,) = (c.id for c in cur.candidates() if c.object.entity == "what-is-to-be-done")
    answer = cur.post("/decide", {"candidate": cid, "decision": "correct", "object": "urals"})
    assert answer.status_code == 400 and "urals" in answer.get_json()["error"]
    answer = cur.post("/decide", {"candidate": cid, "decision": "correct", "object": "nobody-x"})
    assert answer.status_code == 400 and "no entity is called" in answer.get_json()["error"]
    assert _review(cur).read_text(encoding="utf-8") == before


def test_a_file_changed_on_disk_is_not_overwritten(cur: Curating):
    versions = cur.app.workspace.versions()
    edited = _review(cur).read_text(encoding="utf-8") + "# a curator's edit in an editor\n"
    _review(cur).write_text(edited, encoding="utf-8")
    cid = cur.candidates()[0].id
    answer = cur.post("/decide", {"candidate": cid, "decision": "accept"}, versions=versions)
    assert answer.status_code == 409 and "Reload the page" in answer.get_json()["error"]
    assert _review(cur).read_text(encoding="utf-8") == edited


def test_a_fact_from_a_selection_is_written_with_its_quote(cur: Curating):
    text = cur.app.workspace.snapshot().corpus[ESSAY].text
    quote = "founded by Vladimir Lenin and Alexander Bogdanov"
    start = text.index(quote)
    form = {"essay": ESSAY, "from": start - 1, "to": start + len(quote) + 1}
    form |= {"selected": text[start - 1 : start + len(quote) + 1]}
    form |= {"subject": "Lenin", "predicate": "founded", "object": "bolsheviks", "date": "1903"}
    answer = cur.post("/fact", form)
    assert answer.status_code == 200, answer.get_json()
    written = (cur.project.curated_dir / "statements" / f"{ESSAY}.yaml").read_text("utf-8")
    assert written == (
        "- subject: vladimir-lenin\n  predicate: founded\n  object: bolsheviks\n"
        f"  date: '1903'\n  quote: {quote}\n"
    )
    wrong = {**form, "object": "urals"}
    answer = cur.post("/fact", wrong)
    assert answer.status_code == 400 and "must be a organization" in answer.get_json()["error"]


def test_a_repeated_quote_gets_its_occurrence(cur: Curating):
    text = cur.app.workspace.snapshot().corpus[ESSAY].text
    second = text.index("Lenin", text.index("Lenin") + 1)
    form = {"essay": ESSAY, "from": second, "to": second + 5, "selected": "Lenin"}
    form |= {"subject": "vladimir-lenin", "predicate": "memberOf", "object": "bolsheviks"}
    assert cur.post("/fact", form).status_code == 200
    written = (cur.project.curated_dir / "statements" / f"{ESSAY}.yaml").read_text("utf-8")
    assert "quote: Lenin\n  occurrence: 2\n" in written


def test_confirming_a_name_keeps_the_decisions_about_it(cur: Curating):
    snap = cur.app.workspace.snapshot()
    entity = cur.app.workspace.snapshot().provisional_of(ESSAY)[0]
    held = next(c for c in cur.candidates() if entity.label in (c.subject.label, c.object.label))
    assert cur.post("/decide", {"candidate": held.id, "decision": "accept"}).status_code == 200
    form = {"name": entity.label, "id": entity.id, "description": "A Russian Marxist."}
    answer = cur.post("/name", {"action": "confirm", **form})
    assert answer.status_code == 200, answer.get_json()
    after = cur.app.workspace.snapshot()
    assert entity.id in after.registry and not after.selection.stale
    assert len(after.decisions) == len(snap.decisions) + 1


def test_merge_and_exclude_a_name(cur: Curating):
    merged = cur.post("/name", {"action": "merge", "name": "Bolshevists", "into": "bolsheviks"})
    assert merged.status_code == 200, merged.get_json()
    excluded = cur.post("/name", {"action": "exclude", "name": "Second Party Congress"})
    assert excluded.status_code == 200
    again = cur.post("/name", {"action": "exclude", "name": "Second Party Congress"})
    assert again.status_code == 400 and "already listed" in again.get_json()["error"]


def test_a_new_entity_keeps_aliases_and_wikidata(cur: Curating):
    form = {"type": "Person", "label": "Alexander Bogdanov", "aliases": "Bogdanov, A. Bogdanov"}
    form |= {"description": "Bolshevik co-founder.", "wikidata": "Q310977"}
    assert cur.post("/entity", form).status_code == 200
    entity = cur.app.workspace.snapshot().registry["alexander-bogdanov"]
    assert entity.aliases == ("Bogdanov", "A. Bogdanov") and entity.wikidata == "Q310977"
    bad = cur.post("/entity", {**form, "label": "Bogdanov Two", "wikidata": "wd:1"})
    assert bad.status_code == 400 and "Q1394" in bad.get_json()["error"]
    taken = cur.post("/entity", {**form, "label": "Someone", "aliases": "Lenin", "wikidata": ""})
    assert taken.status_code == 400 and "already names vladimir-lenin" in taken.get_json()["error"]


def test_nothing_to_undo_is_said_plainly(cur: Curating):
    answer = cur.post("/undo", {})
    assert answer.status_code == 400 and "nothing to undo" in answer.get_json()["error"]


def test_a_change_asks_for_a_rebuild(cur: Curating):
    cid = cur.candidates()[0].id
    assert cur.post("/decide", {"candidate": cid, "decision": "reject"}).status_code == 200
    status = cur.app.rebuilder.wait()
    assert status.state == "live" and status.built == status.changes == 1
    assert cur.get("/status").get_json()["state"] == "live"
