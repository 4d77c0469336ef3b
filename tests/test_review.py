"""The review file: accept, reject, correct, stale decisions, atomic round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from revkg.errors import ReviewFileError, UnknownCandidate
from revkg.extract import review
from revkg.extract.pipeline import Candidate, Extractor

from .extract_fixtures import REGISTRY

TEXT = (
    "Myasnikov was born in the Urals in 1889. "
    "Myasnikov settled in France. "
    "Myasnikov would work in factories in France."
)


@pytest.fixture(scope="module")
def candidates() -> list[Candidate]:
    return Extractor(REGISTRY, calibrated=False).run_one("essay", TEXT).candidates


def _by_predicate(cands: list[Candidate], predicate: str) -> Candidate:
    return next(c for c in cands if c.predicate == predicate and c.rule != "worked-in")


def test_threshold_alone(candidates: list[Candidate]) -> None:
    sel = review.select(candidates, {}, threshold=0.7)
    kept = {c.rule for c, _ in sel.accepted}
    assert "worked-in" not in kept  # 0.65: below the threshold
    assert {"born-in", "born-date", "settled-in"} <= kept
    assert sel.stale == []


def test_reject_removes_and_accept_adds(candidates: list[Candidate]) -> None:
    born = _by_predicate(candidates, "bornIn")
    weak = next(c for c in candidates if c.rule == "worked-in")
    decisions = {
        born.id: review.Decision("reject", "wrong region"),
        weak.id: review.Decision("accept", "the essay says so"),
    }
    sel = review.select(candidates, decisions, threshold=0.7)
    ids = {c.id for c, _ in sel.accepted}
    assert born.id not in ids and born in sel.rejected
    assert weak.id in ids
    statements = review.accepted_statements(sel)
    assert all(st.evidence[0].method == "extracted" for st in statements)
    worked = next(st for st in statements if st.evidence[0].rule == "worked-in")
    assert worked.evidence[0].note == "the essay says so"


def test_correction_replaces_the_triple(candidates: list[Candidate]) -> None:
    settled = _by_predicate(candidates, "settledIn")
    fix = review.Decision("correct", "exile, not a choice", predicate="exiledTo")
    st = review.to_statement(settled, fix)
    assert st is not None
    assert (st.subject, st.predicate, st.object) == ("gavril-myasnikov", "exiledTo", "france")
    assert st.evidence[0].confidence == settled.confidence


def test_stale_decisions_are_reported(candidates: list[Candidate]) -> None:
    sel = review.select(candidates, {"0000000000000000": review.Decision("accept")})
    assert sel.stale == ["0000000000000000"]


def test_file_round_trip_and_prefix_ids(tmp_path: Path, candidates: list[Candidate]) -> None:
    path = tmp_path / "review.yaml"
    assert review.load_decisions(path) == {}
    target = candidates[0]
    decisions = review.decide(
        {}, (c.id for c in candidates), target.id[:8], review.Decision("reject", "no")
    )
    from revkg.files import write_atomic

    write_atomic(path, review.dump_decisions(decisions))
    assert review.load_decisions(path) == {target.id: review.Decision("reject", "no")}


def test_unknown_id_and_bad_file(tmp_path: Path, candidates: list[Candidate]) -> None:
    with pytest.raises(UnknownCandidate, match="revkg review"):
        review.decide({}, (c.id for c in candidates), "ffffffffffffffff", review.Decision("accept"))
    bad = tmp_path / "review.yaml"
    bad.write_text("decisions:\n  abc: {decision: maybe}\n", encoding="utf-8")
    with pytest.raises(ReviewFileError, match="accept, reject, correct"):
        review.load_decisions(bad)
