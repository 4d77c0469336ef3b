"""Documents + the entity registry -> candidate facts with evidence (pure, offline).

Paragraphs are tokenized by ``spacy.blank("en")`` (no statistical model), split
into sentences the way spaCy's sentencizer does, and searched for registry names
(:mod:`revkg.names`), dates (:mod:`revkg.dates`) and pronouns. In each sentence
these mentions are replaced by typed slots and the rules of :mod:`revkg.rules`
are matched against it. Every candidate keeps the offsets of its subject and
object mentions in the original text.
"""

from __future__ import annotations

import copy
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from .. import vocab
from ..model import Date, Entity, short_hash
from .dates import find_dates
from .mentions import (
    SPACES,
    Mention,
    NameFinder,
    NewEntity,
    Referents,
    RegistryMatcher,
    Suggestion,
    anaphor_targets,
    name_variants,
    plain_spaces,
    pronoun_mentions,
)
from .rules import (
    RULES,
    TYPE_LETTERS,
    CompiledRule,
    Rule,
    RuleIndex,
    compile_rules,
    match_time,
    negated,
)

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

    from ..model import Document

__all__ = [
    "Candidate",
    "DocumentResult",
    "Extraction",
    "Extractor",
    "Mention",
    "NewEntity",
    "Suggestion",
    "entity_record",
    "extract",
    "name_variants",
    "triple_record",
]

PRONOUN_FACTOR = 0.85
NEW_NAME_FACTOR = 0.8
CONJUNCT_FACTOR = 0.95
_Known = list[tuple[int, int, str]]  # registry names: (start, end, entity id)
_V = TypeVar("_V")
_START = attrgetter("start")


@dataclass(frozen=True)
class Candidate:
    """A fact found by a rule, with the sentence and the mentions it rests on."""

    id: str
    doc: str
    subject: Mention
    predicate: str
    object: Mention
    rule: str
    confidence: float
    sentence: str
    sentence_start: int
    sentence_end: int
    qualifiers: tuple[tuple[str, Date], ...] = ()

    @property
    def linked(self) -> bool:
        """True when both ends are registry entities (or the object is a value)."""
        return self.subject.entity is not None and (
            self.object.entity is not None or self.object.date is not None
        )


@dataclass
class DocumentResult:
    """What one document gave: candidates and mentions of unknown names."""

    doc: str
    candidates: list[Candidate] = field(default_factory=list)
    new_mentions: list[Mention] = field(default_factory=list)


@dataclass
class Extraction:
    """Candidates from every document and the new-entity candidates, merged by name."""

    candidates: list[Candidate] = field(default_factory=list)
    new_entities: list[NewEntity] = field(default_factory=list)


class _Sentence(NamedTuple):
    """One sentence of a document: where it is and the mentions inside it, in order."""

    doc: str
    text: str
    start: int
    end: int
    mentions: list[Mention]


