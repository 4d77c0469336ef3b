"""Full-text search over the essays' sentences and the graph's quotes (SQLite FTS5).

Each sentence of each essay is one row of an FTS5 table, with two searched columns: the
sentence, and the quotes of the graph's evidence that lie in it. Sentences that one
quote spans (“What for? For which class?” said Lenin) are one row, shown together.
BM25 ranks the rows, the quotes counting half: among equally good matches, a sentence
the graph rests a fact on comes first. Before that,
a sentence holding the words as typed, in order, ranks first, then one holding them
as a phrase (stems aside: "called for free speech" finds "calls for free speech").

The index is built in memory from the essays as they are now: the corpus is small (three
essays, about 700 sentences, indexed in a few milliseconds), so ``revkg search`` builds
it for each search, and a server builds it once and searches it from any thread (one
search at a time). Nothing is written.

What is typed is searched as plain words when it has none of FTS5's syntax: every word
must occur (``left-communist`` is the words "left" and "communist"). Double quotes,
parentheses, ``*``, ``:``, ``^``, ``+`` or the operators AND, OR, NOT and NEAR make it
an FTS5 query, passed on as it is; one that does not parse is a SearchQueryError, with
SQLite's reason. A search text with control characters, or longer than
:data:`MAX_QUERY`, is refused before anything runs.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass

from ..errors import SearchQueryError, SearchUnavailable
from ..model import Document, Entity
from ..text import CONTROL, normalize, normalize_string, printable

#: The longest search text accepted, in characters.
MAX_QUERY = 1000
#: How many hits a search gives unless told.
LIMIT = 10
#: Marks around matched words in FTS5's highlight(): control characters, which the
#: indexed text never holds (it is made printable first).
_OPEN, _CLOSE = "\x01", "\x02"
_SYNTAX = re.compile(r'["()*:^+]|\b(?:AND|OR|NOT|NEAR)\b')
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}

# A sentence ends at . ! ? or … (and any closing quotes or brackets) before a space,
# unless the word before the stop is an initial ("V.I.", "G. T.") or an abbreviation.
_STOP = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+")
_NOT_AN_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|etc|e\.g|i\.e|cf|No|Vol|pp?))[.]+$"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an essay: where it is (character offsets into the file) and its text."""

    doc: str
    paragraph: int  # the essay's non-blank lines counted from 1, its title line being 0
    line: int  # the line of the file, from 1
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A sentence that matches, with its matched words and the entities it names."""

    sentence: Sentence
    title: str  # the essay's title
    marks: tuple[tuple[int, int], ...]  # matched words, as offsets into sentence.text
    entities: tuple[Entity, ...]  # registry names found in the sentence, in text order
    quotes: int  # how many of the graph's quotes lie in (or across) the sentence
    exact: bool  # the search text occurs in it as typed (typography and case aside)
    phrase: bool  # the search words occur in it in order, as a phrase (stems aside)
    score: float  # BM25 (smaller is better), as SQLite gives it


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an essay: a non-blank line, numbered from 1 (the title line is 0)."""

    doc: str
    number: int
    line: int  # the line of the file, from 1
    start: int  # character offsets of the line in the file, without its line break
    end: int
    text: str


def paragraphs(doc: Document) -> Iterator[Paragraph]:
    """The paragraphs of an essay: its non-blank lines; a first line that is its title is 0."""
    title = normalize_string(doc.title)
    paragraph, pos, first = 0, 0, True
    for number, line in enumerate(doc.text.split("\n"), 1):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        if not (first and normalize_string(line) == title):
            paragraph += 1
        first = False
        yield Paragraph(doc.id, paragraph, number, start, start + len(line), line)


def sentences(doc: Document) -> Iterator[Sentence]:
    """The sentences of an essay, paragraph by paragraph (a paragraph is a non-blank line)."""
    for p in paragraphs(doc):
        for a, b in _split(p.text):
            yield Sentence(doc.id, p.number, p.line, p.start + a, p.start + b, p.text[a:b])


