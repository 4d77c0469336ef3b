"""Scoring extraction on a corpus folder: facts judged by name, the curve, new names."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from revkg.cli import app
from revkg.errors import GoldSetError
from revkg.extract import corpora

from .extract_fixtures import REGISTRY

TEXT = (
    "Lev Kamenev joined the Bolsheviks in 1901. Trotsky met Lenin in London. "
    "Felix Dzerzhinsky led the Left Communists."
)
GOLD = """\
facts:
  - {subject: "Lev Kamenev", predicate: memberOf, object: "Bolshevik Party"}
  - {subject: "Leon Trotsky", predicate: met, object: "Vladimir Lenin"}
  - {subject: "Grigory Zinoviev", predicate: memberOf, object: "Bolsheviks"}
names:
  - {name: "Lev Kamenev", type: Person, aliases: ["Kamenev"]}
  - {name: "Bolsheviks", type: Organization, aliases: ["Bolshevik Party"]}
  - {name: "Leon Trotsky", type: Person, aliases: ["Trotsky"]}
  - {name: "Vladimir Lenin", type: Person, aliases: ["Lenin"]}
  - {name: "London", type: Place}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "essay.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "essay.gold.yaml").write_text(GOLD, encoding="utf-8")
    return tmp_path


def test_gold_names_resolve_to_registry_entities_or_stay_names(folder: Path) -> None:
    (text,) = corpora.load_corpus_folder(folder, REGISTRY)
    assert ("name:lev kamenev", "memberOf", "id:bolsheviks") in text.facts
    assert ("id:leon-trotsky", "met", "id:vladimir-lenin") in text.facts
    assert text.names["kamenev"] == "Person"


def test_a_fact_about_a_new_name_counts_when_proposed(folder: Path) -> None:
    scores = corpora.score_folder(folder, list(REGISTRY))
    judged = {j.fact: j for j in scores[0].judged}
    kamenev = judged[("name:lev kamenev", "memberOf", "id:bolsheviks")]
    assert kamenev.right and not kamenev.admitted  # a new name: not linked at both ends
    p, r, right, found, gold = corpora.precision_recall(scores, 0.0)
    assert gold == 3 and right >= 2 and r == right / 3 and p == right / found
    lines = corpora.format_corpus_report("t", scores, 0.0)
    assert any(line.startswith("reliability") for line in lines)
    assert sum(found for _, _, found in corpora.reliability(scores, corpora.BINS)) == found
    proposed, formed, typed = corpora.name_quality(scores)
    assert formed >= 1 and typed >= 1 and proposed >= formed


def test_a_malformed_gold_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("text", encoding="utf-8")
    (tmp_path / "x.gold.yaml").write_text("facts:\n  - {predicate: met}\n", encoding="utf-8")
    with pytest.raises(GoldSetError, match=r"x\.gold\.yaml: expected `facts:`"):
        corpora.load_corpus_folder(tmp_path, REGISTRY)
    with pytest.raises(GoldSetError, match=r"no <essay>\.gold\.yaml"):
        corpora.load_corpus_folder(tmp_path / "x.txt", REGISTRY)


def test_revkg_evaluate_corpus_prints_the_report(folder: Path) -> None:
    result = CliRunner().invoke(app, ["evaluate", "--corpus", str(folder)])
    assert result.exit_code == 0, result.output
    assert "essay" in result.output and "reliability" in result.output
    assert "new names proposed" in result.output
