"""Documents + the entity registry -> candidate facts with evidence (pure, offline).

The pipeline is ``spacy.blank("en")`` with a sentencizer and an entity ruler
whose patterns come from the registry (labels, aliases, misspellings, both
apostrophe forms, case variants). No statistical model is used. In each
sentence, names, dates and pronouns are replaced by typed slots and the rules
of :mod:`revkg.rules` are matched against it. Every candidate keeps the offsets
of its subject and object mentions in the original text.

Names that look like people, works, organizations or events but are not in the
registry become new-entity candidates ; they are
never linked to a registry entry, only offered with fuzzy suggestions.
"""

from __future__ import annotations

import copy
import difflib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import vocab
from .dates import find_dates
from .model import Date, Entity, short_hash
from .rules import NEGATION, RULES, TYPE_LETTERS, Rule, compile_rule

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "Candidate",
    "DocumentResult",
    "Extraction",
    "Extractor",
    "Mention",
    "NewEntity",
    "Suggestion",
    "extract",
]

PRONOUN_FACTOR = 0.85
NEW_NAME_FACTOR = 0.8
CONJUNCT_FACTOR = 0.95
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " "})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_PARAGRAPH = re.compile(r"[^\n\r]+")


@dataclass(frozen=True)
class Mention:
    """A stretch of the original text naming an entity, a date or a person by pronoun.

    ``text`` is exactly ``document_text[start:end]``. ``via`` says how it was found:
    ``name`` (the registry), ``pronoun`` (he/him, resolved) or ``new`` (not in the registry).
    """

    start: int
    end: int
    text: str
    type: str
    entity: str | None = None
    label: str = ""
    date: Date | None = None
    via: str = "name"


@dataclass(frozen=True)
class Suggestion:
    """A registry entity whose name is close to an unknown name (a hint, not a link)."""

    entity: str
    label: str
    score: float


@dataclass(frozen=True)
class NewEntity:
    """A name not in the registry, with a guessed type and where it occurs."""

    label: str
    type: str
    mentions: tuple[tuple[str, int, int], ...]
    suggestions: tuple[Suggestion, ...] = ()


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
    def value(self) -> Date | None:
        """The date, when the object is a value rather than an entity."""
        return self.object.date

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


