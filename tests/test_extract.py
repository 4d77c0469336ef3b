"""Extraction over the seeds and odd input: offsets, stable ids, output records, no crashes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from revkg import text as typography
from revkg.cli import app
from revkg.cli.extract import TSV_COLUMNS
from revkg.extract import dates, mentions, pipeline, pronouns
from revkg.extract.dates import find_dates
from revkg.extract.pipeline import Extraction, Extractor, extract, name_variants, triple_record
from revkg.sources.curated import load_curated
from revkg.sources.seeds import load_corpus

from .extract_fixtures import REGISTRY

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds_run() -> tuple[Extraction, dict[str, str]]:
    corpus = load_corpus(ROOT / "seeds")
    entities = load_curated(ROOT / "graph" / "curated").entities
    texts = {d.id: d.text for d in corpus.values()}
    return extract(entities, texts.items()), texts


@pytest.fixture(scope="module")
def small() -> Extractor:
    return Extractor(REGISTRY)


def test_every_offset_points_at_its_mention(seeds_run: tuple[Extraction, dict[str, str]]) -> None:
    found, texts = seeds_run
    assert found.candidates
    for c in found.candidates:
        text = texts[c.doc]
        assert text[c.sentence_start : c.sentence_end] == c.sentence
        for m in (c.subject, c.object):
            assert text[m.start : m.end] == m.text
            assert c.sentence_start <= m.start < m.end <= c.sentence_end
    for e in found.new_entities:
        for doc, start, end in e.mentions:
            assert " ".join(texts[doc][start:end].split()) == " ".join(e.label.split())


def test_ids_are_stable_across_runs(seeds_run: tuple[Extraction, dict[str, str]]) -> None:
    found, texts = seeds_run
    again = extract(load_curated(ROOT / "graph" / "curated").entities, texts.items())
    assert [c.id for c in again.candidates] == [c.id for c in found.candidates]
    assert len({c.id for c in found.candidates}) == len(found.candidates)


def test_triple_record_shape(seeds_run: tuple[Extraction, dict[str, str]]) -> None:
    found, _ = seeds_run
    registry = {e.id: e for e in load_curated(ROOT / "graph" / "curated").entities}
    c = found.candidates[0]
    record = triple_record(c, registry, threshold=c.confidence)
    assert record["kind"] == "triple"
    assert record["admitted"] is True
    assert triple_record(c, registry, threshold=c.confidence + 0.01)["admitted"] is False
    assert str(record["predicate"]).startswith("https://w3id.org/revkg/vocab#")
    evidence = record["evidence"]
    assert isinstance(evidence, dict)
    assert set(evidence) >= {"doc", "sentence", "start", "end", "subject_span", "object_span"}
    json.dumps(record)


def test_unknown_names_are_proposed_not_linked(small: Extractor) -> None:
    text = "Later Zionviev met Simon Pirani in France. Zionviev wrote to Lenin."
    result = small.run_one("t", text)
    groups = {e.label: e for e in small.names.group((result.doc, m) for m in result.new_mentions)}
    assert groups["Zionviev"].type == "Person"
    assert groups["Zionviev"].suggestions[0].entity == "grigory-zinoviev"
    assert 0.8 <= groups["Zionviev"].suggestions[0].score < 1
    assert len(groups["Zionviev"].mentions) == 2
    assert groups["Simon Pirani"].type == "Person"
    assert all(c.subject.entity != "grigory-zinoviev" for c in result.candidates)


def test_curated_misspellings_link() -> None:
    from revkg.model import Entity

    zinoviev = Entity("grigory-zinoviev", "Person", "Grigory Zinoviev", misspellings=("Zionviev",))
    bolsheviks = Entity("bolsheviks", "Organization", "Bolsheviks")
    result = Extractor([zinoviev, bolsheviks]).run_one("t", "Zionviev joined the Bolsheviks.")
    assert [(c.subject.entity, c.object.entity) for c in result.candidates] == [
        ("grigory-zinoviev", "bolsheviks")
    ]


def test_name_variants_cover_apostrophes_and_case() -> None:
    variants = name_variants("Workers' Opposition")
    assert {"Workers' Opposition", "Workers’ Opposition", "workers' opposition"} <= set(variants)
    assert "commune" not in name_variants("Commune")
    assert "centralism" in name_variants("Centralism", lower=True)


def test_typography_does_not_hide_names(small: Extractor) -> None:
    text = "Gavril\u00a0Myasnikov joined the Workers’ Opposition."
    (cand,) = small.run_one("t", text).candidates
    assert cand.object.entity == "workers-opposition"
    assert text[cand.subject.start : cand.subject.end] == "Gavril\u00a0Myasnikov"


def test_a_sentence_with_many_mentions_keeps_its_slots_apart(small: Extractor) -> None:
    years = ", ".join(str(1900 + i) for i in range(70))  # slots numbered past 64
    text = f"In {years} Gavril Myasnikov joined the Workers’ Opposition."
    (cand,) = small.run_one("t", text).candidates
    assert (cand.subject.entity, cand.object.entity) == ("gavril-myasnikov", "workers-opposition")
    assert text[cand.object.start : cand.object.end] == "Workers’ Opposition"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\n \n\u00a0\n"])
def test_line_endings_change_nothing_but_offsets(small: Extractor, newline: str) -> None:
    lines = [
        "Gavril Myasnikov joined the Workers’ Opposition.",
        "Lenin wrote State and Revolution.",
    ]
    text = newline.join(lines)
    found = small.run_one("t", text).candidates
    assert [(c.subject.text, c.object.text) for c in found] == [
        ("Gavril Myasnikov", "Workers’ Opposition"),
        ("Lenin", "State and Revolution"),
    ]
    for c in found:
        assert text[c.sentence_start : c.sentence_end] == c.sentence
        assert text[c.object.start : c.object.end] == c.object.text


def test_dates_keep_their_precision() -> None:
    found = {
        m.date.iso(): m.date.precision
        for m in find_dates("In March 1921, by the mid 1920s, in 1917; the late 20s")
    }
    assert found == {"1921-03": "month", "1920s": "decade", "1917": "year"}


def test_text_with_only_unknown_names(small: Extractor) -> None:
    result = small.run_one("t", "Hillel Ticktin met Mike Macnair in Glasgow.")
    assert result.candidates == []


def test_cli_reports_bad_files_and_runs_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Myasnikov was born in the Urals in 1889.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81binary")
    result = CliRunner().invoke(
        app, ["--project", str(ROOT), "extract", str(good), str(empty), str(binary)]
    )
    assert result.exit_code != 0
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {line["predicate"].rsplit("#")[1] for line in lines} == {"bornIn", "birthDate"}


def test_cli_tsv_and_min_confidence(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Myasnikov was born in the Urals in 1889. He settled in France.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        app,
        [
            "--project",
            str(ROOT),
            "extract",
            "--format",
            "tsv",
            "--min-confidence",
            "0.8",
            str(good),
        ],
    )
    assert result.exit_code == 0, result.output
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert tuple(header) == TSV_COLUMNS
    assert rows and all(float(r[5]) >= 0.8 for r in rows if r[0] == "triple")


def test_cli_tsv_rows_all_fit_the_header(tmp_path: Path) -> None:
    text = tmp_path / "new.txt"
    text.write_text("Ivan Petrovsky joined the Bolsheviks in 1905.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--project", str(ROOT), "extract", "--format", "tsv", str(text)]
    )
    assert result.exit_code == 0, result.output
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert header == [
        "kind",
        "id",
        "subject",
        "predicate",
        "object",
        "confidence",
        "rule",
        "sentence",
    ]
    assert rows and all(len(row) == len(header) for row in rows)
    entity = next(row for row in rows if row[0] == "entity")
    assert entity[2:5] == [
        "Ivan Petrovsky",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "https://w3id.org/revkg/vocab#Person",
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                ["Lenin", "Myasnikov", "he", "him", "the party", "1921", "’s", "\n", ". "]
            ),
        ),
        max_size=25,
    )
)
@pytest.mark.slow
def test_random_text_never_crashes(small: Extractor, parts: list[str]) -> None:
    text = " ".join(parts)
    result = small.run_one("t", text)
    for c in result.candidates:
        for m in (c.subject, c.object):
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text
    for m in result.new_mentions:
        assert 0 <= m.start < m.end <= len(text)


# ---- searches written to run faster find what their plain forms find ------------------

PIECES = st.lists(
    st.one_of(
        st.text(alphabet=" .!?;:'\"’”“‘()-#_\n\tAaHhSsTtEeIiMmPpRrYy1\u00a0", max_size=12),
        st.sampled_from(
            ["Lenin", "Workers' Group", "Workers’ Opposition", "the party", "He", "him", "..."]
        ),
        st.sampled_from(["she", "She", "The treaty", "the party's", "Him", "_he", "éhe", "sh"]),
        st.sampled_from(["Myasnikov", "Gavril Myasnikov", "V.I. Lenin", "Civil War in France"]),
    ),
    max_size=20,
)
PRONOUNS = re.compile(r"\b(?:[Hh]e|[Hh]im|[Ss]he)\b|\b[Tt]he (party|treaty)\b")
SENTENCE_START = re.compile(r"(?:^|[.!?:;][\"'”’)]*\s+|[\"“‘(]\s*)$")


@settings(max_examples=300, deadline=None)
@given(PIECES)
@example(["Ashe", "xthe party", "éshe", "_He", "tHe", "3him", "Hhe", "sthe treaty"])
def test_names_pronouns_and_sentence_starts_are_found_as_plainly_written(
    parts: list[str],
) -> None:
    text = " ".join(parts)
    assert [(m.span(), m.groups()) for m in mentions._NAME.finditer(text)] == [
        (m.span(), m.groups()) for m in typography.CAPITALISED_NAME.finditer(text)
    ]
    assert [(m.start, m.end, m.label) for m in pronouns.pronoun_mentions(text, 0, text)] == [
        (m.start(), m.end(), (m.group(1) or "").lower()) for m in PRONOUNS.finditer(text)
    ]
    for end in range(len(text) + 1):
        prefix = text[:end]
        assert mentions._sentence_starts_after(prefix) == bool(SENTENCE_START.search(prefix))


DATE_TEXT = st.lists(
    st.sampled_from(
        [
            *("1917", "1920s", "2001", "17", "20", "19", "1", "the", "mid", "late", "March"),
            *(" ", "  ", "-", ".", ",", "'s", "x", "\u00a0", "\u2028", "1848-49", "1917.5"),
        ]
    ),
    max_size=14,
)


@settings(max_examples=500, deadline=None)
@given(DATE_TEXT)
@example(["171819", " ", "2001"])
def test_dates_are_what_the_plain_expression_finds(parts: list[str]) -> None:
    text = "".join(parts)
    plain = [(m.start(), m.end(), dates._date(m)) for m in dates._DATE.finditer(text)]
    assert [(d.start, d.end, d.date) for d in dates.find_dates(text)] == [
        found for found in plain if found[2] is not None
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\r\t\u00a0\x0b\x85\u2028", max_size=30))
@example("Gavril\rMyasnikov\r\njoined")
def test_paragraphs_are_the_lines_between_line_breaks(text: str) -> None:
    plain = [
        (m.start(), typography.plain_spaces(m.group()))
        for m in re.finditer(r"[^\n\r]+", text)
        if m.group().strip()
    ]
    assert pipeline._paragraphs(text) == plain
