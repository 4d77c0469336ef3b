"""Documents + the entity registry -> candidate facts with evidence (pure, offline).

Paragraphs are tokenized by ``spacy.blank("en")`` (no statistical model), split into
sentences as spaCy's sentencizer splits them, and searched for registry and unknown
names (:mod:`.mentions`), dates (:mod:`.dates`) and pronouns (:mod:`.pronouns`). In each
sentence these mentions are replaced by typed slots (:mod:`.masking`) and the rules of
``rules.yaml`` (:mod:`.rules`, :mod:`.patterns`) are matched against it. Every candidate
keeps the offsets of its subject and object mentions in the original text.

Plainly, every rule whose slot types fit a sentence is tried on it, overlapping registry
names are resolved by spaCy's ``filter_spans`` and sentences split by its sentencizer:
``Extractor(..., fast=False)`` does just that. By default the same results come faster
(:mod:`.fastpath`).
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, cast

from ..model import Entity
from ..text import name_key
from ..text import paragraph_lines as _paragraphs
from .calibration import Calibration, calibration
from .dates import find_dates
from .deps import DepMatcher, dep_candidates
from .fastpath import RuleIndex, registry_names, sentence_bounds
from .linking import RegistryMatcher, dated_month, name_variants
from .masking import Sentence, conjuncts, mask
from .mentions import Mention, NameFinder, NewEntity, Suggestion
from .newnames import model_names, place_names, plausible_name
from .parse import Parser, cache_dir
from .patterns import TYPE_LETTERS, AllRules, CompiledRule, compile_rules, match_time, negated
from .pronouns import Referents, anaphor_targets, possessive_mentions, pronoun_mentions
from .records import (
    Candidate,
    entity_record,
    in_sentence,
    lowered,
    sentence_words,
    triple_record,
)
from .relations import Relation, relation_table
from .rules import Rule, compiled_rules
from .surnames import Surnames

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc, Token

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

_Known = list[tuple[int, int, str]]  # registry names: (start, end, entity id)
_START = attrgetter("start")


@dataclass
class DocumentResult:
    """What one document gave: candidates and mentions of unknown names."""

    doc: str
    candidates: list[Candidate] = field(default_factory=list)
    new_mentions: list[Mention] = field(default_factory=list)
    surnames: Surnames = field(default_factory=Surnames, compare=False, repr=False)  # so far


@dataclass
class Extraction:
    """Candidates from every document and the new-entity candidates, merged by name."""

    candidates: list[Candidate] = field(default_factory=list)
    new_entities: list[NewEntity] = field(default_factory=list)


class Extractor:
    """Runs the tokenizer, the name finders and the rules; build it once, use it often.

    ``rules`` replaces the packaged table; ``fast=False`` runs the plain definitions
    that the fast path is checked against (the same results, slower). With a
    ``parser``, each paragraph is also parsed (:mod:`.parse`) and the dependency
    patterns (``relations``, by default the packaged table) are matched on it. Names in
    ``excluded`` are never proposed as new names. The
    packaged tables' confidences are calibrated (:mod:`.calibration`) unless
    ``calibrated=False`` (or given as a table of counts); tables passed in are used as
    they are.
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        *,
        rules: tuple[Rule, ...] | None = None,
        fast: bool = True,
        parser: Parser | None = None,
        relations: tuple[Relation, ...] | None = None,
        calibrated: bool | Calibration = True,
        excluded: Iterable[str] = (),
    ) -> None:
        import spacy
        from spacy.pipeline import Sentencizer

        self.registry = {e.id: e for e in entities}
        self.fast = fast
        self.nlp = spacy.blank("en")
        self.tokenizer = cast("Tokenizer", self.nlp.tokenizer)
        self.matcher = RegistryMatcher(self.nlp.vocab, self.tokenizer, self.registry.values())
        self.sentencizer = Sentencizer()
        strings = self.nlp.vocab.strings
        self.sentence_ends = frozenset(strings.add(c) for c in Sentencizer.default_punct_chars)
        self.rules = self._rules(compiled_rules() if rules is None else compile_rules(rules))
        self.names = NameFinder(self.registry.values())
        self._names = {e.id: (e.type, e.id, e.label) for e in self.registry.values()}
        self.anaphors = anaphor_targets(self.registry.values())
        self.parser = parser
        if parser is not None:
            parser.share_vocab(self.nlp.vocab)
        self.excluded = frozenset(name_key(n) for n in excluded)
        self.deps = DepMatcher(relation_table() if relations is None else relations)
        self.calibration = _calibration(calibrated, rules is None and relations is None)
        self.bases = {r.rule.name: r.rule.confidence for r in self.rules.rules}
        self.bases |= {"dep:" + r.name: r.confidence for r in self.deps.relations}

    def _rules(self, rules: tuple[CompiledRule, ...]) -> AllRules:
        """Which rules to try on a sentence: every one that fits, or the same faster."""
        if not self.fast:
            return AllRules(rules)
        return RuleIndex(rules)

    def with_rules(self, rules: tuple[Rule, ...]) -> Extractor:
        """The same pipeline and registry with other rules (to test a rule on its own)."""
        other = copy.copy(self)
        other.rules = self._rules(compile_rules(rules))
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
        parses = self._parses(paragraphs)
        result.surnames.learn_from_model(parses)
        found: dict[str, Candidate] = {}
        for (offset, para), doc, parse in zip(paragraphs, docs, parses, strict=True):
            for start, end, inside in self._sentences(text, offset, para, doc, result, parse):
                mentions = topics.resolve(inside)
                if len(mentions) < 2:
                    continue
                sentence = Sentence(doc_id, text[start:end], start, end, mentions)
                for cand in self._all_candidates(sentence, parse, offset):
                    if self.calibration is not None:
                        cand = self.calibration.apply(cand, self.bases[cand.rule])
                    old = found.get(cand.id)
                    if old is None or cand.confidence > old.confidence:
                        found[cand.id] = cand
        result.candidates = sorted(found.values(), key=_order)
        return result

    def _parses(self, paragraphs: list[tuple[int, str]]) -> list[Doc | None]:
        if self.parser is None:
            return [None] * len(paragraphs)
        return list(self.parser.parse([p for _, p in paragraphs]))

    def _all_candidates(
        self, sentence: Sentence, parse: Doc | None, offset: int
    ) -> Iterator[Candidate]:
        names = [m for m in sentence.mentions if m.via != "possessive"]  # "his": patterns only
        yield from self._candidates(sentence._replace(mentions=names))
        if parse is not None:
            yield from dep_candidates(self.deps, sentence, parse, offset)

    def _sentences(
        self,
        text: str,
        offset: int,
        para: str,
        doc: Doc,
        result: DocumentResult,
        parse: Doc | None = None,
    ) -> Iterator[tuple[int, int, list[Mention]]]:
        """(start, end, mentions) of each sentence of ``para`` (as ``doc``) with mentions."""
        if not len(doc):
            return
        known = [
            (offset + doc[s].idx, offset + _char_end(doc[e - 1]), i)
            for s, e, i in self._registry_names(doc)
        ]
        mentions = self._mentions(text, offset, para, known, result, parse)
        if not mentions:
            return
        starts = [m.start for m in mentions]
        for first, last in self._sentence_bounds(doc):
            start, end = offset + doc[first].idx, offset + _char_end(doc[last])
            lo, hi = bisect_left(starts, start), bisect_right(starts, end)
            inside = [m for m in mentions[lo:hi] if m.end <= end]
            if inside:
                yield start, end, inside

    def _registry_names(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(first token, end token, entity id) of each registry name, in text order (not a
        month in a date: "in October 1899" is no revolution)."""
        found = self.matcher(doc) if not self.fast else registry_names(self.matcher, doc)
        return [(s, e, i) for s, e, i in found if not dated_month(doc, s, e)]

    def _sentence_bounds(self, doc: Doc) -> list[tuple[int, int]]:
        """(first, last) token of each sentence, as spaCy's sentencizer splits them."""
        if not self.fast:
            return [(s.start, s.end - 1) for s in self.sentencizer(doc).sents]
        return sentence_bounds(doc, self.sentence_ends)

    def _mentions(
        self,
        text: str,
        offset: int,
        para: str,
        known: _Known,
        result: DocumentResult,
        parse: Doc | None = None,
    ) -> list[Mention]:
        """Registry names (``known``), unknown names, dates and pronouns, in text order."""
        spans = [(s, e) for s, e, _ in known]
        names = self._names
        mentions = [Mention(s, e, text[s:e], *names[i]) for s, e, i in known]
        found = self._new_names(text, offset, para, spans, parse)
        found = result.surnames.apply(found, para, offset, text, mentions)
        new = [m for m in found if m.entity is None]
        result.new_mentions.extend(new)
        taken = spans + [(m.start, m.end) for m in new]
        mentions += found
        mentions += [
            Mention(d.start, d.end, text[d.start : d.end], "Date", date=d.date)
            for d in find_dates(para, offset=offset)
            if not _overlaps(taken, d.start, d.end)
        ]
        mentions += [
            m
            for m in pronoun_mentions(para, offset, text) + possessive_mentions(para, offset, text)
            if not _overlaps(taken, m.start, m.end)
        ]
        mentions.sort(key=_START)
        return mentions

    def _new_names(
        self, text: str, offset: int, para: str, spans: list[tuple[int, int]], parse: Doc | None
    ) -> list[Mention]:
        """Names the registry lacks: the model's, then capitalised runs the model missed."""
        if parse is None:
            return self.names.find(para, offset, spans, text)
        new = [self.names.retype(m) for m in model_names(parse, offset, text, spans)]
        taken = spans + [(m.start, m.end) for m in new]
        more = [
            m
            for m in self.names.find(para, offset, spans, text)
            if not _overlaps(taken, m.start, m.end) and len(m.label.split()) > 1
        ]
        more += place_names(parse, offset, text, taken + [(m.start, m.end) for m in more])
        kept = (m for m in new + more if name_key(m.label) not in self.excluded)
        return sorted((m for m in kept if plausible_name(m.label, para)), key=_START)

    def _candidates(self, sentence: Sentence) -> Iterator[Candidate]:
        letters = frozenset([TYPE_LETTERS[m.type] for m in sentence.mentions])
        if not self.rules.allows(letters):
            return  # no rule links these types
        masked, slots = mask(sentence)
        for rule in self.rules.candidates(masked, letters):
            for match in rule.regex.finditer(masked):
                if not (rule.rule.negatable and negated(masked, match)):
                    yield from _facts(sentence, rule, match, masked, slots)


def _facts(
    sentence: Sentence,
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
    words = sentence_words(sentence.text)
    qualifiers = ((r.time, time),) if r.time and time else ()
    for si in subjects:
        for oi in objects:
            subj, obj = mentions[si], mentions[oi]
            if subj.entity is not None and subj.entity == obj.entity:
                continue
            if r.names_only and (subj.via in _REFERRING or obj.via in _REFERRING):
                continue
            confidence = lowered(r.confidence, subj, obj, listed=(si, oi) != (s_index, o_index))
            fact = (subj, r.predicate, obj)
            yield in_sentence(sentence, words, fact, r.name, confidence, qualifiers)


_REFERRING = ("pronoun", "anaphor", "possessive")  # not names: "he", "the party", "his"


def _calibration(calibrated: bool | Calibration, packaged: bool) -> Calibration | None:
    """The counts that calibrate the packaged tables (none for tables passed in)."""
    if isinstance(calibrated, Calibration):
        return calibrated
    return calibration() if calibrated and packaged else None


def extract(
    entities: Iterable[Entity],
    documents: Iterable[tuple[str, str]],
    *,
    parser: Parser | None = None,
    calibrated: bool | Calibration = True,
    excluded: Iterable[str] = (),
) -> Extraction:
    """Run the extractor over every document and merge the new-entity candidates.

    Paragraphs are parsed by ``parser``, by default one that keeps its parses in
    :func:`.parse.cache_dir`."""
    extractor = Extractor(
        entities, parser=parser or Parser(cache_dir()), calibrated=calibrated, excluded=excluded
    )
    out = Extraction()
    new_mentions: list[tuple[str, Mention]] = []
    for result in extractor.run(documents):
        out.candidates.extend(result.candidates)
        new_mentions.extend((result.doc, m) for m in result.new_mentions)
    out.new_entities = extractor.names.group(new_mentions)
    return out


def extract_corpus(
    entities: Iterable[Entity], corpus: Mapping[str, Document], *, excluded: Iterable[str] = ()
) -> Extraction:
    """:func:`extract` over every essay of a corpus, as ``sources.seeds.load_corpus`` reads
    it; ``excluded`` names (graph/curated/excluded-names.yaml) are never proposed."""
    return extract(entities, ((doc.id, doc.text) for doc in corpus.values()), excluded=excluded)


def _char_end(token: Token) -> int:
    return token.idx + len(token)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _order(c: Candidate) -> tuple[int, int, str, str]:
    return (c.sentence_start, c.subject.start, c.predicate, c.id)
