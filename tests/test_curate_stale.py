"""Stale decisions in revkg curate: a decision whose sentence was edited is shown with
what it was about, and can be re-applied to the candidate of the same sentence or
dropped, each change undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from revkg.extract.review import Decision, dump_decisions, load_decisions

from .curate_fixtures import ESSAY, Curating, curating, project_with_essay

#: Trotsky supported the Mensheviks: the one candidate of its sentence with that predicate.
SENTENCE = "Trotsky at first supported the Mensheviks"
EDITED = "Trotsky initially supported the Mensheviks"


@pytest.fixture
def cur(tmp_path: Path) -> Curating:
    return curating(project_with_essay(tmp_path))


def _review(cur: Curating) -> Path:
    return cur.project.graph_dir / "review.yaml"


def _edit_essay(cur: Curating, old: str, new: str) -> None:
    path = cur.project.seeds_dir / f"{ESSAY}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _judged_then_edited(cur: Curating, decision: str = "reject") -> tuple[str, str]:
    """(the id judged, the id of the candidate its sentence has after the edit)."""
    old = next(c for c in cur.candidates() if SENTENCE in c.sentence)
    assert old.predicate == "supported"
    body = {"candidate": old.id, "decision": decision, "note": "the essay means otherwise"}
    assert cur.post("/decide", body).status_code == 200
    _edit_essay(cur, SENTENCE, EDITED)
    new = next(c for c in cur.candidates() if EDITED in c.sentence and c.predicate == "supported")
    assert new.id != old.id
    return old.id, new.id


def test_an_edited_sentence_leaves_its_decision_stale_and_shown(cur: Curating):
    old, new = _judged_then_edited(cur)
    (stale,) = cur.app.workspace.snapshot().stale
    assert stale.id == old and stale.essay == ESSAY and stale.target is not None
    assert stale.target.id == new
    for page in ("/", f"/essay/{ESSAY}"):
        html = cur.get(page).get_data(as_text=True)
        assert f'id="stale-{old}"' in html and "the essay means otherwise" in html
        assert "Leon Trotsky supported Mensheviks" in html  # what it was about
        assert f'data-stale-action="reapply" data-decision="{old}"' in html
        assert f'data-stale-action="drop" data-decision="{old}"' in html
    assert f'href="/essay/{ESSAY}"' in cur.get("/").get_data(as_text=True)


def test_reapply_moves_the_decision_to_the_new_candidate_and_undo_puts_it_back(cur: Curating):
    old, new = _judged_then_edited(cur)
    before = _review(cur).read_text(encoding="utf-8")
    answer = cur.post("/stale", {"action": "reapply", "decision": old})
    assert answer.status_code == 200, answer.get_json()
    decisions = load_decisions(_review(cur))
    assert old not in decisions
    assert decisions[new] == Decision("reject", "the essay means otherwise")
    assert not cur.app.workspace.snapshot().stale
    assert cur.post("/undo", {}).status_code == 200
    assert _review(cur).read_text(encoding="utf-8") == before


def test_drop_removes_only_the_stale_decision(cur: Curating):
    old, _ = _judged_then_edited(cur, "accept")
    other = cur.candidates()[0].id
    assert cur.post("/decide", {"candidate": other, "decision": "accept"}).status_code == 200
    assert cur.post("/stale", {"action": "drop", "decision": old}).status_code == 200
    assert old not in load_decisions(_review(cur)) and other in load_decisions(_review(cur))
    refused = cur.post("/stale", {"action": "drop", "decision": other})  # not stale
    assert refused.status_code == 400 and "not a stale decision" in refused.get_json()["error"]


def test_a_decision_the_app_never_saw_can_be_dropped_not_reapplied(cur: Curating):
    ghost = "0123456789abcdef"
    fix = Decision("correct", "the party is the Bolsheviks", object="bolsheviks")
    decisions = {**load_decisions(_review(cur)), ghost: fix}
    _review(cur).write_text(dump_decisions(decisions), encoding="utf-8")
    (stale,) = cur.app.workspace.snapshot().stale
    assert stale.was is None and stale.target is None and stale.correction == "object: bolsheviks"
    html = cur.get(f"/essay/{ESSAY}").get_data(as_text=True)
    assert f'id="stale-{ghost}"' in html and "object: bolsheviks" in html
    assert 'data-stale-action="reapply"' not in html
    refused = cur.post("/stale", {"action": "reapply", "decision": ghost})
    assert refused.status_code == 400 and "no single candidate" in refused.get_json()["error"]
    assert cur.post("/stale", {"action": "drop", "decision": ghost}).status_code == 200
    assert ghost not in load_decisions(_review(cur))


def test_a_stale_change_needs_the_csrf_token_and_a_known_action(cur: Curating):
    old, _ = _judged_then_edited(cur)
    before = _review(cur).read_text(encoding="utf-8")
    body = {"action": "drop", "decision": old, "versions": cur.app.workspace.versions()}
    assert cur.client.post("/stale", json=body, headers={"Host": "127.0.0.1"}).status_code == 403
    wrong = cur.post("/stale", {"action": "forget", "decision": old})
    assert wrong.status_code == 400 and "drop, reapply" in wrong.get_json()["error"]
    assert cur.post("/stale", {"action": "drop"}).status_code == 400
    assert _review(cur).read_text(encoding="utf-8") == before


def test_a_correction_is_reapplied_whole(cur: Curating):
    old = next(c for c in cur.candidates() if SENTENCE in c.sentence)
    fix = {"candidate": old.id, "decision": "correct", "object": "bolsheviks", "note": "n"}
    assert cur.post("/decide", fix).status_code == 200
    _edit_essay(cur, SENTENCE, EDITED)
    (stale,) = cur.app.workspace.snapshot().stale
    assert stale.target is not None
    answer = cur.post("/stale", {"action": "reapply", "decision": old.id})
    assert answer.status_code == 200, answer.get_json()
    assert "re-apply correct" in answer.get_json()["message"]
    moved = load_decisions(_review(cur))[stale.target.id]
    assert moved == Decision("correct", "n", object="bolsheviks")


def test_a_name_confirmed_outside_the_app_leaves_a_decision_to_reapply(cur: Curating):
    from revkg.extract.provisional import new_key
    from revkg.model import Entity
    from revkg.sources.edit import add_entity

    snap = cur.app.workspace.snapshot()
    cands = cur.candidates()
    held, entity = next(
        (c, snap.provisional[new_key(m)])
        for c in cands
        for m in (c.subject, c.object)
        if m.via == "new"
        and new_key(m) in snap.provisional
        and [x.predicate for x in cands if x.sentence_start == c.sentence_start].count(c.predicate)
        == 1
    )
    assert cur.post("/decide", {"candidate": held.id, "decision": "accept"}).status_code == 200
    confirmed = Entity(entity.id, entity.type, entity.label, "Confirmed in an editor.")
    add_entity(cur.project.curated_dir, confirmed)  # as `revkg review confirm` does
    (stale,) = cur.app.workspace.snapshot().stale
    assert stale.id == held.id and stale.target is not None
    assert entity.id in (stale.target.subject.entity, stale.target.object.entity)
    assert cur.post("/stale", {"action": "reapply", "decision": held.id}).status_code == 200
    assert load_decisions(_review(cur))[stale.target.id].decision == "accept"