class Extractor:
    """Runs the tokenizer, the name finders and the rules; build it once, use it often."""

    def __init__(self, entities: Iterable[Entity], *, rules: tuple[Rule, ...] = RULES) -> None:
        import spacy
        from spacy.attrs import IDX, ORTH
        from spacy.pipeline import Sentencizer

        self.registry = {e.id: e for e in entities}
        self.nlp = spacy.blank("en")
        self.tokenizer = cast("Tokenizer", self.nlp.tokenizer)
        self.matcher = RegistryMatcher(self.nlp.vocab, self.tokenizer, self.registry.values())
        self.punct = frozenset(
            self.nlp.vocab.strings.add(c) for c in Sentencizer.default_punct_chars
        )
        self.index = RuleIndex(compile_rules(rules))
        self._attrs = [ORTH, IDX]
        strings, vocabulary = self.nlp.vocab.strings, self.nlp.vocab
        self._lengths = _ByToken(lambda orth: len(strings[orth]))
        self._is_punct = _ByToken(lambda orth: bool(vocabulary[orth].is_punct)).__getitem__
        self.names = NameFinder(self.registry.values())
        self._names = {e.id: (e.type, e.id, e.label) for e in self.registry.values()}
        self.anaphors = anaphor_targets(self.registry.values())

    def with_rules(self, rules: tuple[Rule, ...]) -> Extractor:
        """The same pipeline and registry with other rules (to test a rule on its own)."""
        other = copy.copy(self)
        other.index = RuleIndex(compile_rules(rules))
        return other

    def run(self, documents: Iterable[tuple[str, str]]) -> Iterator[DocumentResult]:
        """One result per (doc id, text), streaming: documents are read one at a time."""
        for doc_id, text in documents:
            yield self.run_one(doc_id, text)

    def run_one(self, doc_id: str, text: str) -> DocumentResult:
        """Candidates and unknown-name mentions of one document."""
        result = DocumentResult(doc_id)
        topics = Referents(self.anaphors)
        paragraphs = _paragraphs(text)
        docs = self.tokenizer.pipe(p for _, p in paragraphs)
        found: dict[str, Candidate] = {}
        for (offset, para), doc in zip(paragraphs, docs, strict=True):
            for start, end, inside in self._sentences(text, offset, para, doc, result):
                mentions = topics.resolve(inside)
                if len(mentions) < 2:
                    continue
                sentence = _Sentence(doc_id, text[start:end], start, end, mentions)
                for cand in self._candidates(sentence):
                    old = found.get(cand.id)
                    if old is None or cand.confidence > old.confidence:
                        found[cand.id] = cand
        result.candidates = sorted(found.values(), key=_order)
        return result

    def _sentences(
        self, text: str, offset: int, para: str, doc: Doc, result: DocumentResult
    ) -> Iterator[tuple[int, int, list[Mention]]]:
        """(start, end, mentions) of each sentence of ``para`` (as ``doc``) with mentions."""
        if not len(doc):
            return
        orth, idx = doc.to_array(self._attrs).T.tolist()
        lengths = self._lengths
        known = [
            (offset + idx[s], offset + idx[e - 1] + lengths[orth[e - 1]], i)
            for s, e, i in self.matcher(doc)
        ]
        mentions = self._mentions(text, offset, para, known, result)
        if not mentions:
            return
        starts = [m.start for m in mentions]
        for first, last in sentence_bounds(orth, self._is_punct, self.punct):
            start, end = offset + idx[first], offset + idx[last] + lengths[orth[last]]
            lo, hi = bisect_left(starts, start), bisect_right(starts, end)
            inside = [m for m in mentions[lo:hi] if m.end <= end]
            if inside:
                yield start, end, inside

    def _mentions(
        self, text: str, offset: int, para: str, known: _Known, result: DocumentResult
    ) -> list[Mention]:
        """Registry names (``known``), unknown names, dates and pronouns, in text order."""
        spans = [(s, e) for s, e, _ in known]
        new = self.names.find(para, offset, spans, text)
        result.new_mentions.extend(new)
        taken = spans + [(m.start, m.end) for m in new]
        names = self._names
        mentions = [Mention(s, e, text[s:e], *names[i]) for s, e, i in known]
        mentions += new
        mentions += [
            Mention(d.start, d.end, text[d.start : d.end], "Date", date=d.date)
            for d in find_dates(para, offset=offset)
            if not _overlaps(taken, d.start, d.end)
        ]
        mentions += [
            m for m in pronoun_mentions(para, offset, text) if not _overlaps(taken, m.start, m.end)
        ]
        mentions.sort(key=_START)
        return mentions

    def _candidates(self, sentence: _Sentence) -> Iterator[Candidate]:
        letters = frozenset([TYPE_LETTERS[m.type] for m in sentence.mentions])
        if not self.index.allows(letters):
            return  # no rule links these types
        masked, slots = mask(sentence)
        for rule in self.index.candidates(masked, letters):
            for match in rule.regex.finditer(masked):
                if not (rule.rule.negatable and negated(masked, match)):
                    yield from _facts(sentence, rule, match, masked, slots)


class _ByToken(dict[int, _V]):
    """A property of tokens by their string hash, worked out once for each distinct token."""

    def __init__(self, compute: Callable[[int], _V]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, orth: int) -> _V:
        value = self[orth] = self.compute(orth)
        return value


