"""Dependency patterns (:mod:`.relations`) matched on a parsed sentence.

:class:`DepMatcher` finds, in one sentence of a parsed paragraph, each trigger word of
a pattern, follows the pattern's paths to both ends, and yields the mentions they land
in. What is not asserted is skipped: a negated trigger, one under "could", "might",
"may", "should" or "must" (not the narrative "would"), one inside "if", "whether" or
"unless", and one governed by a verb of asking, wanting, trying, saying or believing
("Lenin asked Trotsky to denounce Stalin").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .records import Candidate, in_sentence, lowered, sentence_words
from .relations import ANY_WORD, Path, Relation, Step

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..model import Date
    from .masking import Sentence
    from .mentions import Mention

#: Verbs that do not assert what they govern (by lemma).
NOT_ASSERTING = frozenset({
    "ask", "want", "wish", "attempt", "try", "plan", "hope", "intend", "seek", "refuse",
    "fail", "urge", "demand", "propose", "threaten", "persuade", "convince", "expect",
    "decline", "order", "request", "invite", "encourage", "aim", "argue", "claim", "believe",
    "say", "suggest", "think", "fear", "suspect", "allege", "deny", "doubt", "insist",
    "rumour", "assume", "imagine", "consider", "wonder",
})  # fmt: skip
_MODALS = frozenset({"could", "might", "may", "should", "must"})
_CONDITIONS = frozenset({"if", "whether", "unless"})
#: Marks of a clause that states its fact whatever its main clause says: a reason or a time.
_OWN_CLAUSE = frozenset({"as", "because", "since", "when", "after", "before", "while"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_SELF = ("@self",)  # the trigger alone, not the names listed with it
#: Steps through which a governed verb is asserted along with its governor.
_CHAIN = ("conj", "xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp")


class Match(NamedTuple):
    """A pattern's ends in one sentence: token indexes of the trigger and both ends."""

    relation: Relation
    trigger: int
    subjects: tuple[int, ...]
    objects: tuple[int, ...]


class DepMatcher:
    """Every pattern of a table, indexed by trigger lemma."""

    def __init__(self, relations: Sequence[Relation]) -> None:
        self.relations = tuple(relations)
        self.by_lemma: dict[tuple[str, str], list[Relation]] = {}
        for r in relations:
            for lemma in r.trigger:
                self.by_lemma.setdefault((r.pos, lemma), []).append(r)

    def __call__(self, sentence: Span) -> Iterator[Match]:
        for token in sentence:
            pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
            relations = self.by_lemma.get((pos, token.lemma_.lower()), [])
            relations = relations + self.by_lemma.get((pos, ANY_WORD), [])
            if not relations or not asserted(token):
                continue
            for r in relations:
                subjects = _ends(token, r.subject_paths, sentence)
                objects = _ends(token, r.object_paths, sentence)
                if subjects and objects:
                    yield Match(r, token.i, subjects, objects)


def dep_candidates(
    matcher: DepMatcher, sentence: Sentence, parse: Doc, offset: int
) -> Iterator[Candidate]:
    """The candidates the patterns find in one sentence of a parsed paragraph
    (``offset``: where the paragraph starts in the document)."""
    span = parse.char_span(sentence.start - offset, sentence.end - offset, alignment_mode="expand")
    if span is None:
        return
    at = _mention_at(sentence.mentions, parse, offset)
    words = sentence_words(sentence.text)
    for match in matcher(span):
        r = match.relation
        subjects = _mentions(parse, match.subjects, at, sentence.mentions, r.subject)
        objects = _mentions(parse, match.objects, at, sentence.mentions, r.object)
        qualifiers = _time(parse[match.trigger], at, sentence.mentions, r.time)
        for n, si in enumerate(subjects):
            for m, oi in enumerate(objects):
                subj, obj = sentence.mentions[si], sentence.mentions[oi]
                if si == oi or (subj.entity is not None and subj.entity == obj.entity):
                    continue
                confidence = lowered(r.confidence, subj, obj, listed=n + m > 0)
                fact = (subj, r.predicate, obj)
                yield in_sentence(sentence, words, fact, "dep:" + r.name, confidence, qualifiers)


def _mention_at(mentions: list[Mention], parse: Doc, offset: int) -> dict[int, int]:
    """Token index -> index of the mention it lies in."""
    at: dict[int, int] = {}
    for i, m in enumerate(mentions):
        span = parse.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        for t in span or ():
            at.setdefault(t.i, i)
    return at


