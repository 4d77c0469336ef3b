"""Registry names in text: every variant of a name, and the matcher that finds them.

Registry names are found with spaCy ``PhraseMatcher`` s over every variant of every name
(labels, aliases, misspellings, both apostrophes, case variants); names of several words
also match with their capitals anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import Entity
from ..text import plain_spaces

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


def name_variants(name: str, *, lower: bool = False) -> list[str]:
    """A name as the essays may write it: both apostrophes, case variants, no spare space.

    A one-word name gets a lower-case variant only when ``lower`` (ideas: "centralism"),
    so that "Commune" does not match every "commune".
    """
    name = " ".join(plain_spaces(name).split())
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


class RegistryMatcher:
    """Registry names in tokenized text, overlaps resolved as spaCy's entity ruler resolves
    them (:func:`spacy.util.filter_spans`: the longest match wins, then the earliest).

    Each variant of a name belongs to the first entity (by id) that has it, so that two
    entities never match the same tokens. A name of several words also matches with its
    capitals anywhere ("Socialism in One Country" for "Socialism in one country"), as long
    as it starts with one (so "the provisional government" stays a description) and no
    other entity has a name that differs from it only in case.
    """

    def __init__(self, vocab: Vocab, tokenizer: Tokenizer, entities: Iterable[Entity]) -> None:
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(vocab)
        self.any_case = PhraseMatcher(vocab, attr="LOWER")
        self.ids: dict[int, str] = {}  # match id -> entity id
        owned: set[tuple[int, ...]] = set()  # the variants taken, as token ids
        folded: dict[str, set[str]] = {}  # a name in lower case -> the entities it names
        for entity in sorted(entities, key=lambda e: e.id):
            lower = entity.type == "Concept"
            variants = sorted({v for n in entity.names() for v in name_variants(n, lower=lower)})
            patterns = []
            for doc in tokenizer.pipe(variants):
                tokens = tuple(t.orth for t in doc)
                folded.setdefault(doc.text.lower(), set()).add(entity.id)
                if tokens and tokens not in owned:
                    owned.add(tokens)
                    patterns.append(doc)
            if patterns:
                key = f"{entity.type}||{entity.id}"
                self.matcher.add(key, patterns)
                self.ids[vocab.strings[key]] = entity.id
        self._any_case(vocab, tokenizer, folded)

    def _any_case(self, vocab: Vocab, tokenizer: Tokenizer, folded: dict[str, set[str]]) -> None:
        """Names of several words that only one entity has, in any case."""
        for name in sorted(folded):
            (entity, *others) = sorted(folded[name])
            doc = tokenizer(name)
            if not others and len(doc) > 1:
                key = f"any-case||{entity}"
                self.any_case.add(key, [doc])
                self.ids[vocab.strings[key]] = entity

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every name, in either matcher; the same entity over
        the same tokens once."""
        seen: set[tuple[int, int, str]] = set()
        out = []
        any_case = [m for m in self.any_case(doc) if doc[m[1]].text[:1].isupper()]
        for match_id, start, end in [*self.matcher(doc), *any_case]:
            key = (start, end, self.ids[match_id])
            if key not in seen:
                seen.add(key)
                out.append((match_id, start, end))
        return out

    def __call__(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(first token, end token, entity id) of each name, in text order."""
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = filter_spans([Span(doc, s, e, label=m) for m, s, e in self.matches(doc)])
        return [(span.start, span.end, self.ids[span.label]) for span in spans]


#: Month names: a registry name that is one of these ("October" for the revolution) is a
#: month where the text dates something with it.
MONTHS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
})  # fmt: skip
#: Words before a month that make it a date: "in October", "by March", "early July".
_DATING = frozenset({"in", "on", "by", "until", "till", "since", "from", "early", "late", "mid"})


def dated_month(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at tokens start:end is a month in a date ("in October 1899",
    "25 October", "in October,"), not the name it also is."""
    if end - start != 1 or doc[start].text not in MONTHS:
        return False
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return bool(
        (after is not None and after.like_num)
        or (before is not None and (before.like_num or before.lower_ in _DATING))
    )
