"""`revkg search`: the essays' sentences and the graph's quotes in an FTS5 index, ranked
with the words as typed first; hostile search texts get one line and exit 1."""

from __future__ import annotations

import io
import json
import re
import sqlite3

import pytest
from rich.console import Console

from revkg import errors
from revkg.model import Document, Entity
from revkg.project import Project
from revkg.sources import search
from revkg.sources.search import SearchIndex, sentences

pytestmark = pytest.mark.slow  # each test reads a built graph

LENIN = "https://w3id.org/revkg/person/vladimir-lenin"
ESSAY = Document(
    "essay",
    "An Essay",
    "seeds/essay.txt",
    "An Essay\n\n"
    "Speech was free, and free of charge, and speech was free again. The Commune fell.\n"
    "V.I. Lenin argued for free speech. Then came the commune.\n"
    "\n"
    "He wrote. The book sold well!\n",
)
OTHER = Document("other", "Other", "seeds/other.txt", "Other\nFree speech, said Lenin.\n")
ENTITIES = (
    Entity("vladimir-lenin", "Person", "Vladimir Lenin", aliases=("Lenin", "V.I. Lenin")),
    Entity("paris-commune", "Event", "Paris Commune", aliases=("Commune",)),
    Entity("free-speech", "Concept", "Freedom of speech", aliases=("free speech",)),
)
AT = ESSAY.text.index("wrote. The book")
QUOTES = [("essay", AT, AT + 15, "wrote. The book"), ("essay", 0, 3, "not what is there")]
INDEX = SearchIndex({"essay": ESSAY, "other": OTHER}, ENTITIES, QUOTES)


def test_sentences_know_their_paragraph_line_and_offsets() -> None:
    found = [(s.paragraph, s.line, s.text) for s in sentences(ESSAY)]
    assert found == [
        (0, 1, "An Essay"),
        (1, 3, "Speech was free, and free of charge, and speech was free again."),
        (1, 3, "The Commune fell."),
        (2, 4, "V.I. Lenin argued for free speech."),  # an initial ends no sentence
        (2, 4, "Then came the commune."),
        (3, 6, "He wrote."),
        (3, 6, "The book sold well!"),
    ]
    assert all(ESSAY.text[s.start : s.end] == s.text for s in sentences(ESSAY))


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("free speech", "V.I. Lenin argued for free speech."),  # the phrase beats "free" x3
        ('"free of charge"', "Speech was free, and free of charge, and speech was free again."),
        ('"sold well"', "He wrote. The book sold well!"),
        ("commune", "The Commune fell."),
    ],
)
def test_the_sentence_with_the_words_as_typed_comes_first(text: str, first: str) -> None:
    hits = INDEX.search(text, essay="essay")
    assert hits[0].sentence.text == first and hits[0].exact


def test_sentences_one_quote_spans_are_one_passage() -> None:
    (hit,) = INDEX.search('"wrote the book"')
    assert (hit.sentence.text, hit.quotes) == ("He wrote. The book sold well!", 1)
    assert [hit.sentence.text[a:b] for a, b in hit.marks] == ["wrote. The book"]


def test_hits_mark_the_words_and_name_the_entities() -> None:
    hit = INDEX.search("free speech", essay="essay")[0]
    start, end = hit.marks[0]
    assert hit.sentence.text[start:end] == "free speech"
    assert [e.label for e in hit.entities] == ["Vladimir Lenin", "Freedom of speech"]
    # a one-word name keeps its case: "the commune" is no mention of the Paris Commune
    names = {h.sentence.text: [e.id for e in h.entities] for h in INDEX.search("commune")}
    assert names == {"The Commune fell.": ["paris-commune"], "Then came the commune.": []}


def test_essay_and_limit() -> None:
    assert {h.sentence.doc for h in INDEX.search("speech")} == {"essay", "other"}
    assert {h.sentence.doc for h in INDEX.search("speech", essay="other")} == {"other"}
    assert len(INDEX.search("speech", limit=1)) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"free speech', "unterminated string"),
        ("free:", "no such column"),
        ("Lenin AND", "syntax error"),
        ("free\x00speech", "control character (U+0000) at position 5"),
        ("\x1b[31m", "control character (U+001B)"),
        ("x" * 1001, "1,001 characters long"),
        ('" " ( ) *', "give a word"),
        ("", "give a word"),
    ],
)
def test_a_hostile_search_text_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(errors.SearchQueryError, match=re.escape(message)):
        INDEX.search(text)