def _mentions(
    parse: Doc,
    tokens: tuple[int, ...],
    at: dict[int, int],
    mentions: list[Mention],
    types: tuple[str, ...],
) -> list[int]:
    """The mentions of allowed types the tokens lie in; a common noun that lies in none
    stands for the name it is said of (:func:`stands_for`)."""
    found: list[int] = []
    for t in tokens:
        named = [t] if t in at else [s.i for s in stands_for(parse[t])]
        for i in (at.get(n) for n in named):
            if i is not None and i not in found and mentions[i].type in types:
                found.append(i)
    return found


#: Common nouns that stand for the organization named in them: "the Bolshevik regime".
_BODY_NOUNS = frozenset({
    "party", "faction", "regime", "government", "movement", "organization", "organisation",
    "group", "forces", "troops", "army", "wing", "leadership", "side", "camp", "cabinet",
})  # fmt: skip
#: Common nouns that stand for the place named after "of": "the town of Gori".
_PLACE_NOUNS = frozenset({
    "town", "village", "city", "port", "settlement", "province", "region", "district",
    "island", "fortress", "capital", "colony", "republic",
})  # fmt: skip
_COPULAS = frozenset({"be", "become", "remain"})


def stands_for(noun: Token) -> list[Token]:
    """The words a common noun that is not a name stands for: the subject it is said of
    ("the Bolsheviks were a faction founded by Lenin"), the name it is put in apposition
    with ("the Trudoviks, a party founded by Aladin"), the name it is a body of ("the
    Bolshevik regime") or the place it is a kind of ("the town of Gori")."""
    if noun.pos_ != "NOUN":
        return []
    head, out = noun.head, []
    if noun.dep_ == "conj" and head.pos_ == "NOUN" and head != noun:
        return stands_for(head)  # "a lawyer and revolutionist who ..."
    if noun.dep_ == "attr" and head.lemma_ in _COPULAS:
        out += [c for c in head.children if c.dep_ == "nsubj"]
    elif noun.dep_ == "appos" and head != noun:
        out.append(head)
    mine = any(t.lower_ == "own" for t in noun.subtree)  # "their own Duma faction"
    if noun.lemma_ in _BODY_NOUNS and not mine:
        out += [c for c in noun.children if c.dep_ in ("compound", "amod")]
    if noun.lemma_ in _PLACE_NOUNS:
        out += [
            p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"
        ]
    return out


_STARTS, _ENDS = frozenset({"since", "from"}), frozenset({"until", "till", "by"})


def _time(
    trigger: Token, at: dict[int, int], mentions: list[Mention], kind: str | None
) -> tuple[tuple[str, Date], ...]:
    """The time qualifier of a dated pattern: a date attached to the trigger (or to the
    verb a trigger noun is said with); "since" starts it, "until" ends it."""
    if kind is None:
        return ()
    words = [trigger] + ([trigger.head] if trigger.pos_ == "NOUN" else [])
    for word in words:
        for child in word.children:
            if child.dep_ == "prep":
                dated = [(child.lower_, c) for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "npadvmod":
                dated = [("", child)]
            else:
                continue
            for prep, t in dated:
                i = at.get(t.i)
                date = mentions[i].date if i is not None else None
                if date is not None:
                    chosen = "start" if prep in _STARTS else "end" if prep in _ENDS else kind
                    return ((chosen, date),)
    return ()


def asserted(token: Token) -> bool:
    """False if the sentence does not state what ``token`` says happened."""
    word: Token | None = token
    while word is not None:
        for child in word.children:
            if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _MODALS):
                return False
            if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
                return False
        if word.dep_ in ("attr", "oprd", "pobj", "appos") and word.head != word:
            word = word.head  # a noun: the verb it is said with decides
            continue
        if word.dep_ not in _CHAIN or word.head == word:
            return True
        if word.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _OWN_CLAUSE for c in word.children
        ):
            return True  # "he supported neither side, as he opposed both": said on its own
        if word.dep_ in ("xcomp", "ccomp") and word.head.lemma_.lower() in NOT_ASSERTING:
            return False
        word = word.head
    return True