def build_pipeline(entities: Iterable[Entity]) -> Language:
    """``spacy.blank("en")`` + sentencizer + an entity ruler made from the registry."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False})
    patterns = []
    seen: set[str] = set()
    for entity in sorted(entities, key=lambda e: e.id):
        for name in entity.names():
            for variant in name_variants(name, lower=entity.type == "Concept"):
                if variant not in seen:
                    seen.add(variant)
                    patterns.append({"label": entity.type, "pattern": variant, "id": entity.id})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def name_variants(name: str, *, lower: bool = False) -> list[str]:
    """A name as the essays may write it: both apostrophes, case variants, no spare space.

    A one-word name gets a lower-case variant only when ``lower`` (ideas: "centralism"),
    so that "Commune" does not match every "commune".
    """
    name = " ".join(name.translate(_SPACES).split())
    if not name:
        return []
    cased = {name, name[0].upper() + name[1:], name.upper(), name[0] + name[1:].lower()}
    if " " in name or name.islower() or lower:
        cased |= {name.lower(), name.title()}
    variants = set()
    for form in cased:
        straight = form.replace("\u2019", "'")
        variants |= {straight, straight.replace("'", "\u2019")}
    return sorted(variants)


class Extractor:
    """Runs the pipeline and the rules; build it once, use it on many documents."""

    def __init__(self, entities: Iterable[Entity], *, rules: tuple[Rule, ...] = RULES) -> None:
        self.registry = {e.id: e for e in entities}
        self.nlp = build_pipeline(self.registry.values())
        self.rules = [(rule, compile_rule(rule), _letters(rule)) for rule in rules]
        self.names = NameFinder(self.registry.values())
        self.anaphors = {
            noun: frozenset(
                e.id
                for e in self.registry.values()
                if any(
                    noun in (n.split()[0].casefold(), n.split()[-1].casefold())
                    for n in e.names()
                    if n.split()
                )
            )
            for noun in ANAPHORS
        }

    def with_rules(self, rules: tuple[Rule, ...]) -> Extractor:
        """The same pipeline and registry with other rules (to test a rule on its own)."""
        other = copy.copy(self)
        other.rules = [(rule, compile_rule(rule), _letters(rule)) for rule in rules]
        return other

    def run(self, documents: Iterable[tuple[str, str]]) -> Iterator[DocumentResult]:
        """One result per (doc id, text), streaming: documents are read one at a time."""
        for doc_id, text in documents:
            yield self.run_one(doc_id, text)

    def run_one(self, doc_id: str, text: str) -> DocumentResult:
        result = DocumentResult(doc_id)
        state = _Topics(self.anaphors)
        paragraphs = [
            (m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()
        ]
        docs = self.nlp.pipe(p.translate(_SPACES) for _, p in paragraphs)
        found: dict[str, Candidate] = {}
        for (offset, _para), doc in zip(paragraphs, docs, strict=True):
            for cand in self._paragraph(doc_id, text, offset, doc, state, result):
                old = found.get(cand.id)
                if old is None or cand.confidence > old.confidence:
                    found[cand.id] = cand
        result.candidates = sorted(found.values(), key=_order)
        return result

    def _paragraph(
        self,
        doc_id: str,
        text: str,
        offset: int,
        doc: Doc,
        state: _Topics,
        result: DocumentResult,
    ) -> Iterator[Candidate]:
        known = [self._entity_mention(text, offset, ent) for ent in doc.ents]
        new = self.names.find(doc.text, offset, [(m.start, m.end) for m in known], text)
        result.new_mentions.extend(new)
        taken = sorted((m.start, m.end) for m in known + new)
        dates = [
            Mention(d.start, d.end, text[d.start : d.end], "Date", date=d.date)
            for d in find_dates(doc.text, offset=offset)
            if not _overlaps(taken, d.start, d.end)
        ]
        pronouns = [
            replace(m, text=text[m.start : m.end])
            for m in pronoun_mentions(doc.text, offset)
            if not _overlaps(taken, m.start, m.end)
        ]
        everything = sorted(known + new + dates + pronouns, key=lambda m: m.start)
        for sent_start, sent_end in _sentences(doc):
            start, end = offset + sent_start, offset + sent_end
            inside = [m for m in everything if start <= m.start and m.end <= end]
            inside = state.resolve(inside)
            if len(inside) >= 2:
                yield from self._sentence(doc_id, text, start, end, inside)

    def _entity_mention(self, text: str, offset: int, ent: object) -> Mention:
        start, end = offset + ent.start_char, offset + ent.end_char  # type: ignore[attr-defined]
        entity = self.registry[ent.ent_id_]  # type: ignore[attr-defined]
        return Mention(start, end, text[start:end], entity.type, entity.id, entity.label)

    def _sentence(
        self, doc_id: str, text: str, start: int, end: int, mentions: list[Mention]
    ) -> Iterator[Candidate]:
        masked, slots = mask(text, start, end, mentions)
        present = {masked[s + 1] for s, _ in slots}
        sentence = text[start:end]
        for rule, pattern, (subject_letters, object_letters) in self.rules:
            if not (present & subject_letters and present & object_letters):
                continue
            for match in pattern.finditer(masked):
                if rule.negatable and _negated(masked, match):
                    continue
                yield from self._candidates(
                    doc_id, sentence, start, end, rule, match, masked, slots, mentions
                )

    def _candidates(
        self,
        doc_id: str,
        sentence: str,
        start: int,
        end: int,
        rule: Rule,
        match: re.Match[str],
        masked: str,
        slots: list[tuple[int, int]],
        mentions: list[Mention],
    ) -> Iterator[Candidate]:
        s_index, o_index = int(match.group("S")[1:]), int(match.group("O")[1:])
        s_letters, o_letters = _letters(rule)
        subjects = conjuncts(masked, slots, s_index, s_letters)
        objects = conjuncts(masked, slots, o_index, o_letters)
        time = _time(rule, match, mentions, slots, {s_index, o_index})
        for si in subjects:
            for oi in objects:
                subj, obj = mentions[si], mentions[oi]
                if subj.entity is not None and subj.entity == obj.entity:
                    continue
                confidence = rule.confidence
                for m in (subj, obj):
                    confidence *= PRONOUN_FACTOR if m.via in ("pronoun", "anaphor") else 1
                    confidence *= NEW_NAME_FACTOR if m.via == "new" else 1
                if (si, oi) != (s_index, o_index):
                    confidence *= CONJUNCT_FACTOR
                yield Candidate(
                    candidate_id(doc_id, subj, rule.predicate, obj, start),
                    doc_id,
                    subj,
                    rule.predicate,
                    obj,
                    rule.name,
                    round(confidence, 3),
                    sentence,
                    start,
                    end,
                    ((rule.time, time),) if rule.time and time else (),
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


def candidate_id(doc: str, subject: Mention, predicate: str, obj: Mention, start: int) -> str:
    """Stable id: a hash of document, subject, predicate, object and sentence start."""
    return short_hash(doc, _key(subject), predicate, _key(obj), start)


def _key(m: Mention) -> str:
    if m.entity is not None:
        return m.entity
    if m.date is not None:
        return f"value:{m.date.iso()}"
    return "new:" + m.label.casefold()


def mask(
    text: str, start: int, end: int, mentions: list[Mention]
) -> tuple[str, list[tuple[int, int]]]:
    """The sentence with each mention replaced by ``«<letter><index>»``, and slot positions."""
    parts: list[str] = []
    slots: list[tuple[int, int]] = []
    pos, length = start, 0
    for i, m in enumerate(mentions):
        piece = _clean(text[pos : m.start])
        slot = f"«{TYPE_LETTERS[m.type]}{i}»"
        parts += [piece, slot]
        length += len(piece)
        slots.append((length, length + len(slot)))
        length += len(slot)
        pos = m.end
    parts.append(_clean(text[pos:end]))
    return "".join(parts), slots


def _clean(piece: str) -> str:
    piece = " ".join(piece.translate(_QUOTES).translate(_SPACES).replace('"', "").split(" "))
    piece = re.sub(r"\s+", " ", piece)
    piece = re.sub(r"(?<=\s)'", "", piece)
    return re.sub(r"^'(?!s\b)", "", piece)


_CONJ_AFTER = re.compile(r"(?:,\s*(?:and\s+|or\s+|then\s+)?|\s+(?:and|or|&)\s+(?:then\s+)?)«")
_CONJ_BEFORE = re.compile(r"»(?:,\s*(?:and\s+)?|\s+and\s+)$")


def conjuncts(
    masked: str, slots: list[tuple[int, int]], index: int, letters: set[str]
) -> list[int]:
    """The slot and the slots listed with it ("Bukharin and Dzerzhinsky", "X, Y and Z")."""
    found = [index]
    i = index
    while i + 1 < len(slots) and masked[slots[i + 1][0] + 1] in letters:
        between = masked[slots[i][1] : slots[i + 1][0] + 1]
        if not _CONJ_AFTER.fullmatch(between):
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


def _negated(masked: str, match: re.Match[str]) -> bool:
    if "verb" not in match.re.groupindex or match.start("verb") < 0:
        return False
    left = max(0, match.start("verb") - 40)
    if match.start("S") < match.start("verb"):
        left = max(left, match.end("S") + 1)
    return bool(NEGATION.search(masked[left : match.start("verb")]))


def _time(
    rule: Rule,
    match: re.Match[str],
    mentions: list[Mention],
    slots: list[tuple[int, int]],
    used: set[int],
) -> Date | None:
    if rule.time is None:
        return None
    if "T" in match.re.groupindex and match.group("T"):
        return mentions[int(match.group("T")[1:])].date
    centre = (match.start() + match.end()) / 2
    dates = [
        (abs((slots[i][0] + slots[i][1]) / 2 - centre), i)
        for i, m in enumerate(mentions)
        if m.date is not None and i not in used
    ]
    return mentions[min(dates)[1]].date if dates else None


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences, without building a Span per sentence."""
    flags = doc.to_array("SENT_START")
    starts = [int(i) for i in (flags == 1).nonzero()[0] if int(i) > 0]
    bounds = [0, *starts, len(doc)]
    spans = []
    for a, b in itertools.pairwise(bounds):
        if b > a:
            last = doc[b - 1]
            spans.append((doc[a].idx, last.idx + len(last.text)))
    return spans


