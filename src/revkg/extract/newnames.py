"""Names the registry lacks, as the statistical model finds them: typed, and checked that
each is a name of its own.

:func:`model_names` takes the model's named entities (typed by their head word, what
comes just before them and the model's label), :func:`place_names` the one-word places
the model leaves untagged ("born in Simbirsk"), and :func:`plausible_name` drops what is
not a name of its own (a list, an office, a fragment, generic words).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .mentions import HEAD_KINDS, KIND_WORDS, Mention, given_names, head_kind, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: spaCy's entity labels -> revkg types (NORP only for plural nouns: "the Mensheviks").
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "NORP": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "WORK_OF_ART": "Work",
    "LAW": "Work",
}
#: What comes just before a publication's name: "the newspaper Pravda", "newspapers, Gudok".
_PUBLICATION_BEFORE = re.compile(
    r"\b(?:newspapers?|journals?|weekly|daily|magazines?|periodicals?|organ)[,:]?\s*[\"“]?$",
    re.IGNORECASE,
)
_LEADING = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "their"})


def model_names(parse: Doc, offset: int, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Names the model's NER finds in a parsed paragraph and the registry does not know.

    Typed by the name's head and kind words first ("... Party", "Battle of ..."), the NER
    label second; a one-word "person" in a place ("the village of X") is a place, and a
    name just after "the newspaper" (or journal, weekly...) a work. A leading "the" and a
    trailing "'s" are left out."""
    found = []
    for ent in parse.ents:
        kind = NER_TYPES.get(ent.label_)
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ in _LEADING)]
        while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
            tokens.pop()
        if kind is None or not tokens or not tokens[0].text[:1].isupper():
            continue
        if ent.label_ == "NORP" and tokens[-1].tag_ not in ("NNPS", "NNS"):
            continue  # "Russian", "Georgian": an adjective, not an organization
        one = tokens[0] if len(tokens) == 1 else None
        if one is not None and (
            one.pos_ == "ADJ" or one.dep_ == "amod" or one.text in given_names()
        ):
            continue  # "Allied pressure", "Imperial"; "Alexander" alone says not which
        start = offset + tokens[0].idx
        end = offset + tokens[-1].idx + len(tokens[-1])
        if any(s < end and start < e for s, e in taken):
            continue
        name = " ".join(text[start:end].split())
        lowered = {w.casefold().strip(".") for w in name.split()}
        worded = head_kind(name) or next((k for k, c in KIND_WORDS if lowered & c), None)
        if worded is not None:
            kind = worded
        elif kind in ("Person", "Organization") and _placed(tokens):
            kind = "Place"  # "the village of Solvychegodsk", "in Nizhny Novgorod"
        if _PUBLICATION_BEFORE.search(text[max(0, start - 30) : start]) or _published(tokens):
            kind = "Work"
        found.append(Mention(start, end, text[start:end], kind, label=name, via="new"))
    return found


#: Nouns after which "of" and one capitalised word name a place: "the village of X".
_PLACE_NOUNS = word_set("town village city port settlement province region district hamlet")
#: Verbs whose object is a publication: "edited Pravda", "read Capital".
_PUBLISHING = frozenset({"edit", "co-edit", "publish", "read", "print"})


def _published(tokens: list[Token]) -> bool:
    """Whether a name is what is edited, published or read, or written for ("articles for
    Pravda"): a work, where the model says an organization."""
    inside = {t.i for t in tokens}
    root = tokens[-1]
    while root.head.i in inside and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ in _PUBLISHING:
        return True
    return root.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ in ("article", "write")


def _placed(tokens: list[Token]) -> bool:
    """A name in a place's position ("in X", "the village of X", or listed after one:
    "in Kiev, Kharkov, Nizhny Novgorod") that is not someone's ("in Julius Martov's
    view") nor starts with a given name."""
    last = tokens[-1]
    owned = last.i + 1 < len(last.doc) and last.nbor(1).tag_ == "POS"
    if owned or tokens[0].text in given_names():
        return False
    first = last
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "in Kiev, Kharkov, Nizhny Novgorod": listed with the first
    return _in_a_place(tokens[0]) or (first.i != last.i and _in_a_place(first.left_edge))