def _facts(
    sentence: _Sentence,
    rule: CompiledRule,
    match: re.Match[str],
    masked: str,
    slots: list[tuple[int, int]],
) -> Iterator[Candidate]:
    """The candidates of one match: its subject and object and the names listed with them."""
    mentions, r = sentence.mentions, rule.rule
    s_index, o_index = int(match.group("S")[1:]), int(match.group("O")[1:])
    subjects = conjuncts(masked, slots, s_index, rule.subject_letters)
    objects = conjuncts(masked, slots, o_index, rule.object_letters)
    time = match_time(r, match, [m.date for m in mentions], slots) if r.time else None
    qualifiers = ((r.time, time),) if r.time and time else ()
    for si in subjects:
        for oi in objects:
            subj, obj = mentions[si], mentions[oi]
            if subj.entity is not None and subj.entity == obj.entity:
                continue
            confidence = r.confidence
            for m in (subj, obj):
                confidence *= PRONOUN_FACTOR if m.via in ("pronoun", "anaphor") else 1
                confidence *= NEW_NAME_FACTOR if m.via == "new" else 1
            if (si, oi) != (s_index, o_index):
                confidence *= CONJUNCT_FACTOR
            yield Candidate(
                candidate_id(sentence.doc, subj, r.predicate, obj, sentence.start),
                sentence.doc,
                subj,
                r.predicate,
                obj,
                r.name,
                round(confidence, 3),
                sentence.text,
                sentence.start,
                sentence.end,
                qualifiers,
            )


def extract(entities: Iterable[Entity], documents: Iterable[tuple[str, str]]) -> Extraction:
    """Run the extractor over every document and merge the new-entity candidates."""
    extractor = Extractor(entities)
    out = Extraction()
    new_mentions: list[tuple[str, Mention]] = []
    for result in extractor.run(documents):
        out.candidates.extend(result.candidates)
        new_mentions.extend((result.doc, m) for m in result.new_mentions)
    out.new_entities = extractor.names.group(new_mentions)
    return out


def extract_corpus(entities: Iterable[Entity], corpus: Mapping[str, Document]) -> Extraction:
    """:func:`extract` over every essay of a corpus (as :func:`revkg.seeds.load_corpus` gives)."""
    return extract(entities, ((doc.id, doc.text) for doc in corpus.values()))


def candidate_id(doc: str, subject: Mention, predicate: str, obj: Mention, start: int) -> str:
    """Stable id: a hash of document, subject, predicate, object and sentence start."""
    return short_hash(doc, _key(subject), predicate, _key(obj), start)


def _key(m: Mention) -> str:
    if m.entity is not None:
        return m.entity
    if m.date is not None:
        return f"value:{m.date.iso()}"
    return "new:" + m.label.casefold()


def sentence_bounds(
    orth: list[int], is_punct: Callable[[int], bool], punct_chars: frozenset[int]
) -> list[tuple[int, int]]:
    """(first, last) token of each sentence, as spaCy's sentencizer splits them.

    A sentence starts at the first token after a sentence-final character
    (``.``, ``!``, ``?`` ...) that is neither punctuation nor such a character.
    """
    n = len(orth)
    starts = [0] if n else []
    for j in compress(range(n), map(punct_chars.__contains__, orth)):
        k = j + 1
        while k < n and (orth[k] in punct_chars or is_punct(orth[k])):
            k += 1
        if k < n and k > starts[-1]:
            starts.append(k)
    return [(a, b - 1) for a, b in zip(starts, [*starts[1:], n], strict=True)]


# ---- the masked sentence ---------------------------------------------------------------

_CLEAN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": None, "\u201d": None, '"': None}
    | dict.fromkeys(SPACES, " ")
)
_WHITESPACE = re.compile(r"\s+")
_APOSTROPHE_AFTER_SPACE = re.compile(r"(?<=\s)'")
_APOSTROPHE_FIRST = re.compile(r"^'(?!s\b)")


def mask(sentence: _Sentence) -> tuple[str, list[tuple[int, int]]]:
    """The sentence with each mention replaced by ``«<letter><index>»``, and slot positions."""
    text, base = sentence.text, sentence.start
    parts: list[str] = []
    slots: list[tuple[int, int]] = []
    pos = length = 0
    for i, m in enumerate(sentence.mentions):
        piece = _clean(text[pos : m.start - base])
        slot = _SLOTS[m.type][i] if i < _MADE_SLOTS else f"«{TYPE_LETTERS[m.type]}{i}»"
        length += len(piece)
        end = length + len(slot)
        slots.append((length, end))
        parts.append(piece)
        parts.append(slot)
        length, pos = end, m.end - base
    parts.append(_clean(text[pos:]))
    return "".join(parts), slots