def _letters(rule: Rule) -> tuple[set[str], set[str]]:
    return {TYPE_LETTERS[t] for t in rule.subject}, {TYPE_LETTERS[t] for t in rule.object}


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _order(c: Candidate) -> tuple[int, int, str, str]:
    return (c.sentence_start, c.subject.start, c.predicate, c.id)


class _Topics:
    """Who "he", "him", "the party" refer to, sentence by sentence through a document.

    "he" is the person the sentence is about (its first person), else the last such;
    "him" is the person the document has been about most often; "the party" and
    "the treaty" are the last registry entity whose name starts or ends with that word.
    """

    def __init__(self, anaphors: dict[str, frozenset[str]]) -> None:
        self.anaphors = anaphors
        self.topics: dict[str, Mention] = {}
        self.counts: Counter[str] = Counter()
        self.last: dict[str, Mention] = {}

    def resolve(self, mentions: list[Mention]) -> list[Mention]:
        topic: Mention | None = None
        out = []
        for m in mentions:
            if m.via in ("pronoun", "anaphor"):
                target = self._pronoun(m, topic) if m.via == "pronoun" else self._anaphor(m)
                if target is None:
                    continue
                m = replace(target, start=m.start, end=m.end, text=m.text, via=m.via)
                if m.via == "pronoun" and topic is None and m.text.lower() != "him":
                    topic = m
            elif m.entity is not None:
                self.last.update(
                    {noun: m for noun, ids in self.anaphors.items() if m.entity in ids}
                )
                if m.type == "Person" and topic is None:
                    topic = m
            out.append(m)
        if topic is not None and topic.entity is not None:
            self.topics.pop(topic.entity, None)
            self.topics[topic.entity] = topic
            self.counts[topic.entity] += 1
        return out

    def _pronoun(self, pronoun: Mention, topic: Mention | None) -> Mention | None:
        if pronoun.text.lower() != "him":
            return topic or (list(self.topics.values())[-1] if self.topics else None)
        order = list(self.topics)
        best = max(order, key=lambda e: (self.counts[e], order.index(e)), default=None)
        return self.topics[best] if best else None

    def _anaphor(self, anaphor: Mention) -> Mention | None:
        return self.last.get(anaphor.label)


