"""The one name matcher: labels, aliases, misspellings, ids and IRIs, folded alike."""

from __future__ import annotations

import pytest

from revkg.errors import EntityNotFound
from revkg.graph.lookup import ID, IRI, LABEL, OTHER_NAME, Names, fold
from revkg.model import Entity

LENIN = Entity("vladimir-lenin", "Person", "Vladimir Lenin", aliases=("Lenin", "Ulyanov"))
LENINISM = Entity("leninism", "Concept", "Leninism", aliases=("Lenin",))
STREET = Entity("lenin", "Place", "Lenin Street", misspellings=("Lenin Stret",))
NAMES = Names.of([LENINISM, STREET, LENIN])


def test_fold_ignores_accents_typography_spacing_and_case() -> None:
    assert fold("  Lénin’s\u00a0\u2003“State” – 1917… ") == 'lenin\'s "state" - 1917...'
    assert fold("MIASNIKOV") == fold("Miasnikov") == "miasnikov"


def test_a_label_wins_then_people_then_the_rest() -> None:
    assert NAMES.find("leninism") == str(LENINISM.iri)
    assert NAMES.find("LENIN") == str(LENIN.iri)  # an alias of two: the person
    assert NAMES.find("lenin stret") == str(STREET.iri)  # a misspelling
    assert NAMES.find("lenin") == str(LENIN.iri)  # Lenin Street's id is a weaker match
    assert NAMES.find(str(STREET.iri)) == str(STREET.iri)


def test_entries_are_best_first() -> None:
    kinds = [kind for _, kind, _ in NAMES.entries]
    assert kinds == sorted(kinds) and set(kinds) == {LABEL, OTHER_NAME, ID, IRI}
    lenins = [iri for key, kind, iri in NAMES.entries if key == "lenin" and kind == OTHER_NAME]
    assert lenins == [str(LENIN.iri), str(LENINISM.iri)]


def test_near_matches_are_suggested_but_never_misspellings() -> None:
    with pytest.raises(EntityNotFound, match="Did you mean: Leninism") as found:
        NAMES.find("Leninizm")
    assert "Lenin Stret" not in str(found.value)


def test_page_data_leaves_out_iris_and_entities_not_drawn() -> None:
    data = NAMES.page_data({str(LENIN.iri): 0})
    assert data["names"] == [
        ["vladimir lenin", LABEL, 0],
        ["lenin", OTHER_NAME, 0],
        ["ulyanov", OTHER_NAME, 0],
        ["vladimir-lenin", ID, 0],
    ]
    assert data["fold"]["\u2019"] == "'"