def _ends(trigger: Token, paths: tuple[Path, ...], sentence: Span) -> tuple[int, ...]:
    """Token indexes each path reaches (with the words listed with them), in order."""
    found: list[int] = []
    for path in paths:
        tokens = [trigger]
        for step in path:
            tokens = [t for token in tokens for t in _step(token, step)]
        for token in tokens:
            for t in _listed(token) if path != _SELF else [token]:
                if sentence.start <= t.i < sentence.end and t.i not in found and whole(t):
                    found.append(t.i)
    return tuple(found)


#: Words that make a name stand for some of its members: "many Bolsheviks".
_SOME = frozenset({"many", "some", "several", "few", "most", "other", "certain", "numerous"})


def whole(token: Token) -> bool:
    """False for a name said of only some of it ("many Bolsheviks supported ...")."""
    return not any(c.dep_ in ("amod", "det") and c.lower_ in _SOME for c in token.children)


def _step(token: Token, step: Step | str) -> list[Token]:
    if isinstance(step, str):
        return _PSEUDO[step](token)
    if step.up:
        head = token.head
        if token.dep_ != step.dep or head == token:
            return []
        return [head] if not step.words or head.lower_ in step.words else []  # "<pobj=under"
    return [
        c
        for c in token.children
        if c.dep_ == step.dep and (not step.words or c.lower_ in step.words)
    ]


def _listed(token: Token) -> list[Token]:
    """The word, the words coordinated with it ("A, B and C") and the name it is put in
    apposition with ("an organization, the Workers Group")."""
    out, todo = [], [token]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [
            c for c in t.children if c.dep_ == "conj" or (c.dep_ == "appos" and t.pos_ == "NOUN")
        ]
    return out


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


def _surface_subject(verb: Token) -> list[Token]:
    """The grammatical subject, a relative pronoun read as its noun, or the governor's."""
    found = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if found:
        return [verb.head if c.lower_ in _RELATIVE and verb.dep_ == "relcl" else c for c in found]
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb:
        return _surface_subject(verb.head)  # "went to Geneva to meet Lenin", "arriving, he"
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ != "VBN"):
        return [verb.head]  # "the man leading the party", "the party, which led…"
    return []


def _subject(verb: Token) -> list[Token]:
    if _passive(verb):
        agents = [c for c in verb.children if c.dep_ == "agent"]
        return [p for a in agents for p in a.children if p.dep_ == "pobj"]
    return _surface_subject(verb)


def _object(verb: Token) -> list[Token]:
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]  # "the army, led by Trotsky"
    if _passive(verb):
        return _surface_subject(verb)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects and verb.dep_ == "relcl":
        relative = [c for c in verb.children if c.lower_ in _RELATIVE and c.dep_ == "dobj"]
        return [verb.head] if relative else []
    return [verb.head] if not objects and verb.dep_ == "relcl" else objects


def _clause(noun: Token) -> list[Token]:
    """Who the clause a noun lies in is about: the surface subject of the nearest verb
    above it ("Stalin was sentenced to exile in Siberia", "he went into exile").

    spaCy makes a new token object at each access, so tokens are compared with ``==``
    (document and index), never with ``is``."""
    word = noun
    while word.head != word and word.pos_ not in ("VERB", "AUX"):
        word = word.head
    return _surface_subject(word) if word.pos_ in ("VERB", "AUX") else []


def _holder(noun: Token) -> list[Token]:
    """Who or what a noun ("leader") is said of."""
    head = noun.head
    if noun.dep_ == "conj" and head != noun and head.pos_ in ("NOUN", "PROPN"):
        return _holder(head)  # "X, a lawyer and a member of Y"
    out = [c for c in noun.children if c.dep_ in ("appos", "poss")]
    if noun.dep_ in ("attr", "oprd") and head != noun:
        out += _surface_subject(head)
    elif noun.dep_ == "appos" or (noun.dep_ == "compound" and head.pos_ == "PROPN"):
        out.append(head)
    elif noun.dep_ == "pobj" and head.lower_ == "as" and head.head != head:
        verb = head.head
        out += _object(verb) if _passive(verb) or verb.lemma_ in _NAMING else _surface_subject(verb)
    return out


#: "elected X as chairman", "named X as …": the noun is said of the verb's object.
_NAMING = frozenset({"elect", "appoint", "name", "choose", "select", "install", "nominate"})

_PSEUDO = {
    "@subject": _subject,
    "@object": _object,
    "@holder": _holder,
    "@clause": _clause,
    "@self": lambda token: [token],
}