# ---- names outside the registry -----------------------------------------------------

_WORD = r"(?:[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][A-Za-z]*(?:-[A-Za-z]+)*)"
_NAME = re.compile(
    rf"(?<![\w'’#-]){_WORD}(?:(?:\s+(?:of|the|and|in|on|to|for|de|von|van))*\s+{_WORD})*(?![\w#])"
)


def _words(text: str) -> list[str]:
    return text.split()


_STOP = frozenset(
    _words(
        """
        a about after again all also although an and another any as at because before being
        both but by certain despite due during each either even every for from further
        furthermore getting he her here his how however i if in instead it its like many
        more most much neither no nor not of on once one only or other others our rather
        shortly since so some still such than that the their them then there these they this
        those though through to today under unlike until ultimately we what when where
        whether which while who whom why with within without would yet you years friends
        truth communists liberals later earlier soon now perhaps january february march
        april may june july august september october november december monday tuesday
        wednesday thursday friday saturday sunday
        """
    )
)
_ORG_WORDS = frozenset(
    _words(
        """
        party parties group committee opposition union unions league international council
        councils army front guard guards commission bloc faction government police movement
        organization organisation society
        """
    )
)
_EVENT_WORDS = frozenset(
    _words(
        """
        revolution war rebellion revolt treaty uprising strike massacre congress commune
        famine coup insurrection mutiny conference
        """
    )
)
_PLACE_WORDS = frozenset(
    _words(
        """
        region mountains river city island province oblast
        """
    )
)
_WORK_BEFORE = re.compile(
    r"(?:pamphlets?|books?|works?|piece|essays?|articles?|memoirs?|memorandum|manifesto|"
    r"letters?|novel|['’]s)\s*$",
    re.IGNORECASE,
)
_WORK_AFTER = re.compile(r"^(?:\s*\(\d{4}\)|,? by [A-Z])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;][\"'”’)]*\s+|[\"“‘(]\s*)$")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]im|[Ss]he)\b|\b[Tt]he (party|treaty)\b")
#: Definite descriptions resolved to the last entity so named, with the type they refer to.
ANAPHORS = {"party": "Organization", "treaty": "Event"}


def pronoun_mentions(text: str, offset: int) -> list[Mention]:
    """He, him, she, "the party", "the treaty" in a paragraph starting at ``offset``."""
    found = []
    for m in _PRONOUN.finditer(text):
        start, end = offset + m.start(), offset + m.end()
        if m.group(1):
            noun = m.group(1).lower()
            found.append(Mention(start, end, m.group(), ANAPHORS[noun], label=noun, via="anaphor"))
        else:
            found.append(Mention(start, end, m.group(), "Person", via="pronoun"))
    return found