_MADE_SLOTS = 64
#: The slots of each type, «P0» to «P63», made once.
_SLOTS = {t: [f"«{letter}{i}»" for i in range(_MADE_SLOTS)] for t, letter in TYPE_LETTERS.items()}


@functools.lru_cache(maxsize=65536)
def _clean(piece: str) -> str:
    """Straight apostrophes, no double quotes, single spaces (remembered: pieces recur)."""
    piece = piece.replace('"', "") if piece.isascii() else piece.translate(_CLEAN)
    if "  " in piece or not piece.isprintable():
        piece = _WHITESPACE.sub(" ", piece)
    if "'" not in piece:
        return piece
    return _APOSTROPHE_FIRST.sub("", _APOSTROPHE_AFTER_SPACE.sub("", piece))


_CONJ_AFTER = re.compile(r"(?:,\s*(?:and\s+|or\s+|then\s+)?|\s+(?:and|or|&)\s+(?:then\s+)?)«")
_CONJ_BEFORE = re.compile(r"»(?:,\s*(?:and\s+)?|\s+and\s+)$")


def conjuncts(
    masked: str, slots: list[tuple[int, int]], index: int, letters: frozenset[str]
) -> list[int]:
    """The slot and the slots listed with it ("Bukharin and Dzerzhinsky", "X, Y and Z")."""
    found = [index]
    i = index
    while i + 1 < len(slots) and masked[slots[i + 1][0] + 1] in letters:
        if not _CONJ_AFTER.fullmatch(masked[slots[i][1] : slots[i + 1][0] + 1]):
            break
        i += 1
        found.append(i)
    i = index
    while i > 0 and masked[slots[i - 1][0] + 1] in letters:
        if not _CONJ_BEFORE.search(masked[slots[i - 1][1] - 1 : slots[i][0]]):
            break
        i -= 1
        found.insert(0, i)
    return found


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, line) of each line of ``text`` that is not blank, with plain spaces."""
    found, pos = [], 0
    for line in text.replace("\r", "\n").split("\n"):  # same length, so the same offsets
        if line.strip():
            found.append((pos, plain_spaces(line)))
        pos += len(line) + 1
    return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _order(c: Candidate) -> tuple[int, int, str, str]:
    return (c.sentence_start, c.subject.start, c.predicate, c.id)


# ---- records for output ---------------------------------------------------------------


def triple_record(c: Candidate, registry: dict[str, Entity]) -> dict[str, object]:
    """A candidate as one JSON object (the ``revkg extract`` line format)."""
    obj: dict[str, object]
    if c.object.date is not None:
        obj = {
            "value": c.object.date.iso(),
            "datatype": "date",
            "precision": c.object.date.precision,
        }
    else:
        obj = _end(c.object, registry)
    record: dict[str, object] = {
        "kind": "triple",
        "id": c.id,
        "subject": _end(c.subject, registry),
        "predicate": str(vocab.property_iri(c.predicate)),
        "object": obj,
        "confidence": c.confidence,
        "rule": c.rule,
        "evidence": {
            "doc": c.doc,
            "sentence": c.sentence,
            "start": c.sentence_start,
            "end": c.sentence_end,
            "subject_span": [c.subject.start, c.subject.end],
            "object_span": [c.object.start, c.object.end],
            "subject_text": c.subject.text,
            "object_text": c.object.text,
        },
    }
    if c.qualifiers:
        record["qualifiers"] = {k: v.iso() for k, v in c.qualifiers}
    return record


def _end(m: Mention, registry: dict[str, Entity]) -> dict[str, object]:
    entity = registry.get(m.entity) if m.entity else None
    return {"id": str(entity.iri) if entity else None, "label": m.label or m.text, "type": m.type}


def entity_record(e: NewEntity) -> dict[str, object]:
    """A new-entity candidate as one JSON object."""
    record: dict[str, object] = {
        "kind": "entity",
        "label": e.label,
        "type": e.type,
        "mentions": [list(m) for m in e.mentions],
    }
    if e.suggestions:
        record["suggestions"] = [
            {"id": s.entity, "label": s.label, "score": s.score} for s in e.suggestions
        ]
    return record
