"""Decisions in graph/review.yaml that match no candidate, with what they were about.

A candidate's id hashes its sentence's words and its ends, so an edit of the sentence
(or a new name confirmed into the registry outside the app) leaves the decisions about
its candidates matching none: they are *stale*, and the build stops on them. The
workspace remembers every candidate it extracted while the app runs, so a stale decision
can show the candidate it was about (``was``) and, when exactly one current candidate of
the same sentence has the same predicate and no decision yet, that candidate
(``target``): the decision can be re-applied to it. A decision made before the app
started shows only itself (its verdict, its note, its correction).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..extract.records import Candidate, sentence_words
from ..extract.review import Decision

#: How alike (difflib's ratio of the words) an edited sentence is to the one it was.
SAME_SENTENCE = 0.6


@dataclass(frozen=True)
class Stale:
    """A decision that matches no candidate."""

    id: str
    decision: Decision
    was: Candidate | None  # the candidate it was about, when the app saw it
    target: Candidate | None  # the one candidate it can be re-applied to

    @property
    def essay(self) -> str:
        """The essay of the candidate it was about ("" when not known)."""
        return self.was.doc if self.was else ""

    @property
    def correction(self) -> str:
        """A correction's fields, as ``subject: x, object: y`` ("" for accept or reject)."""
        d = self.decision
        fixes = (("subject", d.subject), ("predicate", d.predicate), ("object", d.object))
        shown = [f"{k}: {v}" for k, v in (*fixes, ("value", d.value)) if v]
        return ", ".join(shown)


def stale_decisions(
    ids: Iterable[str],
    decisions: Mapping[str, Decision],
    seen: Mapping[str, Candidate],
    candidates: list[Candidate],
) -> list[Stale]:
    """The stale decisions ``ids``, each with the candidate it was about (from ``seen``)
    and the current candidate it can move to."""
    out = []
    for ident in ids:
        was = seen.get(ident)
        target = reapply_target(was, candidates, decisions) if was else None
        out.append(Stale(ident, decisions[ident], was, target))
    return out


def reapply_target(
    was: Candidate, candidates: list[Candidate], decisions: Mapping[str, Decision]
) -> Candidate | None:
    """The one current candidate of ``was``'s sentence (the most alike of its essay's
    sentences, at least :data:`SAME_SENTENCE`) with its predicate and no decision; None
    when there is none or more than one."""
    by_sentence: dict[tuple[int, int], list[Candidate]] = {}
    for c in candidates:
        if c.doc == was.doc:
            by_sentence.setdefault((c.sentence_start, c.sentence_end), []).append(c)
    if not by_sentence:
        return None
    words = sentence_words(was.sentence)

    def likeness(group: list[Candidate]) -> float:
        return SequenceMatcher(None, words, sentence_words(group[0].sentence)).ratio()

    best = max(by_sentence.values(), key=likeness)
    fits = [c for c in best if c.predicate == was.predicate]
    if likeness(best) < SAME_SENTENCE or len(fits) != 1 or fits[0].id in decisions:
        return None
    return fits[0]
