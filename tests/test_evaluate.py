"""Extraction measured against the gold set, with floors; curated + extracted cover the gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from revkg.extract.calibration import admission_threshold
from revkg.extract.evaluate import Evaluation, GoldFact, evaluate, fact_key, load_gold, score
from revkg.extract.pipeline import extract
from revkg.extract.review import accepted_statements, load_decisions, select
from revkg.project import Project
from revkg.sources.curated import load_curated, resolve_quotes
from revkg.sources.seeds import load_corpus

ROOT = Path(__file__).resolve().parents[1]
GOLD = Project(ROOT).gold_dir
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.60
#: Over all three essays, the held-out essay's low recall (0.28) included, at the admission
#: line chosen on left-out text (0.555 measured; 0.591 at the lower in-sample line).
ALL_RECALL_FLOOR = 0.55


@pytest.fixture(scope="module")
def results() -> list[Evaluation]:
    entities = load_curated(ROOT / "graph" / "curated").entities
    return evaluate(entities, load_corpus(ROOT / "seeds"), load_gold(GOLD))


def test_gold_names_only_known_entities() -> None:
    ids = {e.id for e in load_curated(ROOT / "graph" / "curated").entities}
    for g in load_gold(GOLD):
        assert g.subject in ids, g
        assert g.object in ids or g.object[:4].isdigit(), g


def test_gold_covers_every_relation_type() -> None:
    required = {
        "authored", "memberOf", "founded", "participatedIn", "bornIn", "birthDate",
        "imprisonedIn", "exiledTo", "sentTo", "settledIn", "expelledFrom", "opposed",
        "supported", "advocated", "criticized", "correspondedWith", "met", "executed",
        "suppressed", "heldTheory", "date",
    }  # fmt: skip
    assert required <= {g.predicate for g in load_gold(GOLD) if not g.trap}


def test_development_floors(results: list[Evaluation]) -> None:
    dev = results[0].overall
    assert dev.precision >= PRECISION_FLOOR, f"precision {dev.precision:.3f}"
    assert dev.recall >= RECALL_FLOOR, f"recall {dev.recall:.3f}"


def test_floors_over_all_three_essays(results: list[Evaluation]) -> None:
    everything = results[2].overall
    assert everything.precision >= PRECISION_FLOOR, f"precision {everything.precision:.3f}"
    assert everything.recall >= ALL_RECALL_FLOOR, f"recall {everything.recall:.3f}"


def test_no_trap_in_the_development_essays(results: list[Evaluation]) -> None:
    named = {(g.subject, g.predicate, g.object) for g in results[0].traps_hit}
    assert ("vladimir-lenin", "authored", "the-civil-war-in-france") not in named
    assert ("vladimir-lenin", "authored", "bolshevik-opposition-to-lenin") not in named
    assert ("gavril-myasnikov", "criticized", "kronstadt-rebellion") not in named


def test_scoring_arithmetic() -> None:
    gold = [GoldFact("d", "a", "met", "b"), GoldFact("d", "a", "bornIn", "x")]

    class C:  # the two attributes score() reads, plus linked ends
        def __init__(self, s: str, p: str, o: str, conf: float) -> None:
            from revkg.extract.pipeline import Mention

            self.doc, self.predicate, self.confidence = "d", p, conf
            self.subject = Mention(0, 1, "a", "Person", s)
            self.object = Mention(2, 3, "b", "Person", o)
            self.linked = True

    cands = [C("b", "met", "a", 0.9), C("a", "bornIn", "y", 0.9)]
    ev = score(cands, gold, ["d"], name="t")  # type: ignore[arg-type]
    assert (ev.overall.tp, ev.overall.fp, ev.overall.fn) == (1, 1, 1)
    assert fact_key("d", "b", "met", "a") == fact_key("d", "a", "met", "b")


def test_curated_and_extracted_facts_cover_the_gold_set() -> None:
    corpus = load_corpus(ROOT / "seeds")
    curated = load_curated(ROOT / "graph" / "curated")
    statements, _ = resolve_quotes(curated.statements, corpus)
    found = extract(curated.entities, ((d.id, d.text) for d in corpus.values()))
    decisions = load_decisions(ROOT / "graph" / "review.yaml")
    statements += accepted_statements(
        select(found.candidates, decisions, threshold=admission_threshold())
    )
    have = set()
    for st in statements:
        obj = st.object if st.object is not None else str(st.value)
        for ev in st.evidence:
            have.add(fact_key(ev.doc, st.subject, st.predicate, obj))
    missing = [g for g in load_gold(GOLD) if not g.trap and g.key() not in have]
    assert missing == [], "\n".join(
        f"{g.doc}: {g.subject} {g.predicate} {g.object}" for g in missing
    )


@pytest.mark.slow
def test_the_evaluate_command_reads_the_projects_gold_set_or_another(
    run_cli, project_copy: Project, tmp_path: Path
) -> None:
    gold = load_gold(project_copy.gold_dir)
    facts = sum(not g.trap for g in gold)
    result = run_cli("--project", str(project_copy.root), "evaluate")
    assert result.exit_code == 0, result.stderr
    assert f" of {facts} gold facts;" in result.stdout.split("== all essays")[1]

    elsewhere = tmp_path / "gold"
    elsewhere.mkdir()
    held_out = project_copy.gold_dir / "shadow-of-stalinism.yaml"
    (elsewhere / held_out.name).write_bytes(held_out.read_bytes())
    facts = sum(not g.trap for g in load_gold(elsewhere))
    result = run_cli("--project", str(project_copy.root), "evaluate", "--gold", str(elsewhere))
    assert result.exit_code == 0, result.stderr
    assert f" of {facts} gold facts;" in result.stdout.split("== all essays")[1]