def _split(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a line, without the spaces around it."""
    begin = len(line) - len(line.lstrip())
    for stop in _STOP.finditer(line):
        end = stop.end() - (len(stop.group()) - len(stop.group().rstrip()))
        if _NOT_AN_END.search(line[begin : stop.start() + 1]) or end <= begin:
            continue
        yield begin, end
        begin = stop.end()
    end = len(line.rstrip())
    if end > begin:
        yield begin, end


class Names:
    """The registry's names found in a text: labels, aliases and misspellings, typography
    aside; a one-word name is matched with its case as written (so "Commune" is not every
    "commune"), unless the entity is a concept; the longest name wins where names overlap."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.exact: dict[str, Entity] = {}
        self.folded: dict[str, Entity] = {}
        patterns: dict[str, str] = {}
        for entity in sorted(entities, key=lambda e: e.id):
            for name in entity.names():
                plain = normalize_string(name)
                if not plain:
                    continue
                if " " in plain or plain.islower() or entity.type == "Concept":
                    self.folded.setdefault(plain.casefold(), entity)
                    patterns.setdefault(plain.casefold(), f"(?i:{re.escape(plain)})")
                else:
                    for form in (plain, plain.upper()):
                        self.exact.setdefault(form, entity)
                        patterns.setdefault(form, re.escape(form))
        ordered = sorted(patterns, key=lambda k: (-len(k), k))
        alternatives = "|".join(patterns[k] for k in ordered) or "(?!)"
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def find(self, text: str) -> tuple[Entity, ...]:
        """The entities named in ``text``, each once, in the order of their first mention."""
        found: dict[str, Entity] = {}
        for _, _, entity in self.spans(text):
            found.setdefault(entity.id, entity)
        return tuple(found.values())

    def spans(self, text: str) -> list[tuple[int, int, Entity]]:
        """Every mention in ``text``: its start and end (offsets into ``text``) and entity."""
        norm = normalize(text)
        found = []
        for m in self.pattern.finditer(norm.text):
            entity = self.exact.get(m.group()) or self.folded.get(m.group().casefold())
            if entity is not None:
                found.append((*norm.to_original(m.start(), m.end()), entity))
        return found


Quote = tuple[str, int, int, str]  # essay id, start, end, quote


class SearchIndex:
    """The essays' sentences and the graph's quotes in an in-memory FTS5 table."""

    def __init__(
        self,
        documents: Mapping[str, Document],
        entities: Iterable[Entity] = (),
        quotes: Iterable[Quote] = (),
    ) -> None:
        self.documents = documents
        self.names = Names(entities)
        kept = sorted({q for q in quotes if _points_at(documents, q)})
        rows = [s for doc in documents.values() for s in sentences(doc)]
        self.rows = _joined(rows, documents, kept)
        cited = _quotes_by_sentence(self.rows, kept)
        self.db = _fts_table()
        self.db.executemany(
            "INSERT INTO passages (rowid, text, quotes, doc) VALUES (?, ?, ?, ?)",
            (
                (i, printable(s.text), "\n".join(cited.get(i, [])), s.doc)
                for i, s in enumerate(self.rows)
            ),
        )
        self.cited = {i: len(q) for i, q in cited.items()}
        self._lock = threading.Lock()  # one search at a time on the connection

    def search(self, text: str, *, limit: int = LIMIT, essay: str | None = None) -> list[Hit]:
        """The best ``limit`` sentences for ``text`` (see the module's docstring)."""
        query, words = fts_query(text)
        ranked = {}
        if len(words) > 1:  # what was asked, with the words as a phrase too
            phrase = f'({query}) AND "{" ".join(words)}"'
            with suppress(SearchQueryError):  # then the query itself says what is wrong
                ranked = {row[0]: row for row in self._match(phrase, text, essay)}
        phrased = set(ranked)
        for row in self._match(query, text, essay, limit + len(phrased)):
            ranked.setdefault(row[0], row)
        wanted = normalize_string(re.sub(r'["()*^+:]', " ", text), casefold=True)
        hits = [self._hit(row, wanted, row[0] in phrased) for row in ranked.values()]
        hits.sort(key=lambda h: (not h.exact, not h.phrase, h.score))
        return hits[:limit]

    def _match(
        self, query: str, text: str, essay: str | None, limit: int = -1
    ) -> list[tuple[int, str, float]]:
        """(row, its text with the matches marked, BM25) of the best rows for ``query``."""
        sql = (
            "SELECT rowid, highlight(passages, 0, ?, ?), rank FROM passages "
            "WHERE passages MATCH ? AND (? IS NULL OR doc = ?) ORDER BY rank LIMIT ?"
        )
        try:
            with self._lock:
                return self.db.execute(sql, (_OPEN, _CLOSE, query, essay, essay, limit)).fetchall()
        except sqlite3.OperationalError as e:
            raise SearchQueryError(
                f"cannot search for {text!r}: {e} (FTS5 query syntax: put a phrase in "
                'double quotes, "like this"; AND, OR, NOT and NEAR are operators; '
                "word* matches words that start so)"
            ) from None

    def _hit(self, row: tuple[int, str, float], wanted: str, phrase: bool) -> Hit:
        rowid, marked, score = row
        sentence = self.rows[rowid]
        text = normalize_string(sentence.text, casefold=True)
        return Hit(
            sentence,
            self.documents[sentence.doc].title,
            _marks(marked),
            self.names.find(sentence.text),
            self.cited.get(rowid, 0),
            bool(wanted) and re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", text) is not None,
            phrase,
            score,
        )


def hit_json(hit: Hit) -> dict[str, object]:
    """A hit as JSON: where its sentence is, the sentence, its matches and entities."""
    s = hit.sentence
    return {
        "essay": s.doc,
        "essay_title": hit.title,
        "paragraph": s.paragraph,
        "line": s.line,
        "start": s.start,
        "end": s.end,
        "sentence": s.text,
        "matches": [list(m) for m in hit.marks],
        "entities": [
            {"label": e.label, "type": e.type.lower(), "iri": str(e.iri)} for e in hit.entities
        ],
        "graph_quotes": hit.quotes,
        "exact": hit.exact,
        "phrase": hit.phrase,
        "score": round(hit.score, 4),
    }


def fts_query(text: str) -> tuple[str, list[str]]:
    """The FTS5 query for what was typed, and its words (for the phrase that ranks first).

    Raises SearchQueryError for an empty, too long or control-character-laden text.
    """
    if len(text) > MAX_QUERY:
        raise SearchQueryError(
            f"the search text is {len(text):,} characters long; search for at most "
            f"{MAX_QUERY:,} (a few words or a phrase)."
        )
    if bad := CONTROL.search(text):
        raise SearchQueryError(
            f"the search text holds a control character (U+{ord(bad.group()):04X}) at "
            f"position {bad.start() + 1}; search for words."
        )
    words = _WORD.findall(text)
    if not words:
        raise SearchQueryError("give a word to search for, e.g. revkg search 'free speech'.")
    if _SYNTAX.search(text):
        return text, [w for w in words if w not in _OPERATORS]
    return " ".join(f'"{w}"' for w in words), words


def _fts_table() -> sqlite3.Connection:
    """An in-memory database with the empty FTS5 table; SearchUnavailable without FTS5."""
    db = sqlite3.connect(":memory:", check_same_thread=False)  # searches hold a lock
    try:
        db.execute(
            "CREATE VIRTUAL TABLE passages USING fts5(text, quotes, doc UNINDEXED, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        # rank is BM25 with the graph's quotes counting half as much as the sentence
        db.execute("INSERT INTO passages (passages, rank) VALUES ('rank', 'bm25(1.0, 0.5)')")
    except sqlite3.OperationalError as e:
        db.close()
        raise SearchUnavailable(
            f"this Python's SQLite ({sqlite3.sqlite_version}) cannot make a full-text index "
            f"({e}); `revkg search` needs SQLite with FTS5, as the python.org, Debian, "
            "Ubuntu and Homebrew builds of Python have."
        ) from None
    return db


def _points_at(documents: Mapping[str, Document], quote: Quote) -> bool:
    """False for a quote whose offsets no longer point at it (the essay changed since the
    graph was built): it is left out."""
    doc, start, end, text = quote
    return doc in documents and documents[doc].text[start:end] == text


def _touched(rows: Sequence[Sentence], quote: Quote) -> list[int]:
    """The numbers of the rows a quote lies in or across."""
    doc, start, end, _ = quote
    return [i for i, s in enumerate(rows) if s.doc == doc and s.start < end and start < s.end]


def _joined(
    rows: list[Sentence], documents: Mapping[str, Document], quotes: Sequence[Quote]
) -> list[Sentence]:
    """The sentences, those that one quote spans within a paragraph made one."""
    joins = [False] * len(rows)  # joins[i]: row i and the next are one
    for quote in quotes:
        touched = _touched(rows, quote)
        if len(touched) > 1 and rows[touched[0]].paragraph == rows[touched[-1]].paragraph:
            for i in touched[:-1]:
                joins[i] = True
    joined: list[Sentence] = []
    for i, s in enumerate(rows):
        if i and joins[i - 1]:
            first = joined[-1]
            text = documents[s.doc].text[first.start : s.end]
            joined[-1] = Sentence(s.doc, first.paragraph, first.line, first.start, s.end, text)
        else:
            joined.append(s)
    return joined


def _quotes_by_sentence(rows: Sequence[Sentence], quotes: Iterable[Quote]) -> dict[int, list[str]]:
    """Row number -> the quotes that lie in (or across) the row."""
    found: dict[int, list[str]] = {}
    for quote in quotes:
        for i in _touched(rows, quote):
            found.setdefault(i, []).append(printable(quote[3]))
    return found


def _marks(marked: str) -> tuple[tuple[int, int], ...]:
    """The spans FTS5's highlight() marked, as offsets into the unmarked text."""
    spans, pos, opened = [], 0, 0
    for part in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if part == _OPEN:
            opened = pos
        elif part == _CLOSE:
            spans.append((opened, pos))
        else:
            pos += len(part)
    return tuple(spans)
