"""`revkg show` for readers: one entry per fact, each quote once, true time order, dates at
their precision, and --relation, --essay and --json."""

from __future__ import annotations

import json
import re

import pytest

from revkg.cli._common import json_text
from revkg.graph.records import When, moment
from revkg.graph.timeline import merge_quotes
from revkg.model import Date, Evidence
from revkg.project import Project
from revkg.text import normalize_string

pytestmark = pytest.mark.slow  # each test reads a built graph

MYASNIKOV = "Gavril Myasnikov: hero of the working class"


@pytest.fixture
def show(run_cli, built_project: Project):
    def run(*args: str):
        result = run_cli("--project", str(built_project.root), "show", *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return run


def entries(text: str) -> list[tuple[str, list[str]]]:
    """(fact line, its quote lines) of each entry of `revkg show`'s output."""
    lines = text.split("\n\n", 1)[1].splitlines()
    quoted = max(len(line) - len(line.lstrip()) for line in lines)  # quotes are indented most
    found: list[tuple[str, list[str]]] = []
    for line in lines:
        if len(line) - len(line.lstrip()) == quoted:
            found[-1][1].append(line.strip())
        else:
            found.append((line.strip(), []))
    return found


def test_each_fact_and_each_quote_of_myasnikov_appears_once(show) -> None:
    shown = entries(show("myasnikov"))
    lines = [" ".join(line.split()) for line, _ in shown]
    assert len(lines) == len(set(lines)), "a fact is shown twice"
    for line, quotes in shown:
        texts = [normalize_string(q.split("” — ")[0], casefold=True) for q in quotes]
        for i, a in enumerate(texts):
            assert not any(a in b for b in texts[:i] + texts[i + 1 :]), (line, quotes)
    met = [line for line in lines if line.endswith("met Ruth Fischer")]
    assert met == ["1945 Gavril Myasnikov met Ruth Fischer"]  # the undated reading joined it


@pytest.mark.parametrize(
    ("name", "fact", "quote", "support"),
    [
        (
            "myasnikov",
            "1889 Gavril Myasnikov birth date 1889",
            "Myasnikov was born in the Urals in 1889 and found employment as a metal worker.",
            "curated; extracted by rule born-date, *",
        ),
        (
            "myasnikov",
            "Gavril Myasnikov authored The Latest Deception",
            "After Turkey Myasnikov settled in France, publishing his pamphlet The Latest "
            "Deception that elaborated his theories of state-capitalism in the USSR.",
            "curated; extracted by rule wrote, *",
        ),
        (
            "myasnikov",
            "Gavril Myasnikov exiled to Turkey",
            "In Turkey Myasnikov took up correspondence with Trotsky who was also in exile",
            "curated",
        ),
    ],
)
def test_a_quote_found_twice_is_shown_once_naming_both_ways(show, name, fact, quote, support):
    """``*`` stands for the confidence, which calibration sets."""
    shown = {" ".join(line.split()): quotes for line, quotes in entries(show(name))}
    wanted = re.escape(f"“{quote}” — {MYASNIKOV} [{support}]").replace(r"\*", r"0\.\d+")
    assert any(re.fullmatch(wanted, q) for q in shown[fact]), shown[fact]


@pytest.mark.parametrize(
    ("name", "when", "fact"),
    [
        ("myasnikov", "1906–1922", "Gavril Myasnikov member of Bolsheviks"),
        ("myasnikov", "until 1917", "Gavril Myasnikov exiled to Siberia"),
        ("myasnikov", "until 1945", "Gavril Myasnikov settled in France"),
        ("myasnikov", "July 1918", "Gavril Myasnikov executed Grand Duke Michael"),
        ("myasnikov", "March 1921", "Gavril Myasnikov advocated Freedom of speech"),
        ("stalin", "from the 1920s", "Joseph Stalin led Soviet government"),
        ("soviets", "1920s", "Bolsheviks led Soviets"),
    ],
)
def test_times_read_from_until_and_at_their_precision(show, name, when, fact) -> None:
    lines = [line for line, _ in entries(show(name))]
    assert any(re.fullmatch(rf"{re.escape(when)}\s+{re.escape(fact)}", line) for line in lines)


def test_the_order_is_chronological_with_an_end_at_its_date(show) -> None:
    facts = json.loads(show("myasnikov", "--json"))["facts"]
    keys = []
    for fact in facts:
        dates = fact["dates"]
        anchor = next((dates[k] for k in ("point", "start", "end", "value") if k in dates), None)
        keys.append((1, "") if anchor is None else (0, anchor["date"]))
    assert keys == sorted(keys)
    whens = [f["when"] for f in facts]
    assert whens.index("until 1917") < whens.index("1917") < whens.index("")
    assert whens.index("1921") < whens.index("March 1921") < whens.index("1922")


@pytest.mark.parametrize(
    ("args", "relations"),
    [
        (("myasnikov", "--relation", "memberOf"), {"member of"}),
        (("myasnikov", "-r", "member of"), {"member of"}),
        (("lenin", "--relation", "CRITICIZED"), {"criticized"}),
        (("myasnikov", "--relation", "birthDate"), {"birth date"}),
    ],
)
def test_relation_keeps_only_that_relation(show, args, relations) -> None:
    facts = json.loads(show(*args, "--json"))["facts"]
    assert facts and {f["relation"] for f in facts} == relations


@pytest.mark.parametrize(
    ("name", "essay"),
    [
        ("lenin", "state-and-revolution"),
        ("lenin", "gavril-myasnikov"),
        ("bolsheviks", "shadow-of-stalinism"),
    ],
)
def test_essay_keeps_only_what_that_essay_says(show, name, essay) -> None:
    every = json.loads(show(name, "--json"))["facts"]
    facts = json.loads(show(name, "--essay", essay, "--json"))["facts"]
    assert 0 < len(facts) < len(every)
    assert {ev["essay"] for f in facts for ev in f["evidence"]} == {essay}


def test_json_holds_what_the_text_shows(show) -> None:
    data = json.loads(show("myasnikov", "--json"))
    assert (data["label"], data["type"]) == ("Gavril Myasnikov", "person")
    assert data["iri"] == "https://w3id.org/revkg/person/gavril-myasnikov"
    assert "Miasnikov" in data["aliases"] and data["description"]
    text = entries(show("myasnikov"))
    assert len(data["facts"]) == len(text)
    for fact, (line, quotes) in zip(data["facts"], text, strict=True):
        assert line.startswith(fact["when"]) and fact["relation"] in line
        assert fact["other"]["label"] in line
        assert [f"“{q['quote']}”" for q in fact["quotes"]] == [q.split(" — ")[0] for q in quotes]
        assert len(fact["evidence"]) >= len(fact["quotes"])
    member = next(f for f in data["facts"] if f["when"] == "1906–1922")
    assert member["other"] == {
        "label": "Bolsheviks",
        "iri": "https://w3id.org/revkg/organization/bolsheviks",
    }
    assert member["dates"]["start"] == {"date": "1906", "precision": "year", "text": "1906"}
    assert {(ev["method"], ev["rule"]) for ev in member["evidence"]} == {
        ("curated", None),
        ("extracted", "dep:joined"),
    }
    lenin = next(f for f in data["facts"] if f["relation"] == "corresponded with")
    assert lenin["direction"] == "incoming" and lenin["other"]["label"] == "Vladimir Lenin"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--relation", "likes"), "'likes' is not a relation; use one of"),
        (("--essay", "kronstadt"), "the essays are gavril-myasnikov, shadow-of-stalinism"),
    ],
)
def test_a_wrong_relation_or_essay_is_a_usage_error(run_cli, built_project, args, message):
    result = run_cli("--project", str(built_project.root), "show", "Lenin", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert message in " ".join(result.stderr.replace("│", "").split())


# ---- the pieces -------------------------------------------------------------------------

Y, M, DECADE = Date(1917), Date(1921, 3, precision="month"), Date(1920, precision="decade")


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (When(point=Y), "1917"),
        (When(point=M), "March 1921"),
        (When(point=Date(1921, 3, 8, "day")), "8 March 1921"),
        (When(point=DECADE), "1920s"),
        (When(start=Y, end=Date(1922)), "1917–1922"),
        (When(start=Y, end=Y), "1917"),
        (When(start=M, end=Date(1922)), "March 1921 – 1922"),
        (When(start=Y), "from 1917"),
        (When(end=Date(1922)), "until 1922"),
        (When(start=DECADE), "from the 1920s"),
        (When(value=Date(1889)), "1889"),
        (When(point="sometime"), "sometime"),
        (When(), ""),
    ],
)
def test_when_reads_as_written(when: When, text: str) -> None:
    assert str(when) == text