class NameFinder:
    """Finds capitalised names the registry does not know, guesses their type, suggests."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.by_name: dict[str, Entity] = {}
        for entity in sorted(entities, key=lambda e: e.id):
            for name in entity.names():
                self.by_name.setdefault(name.casefold(), entity)
        self.names = sorted(self.by_name)
        self._suggestions: dict[str, tuple[Suggestion, ...]] = {}

    def find(
        self, paragraph: str, offset: int, known: list[tuple[int, int]], text: str
    ) -> list[Mention]:
        """Unknown names in a paragraph, given the spans of registry names in it."""
        chars = list(paragraph)
        for start, end in known:
            chars[start - offset : end - offset] = "#" * (end - start)
        blanked = "".join(chars)
        found = []
        for m in _NAME.finditer(blanked):
            span = self._trim(blanked, m.start(), m.end())
            if span is None:
                continue
            start, end = span
            name = " ".join(paragraph[start:end].split())
            kind = self.guess(blanked, start, end, name)
            if kind is not None:
                s, e = offset + start, offset + end
                found.append(Mention(s, e, text[s:e], kind, label=name, via="new"))
        return found

    def _trim(self, blanked: str, start: int, end: int) -> tuple[int, int] | None:
        words = [
            (w.start() + start, w.end() + start) for w in re.finditer(r"\S+", blanked[start:end])
        ]
        while words and blanked[words[0][0] : words[0][1]].casefold() in _STOP:
            words.pop(0)
        while words and blanked[words[-1][0] : words[-1][1]].casefold() in _STOP:
            words.pop()
        if not words:
            return None
        return words[0][0], words[-1][1]

    def guess(self, blanked: str, start: int, end: int, name: str) -> str | None:
        """The likely type of an unknown name, or None if it does not look like a name."""
        words = name.split()
        lowered = {w.casefold().strip(".") for w in words}
        single = len(words) == 1
        acronym = single and name.isupper() and 2 <= len(name) <= 6
        possessive = blanked[end : end + 2] in ("'s", "’s")
        at_start = bool(_SENTENCE_START.search(blanked[:start]))
        if single and (at_start or not (acronym or possessive)) and not self.suggest(name):
            return None
        if _WORK_BEFORE.search(blanked[max(0, start - 30) : start]) and not single:
            return "Work"
        if _WORK_AFTER.match(blanked[end : end + 40]) and not single:
            return "Work"
        for words_set, kind in (
            (_ORG_WORDS, "Organization"),
            (_EVENT_WORDS, "Event"),
            (_PLACE_WORDS, "Place"),
        ):
            if lowered & words_set:
                return kind
        if acronym:
            return "Organization"
        suggestions = self.suggest(name)
        if suggestions:
            return self.by_name[suggestions[0].label.casefold()].type
        if any(w[0].islower() for w in words) or len(words) > 4:
            return "Work"
        return "Person"

    def suggest(self, name: str) -> tuple[Suggestion, ...]:
        """Registry names close to ``name`` (difflib ratio >= 0.8), best first."""
        key = name.casefold()
        if key not in self._suggestions:
            close = difflib.get_close_matches(key, self.names, n=3, cutoff=0.8)
            found: dict[str, Suggestion] = {}
            for near in close:
                entity = self.by_name[near]
                score = round(difflib.SequenceMatcher(None, key, near).ratio(), 3)
                if entity.id not in found:
                    found[entity.id] = Suggestion(entity.id, entity.label, score)
            self._suggestions[key] = tuple(found.values())
        return self._suggestions[key]

    def group(self, mentions: Iterable[tuple[str, Mention]]) -> list[NewEntity]:
        """Mentions of the same unknown name (any case) merged into one candidate each."""
        by_key: dict[str, list[tuple[str, Mention]]] = {}
        for doc, m in mentions:
            by_key.setdefault(m.label.casefold().replace("’", "'"), []).append((doc, m))
        out = []
        for key in sorted(by_key):
            items = by_key[key]
            kinds = Counter(m.type for _, m in items)
            label = Counter(m.label for _, m in items).most_common(1)[0][0]
            out.append(
                NewEntity(
                    label,
                    sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
                    tuple(sorted((doc, m.start, m.end) for doc, m in items)),
                    self.suggest(label),
                )
            )
        return out


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