def test_long_plain_text_searches_without_trouble() -> None:
    assert INDEX.search(" ".join(["speech"] * 140)) != []
    assert INDEX.search("x" * 1000) == []


# ---- the command ------------------------------------------------------------------------


@pytest.fixture
def run(run_cli, built_project: Project):
    return lambda *args: run_cli("--project", str(built_project.root), "search", *args)


def test_search_prints_essay_paragraph_sentence_and_names(run) -> None:
    result = run("free speech", "--limit", "3")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1. gavril-myasnikov ¶ 13: Gavril Myasnikov: hero of the working class"
    assert lines[1] == "   In Petrograd Myasnikov focused on agitating for free speech."
    assert lines[2] == "   names: Petrograd, Gavril Myasnikov, Freedom of speech"
    assert "sentences found" in result.stderr


def test_search_json_and_essay(run) -> None:
    result = run("Lenin", "--essay", "state-and-revolution", "--json", "-n", "50")
    data = json.loads(result.stdout)
    assert data["search"] == "Lenin" and 1 < len(data["hits"]) <= 50
    for hit in data["hits"]:
        assert hit["essay"] == "state-and-revolution"
        assert {hit["sentence"][a:b] for a, b in hit["matches"]} == {"Lenin"}
    first = data["hits"][0]
    assert first["essay_title"] == "State and Revolution: 100 years later"
    assert {"label": "Vladimir Lenin", "type": "person", "iri": LENIN} in first["entities"]


def test_the_terminal_sees_the_match_highlighted(run, monkeypatch) -> None:
    terminal = Console(file=io.StringIO(), force_terminal=True, highlight=False, emoji=False)
    monkeypatch.setattr("revkg.cli.search.out", terminal)
    assert run("agitating for free speech", "-n", "1").exit_code == 0
    assert "\x1b[1;7magitating for free speech\x1b[0m" in terminal.file.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (['"free speech'], "unterminated string"),
        (["free\x00speech"], "control character"),
        (["x" * 5000], "5,000 characters long"),
    ],
)
def test_the_command_answers_a_hostile_text_with_one_line(run, args, message) -> None:
    result = run(*args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_an_essay_with_control_characters_never_reaches_the_terminal(run_cli, built_copy) -> None:
    path = built_copy.root / "seeds" / "gavril-myasnikov.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nMyasnikov \x1b]0;pwned\x07 rang.\n")
    result = run_cli("--project", str(built_copy.root), "search", "pwned")
    assert result.exit_code == 0, result.stderr
    assert "Myasnikov \ufffd]0;pwned\ufffd rang." in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


class _NoFts5:
    def execute(self, *args: object) -> None:
        raise sqlite3.OperationalError("no such module: fts5")

    def close(self) -> None:
        pass


def test_without_fts5_the_message_says_what_is_missing(run, monkeypatch) -> None:
    monkeypatch.setattr(search.sqlite3, "connect", lambda *a, **k: _NoFts5())
    result = run("free speech")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "no such module: fts5" in result.stderr and "needs SQLite with FTS5" in result.stderr
    with pytest.raises(errors.SearchUnavailable):
        SearchIndex({"essay": ESSAY})


def test_among_equal_sentences_the_one_the_graph_quotes_comes_first() -> None:
    docs = {
        d: Document(d, d.title(), f"seeds/{d}.txt", f"{d.title()}\nLenin wrote a letter.\n")
        for d in ("alpha", "beta")
    }
    at = docs["beta"].text.index("a letter")
    quoted = SearchIndex(docs, (), [("beta", at, at + 8, "a letter")]).search("letter")
    assert [h.sentence.doc for h in quoted] == ["beta", "alpha"]
    assert [h.quotes for h in quoted] == [1, 0]