def test_dates_are_read_back_at_their_precision() -> None:
    assert moment("1920", "decade") == DECADE
    assert moment("1921", "decade") == Date(1921)  # no decade starts in 1921
    assert moment("1921-03", "year") == M  # the datatype says month
    assert moment("spring", None) == "spring"


def test_time_order_puts_an_end_at_its_date_and_the_undated_last() -> None:
    order = [
        When(end=Date(1917)),
        When(point=Y),
        When(start=Y, end=Date(1922)),
        When(point=M),
        When(end=Date(1945)),
        When(),
    ]
    assert sorted(reversed(order), key=When.order) == order


CURATED = Evidence("essay", "joined the party in 1906", 40, 64)
WHOLE = Evidence("essay", "He joined the party in 1906.", 37, 65, "extracted", "joined", 0.64)
CZAR = Evidence("essay", "the Czar’s  brother")
CZAR_FOUND = Evidence("essay", "THE CZAR'S brother", method="extracted", rule="r", confidence=0.5)
ELSEWHERE = Evidence("other", "He joined the party in 1906.")
BOOK = Evidence("essay", None, note="a book")


@pytest.mark.parametrize(
    ("evidence", "shown"),
    [
        ((CURATED, WHOLE), [(WHOLE.quote, "curated; extracted by rule joined, 0.64")]),
        ((CZAR, CZAR_FOUND), [(CZAR.quote, "curated; extracted by rule r, 0.50")]),
        ((CURATED, ELSEWHERE), [(CURATED.quote, "curated"), (ELSEWHERE.quote, "curated")]),
        ((CURATED, BOOK), [(CURATED.quote, "curated"), (None, "curated")]),
    ],
)
def test_a_quote_held_by_another_of_the_same_essay_is_shown_once(evidence, shown) -> None:
    assert [(q.text, q.support) for q in merge_quotes(evidence)] == shown


def test_json_escapes_what_a_terminal_would_act_on() -> None:
    text = json_text({"quote": "a\x1b[31m\x9bb\u2028“c”"})
    assert json.loads(text) == {"quote": "a\x1b[31m\x9bb\u2028“c”"}
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028]", text) and "“c”" in text