def _in_a_place(t: Token) -> bool:
    """Whether "in", "at", "near" or "<town/village/...> of" comes just before ``t``: a
    one-word name there is a place, even where the model calls it a person."""
    if t.i == 0:
        return False
    before = t.nbor(-1)
    if before.lower_ in ("in", "at", "near"):
        return True
    return before.lower_ == "of" and before.i > 0 and before.nbor(-1).lower_ in _PLACE_NOUNS


#: The model's labels for what is not a place name ("in May", "in Russian").
_NOT_PLACES = frozenset({"DATE", "TIME", "NORP", "LANGUAGE", "ORDINAL", "CARDINAL", "EVENT"})


def place_names(parse: Doc, offset: int, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """One-word names the model left untagged right after "in", "at", "to", "from",
    "near" or "<town/village/...> of": places ("born in Simbirsk")."""
    found = []
    for t in parse[1:]:
        if not (t.pos_ == "PROPN" and t.is_title and t.ent_type_ not in _NOT_PLACES):
            continue
        after = t.nbor(1) if t.i + 1 < len(parse) else None
        placed = _in_a_place(t) or t.nbor(-1).lower_ in ("to", "from")  # "went to Narym"
        if not placed or t.is_sent_start or (after is not None and after.pos_ == "PROPN"):
            continue
        start, end = offset + t.idx, offset + t.idx + len(t)
        if not any(s < end and start < e for s, e in taken):
            found.append(Mention(start, end, text[start:end], "Place", label=t.text, via="new"))
    return found


#: Words that begin an office or a rank, not a name ("Minister of War", "Prime Minister").
_OFFICES = word_set(
    """
    minister prime attorney general president chairman secretary premier governor
    commissar deputy head chief supreme historian
    """
)


def plausible_name(name: str, text: str) -> bool:
    """False for what is not a name of its own: a list ("Bogdanov, Anatoly Lunacharsky"),
    an office ("Minister of War"), one capitalised word the text also uses as a common
    noun ("Council" where "council" occurs too), a fragment (unbalanced brackets or quotes,
    "Battle of", "N.S.", "AM the Military Revolutionary Committee"), a pair of single words
    ("French and German"), or only generic words ("Executive Committee", "Congress")."""
    words = name.split()
    if "," in name or not words or words[0].casefold() in _OFFICES:
        return False
    if len(words) == 1 and f" {name.lower()} " in text:
        return False
    return not (_fragment(name, words) or _pair(words) or _generic(words))


def _fragment(name: str, words: list[str]) -> bool:
    """A piece of a sentence rather than a name."""
    if name.count("(") != name.count(")") or name.count('"') % 2:
        return True
    if words[-1].casefold().strip(".") in _DANGLING:
        return True  # "Battle of", "Order No"
    if sum(c.isalpha() for c in name) <= 2:
        return True  # "N.S.", "Fr"
    # "the" right after a capitalised word starts a new phrase ("Following the July
    # Days"), unless one epithet ends the name ("Peter the Great").
    return any(
        w == "the" and words[i - 1][:1].isupper() and i + 2 < len(words)
        for i, w in enumerate(words)
        if i > 0
    )


def _pair(words: list[str]) -> bool:
    """Two single words joined by "and": "French and German", "Oleg and Gleb"."""
    return len(words) == 3 and words[1] == "and"


def _generic(words: list[str]) -> bool:
    """Every word a common word of names: "Executive Committee", "Second Congress"."""
    return all(w.casefold().strip(".'’") in _GENERIC for w in words)


#: Last words that leave a name unfinished.
_DANGLING = word_set("of the and for on in to at by with no")
#: Words that name a kind of thing but never one thing on their own.
_GENERIC = (
    frozenset(HEAD_KINDS)
    | frozenset().union(*(words for _, words in KIND_WORDS))
    | word_set(
        """
        executive first second third fourth fifth sixth seventh eighth ninth tenth
        empire assembly institution schools deputies socialists peasants peoples workers
        soldiers jews russians poles finns germans armenians georgians azeris ukrainians
        """
    )
) - word_set("duma soviet")
