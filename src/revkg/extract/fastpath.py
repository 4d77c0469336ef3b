"""Faster ways to get what the plain definitions give, kept apart so they can be checked.

Extraction is meant to cost at most three times spaCy's tokenization. Plainly, every
rule whose slot types fit a sentence is tried on it (:class:`~.patterns.AllRules`), and
sentences are split by spaCy's sentencizer. Here:

- :class:`RuleIndex` tries only the rules with a *trigger* in the sentence: a string
  that every match of the rule contains (:func:`triggers`), so no match is lost; and it
  matches each rule's expression with look-aheads that change no match but make a
  failing search give up sooner (:func:`fast_expression`);
- :func:`registry_names` resolves overlapping registry names as spaCy's ``filter_spans``
  does, and :func:`sentence_bounds` splits sentences as the sentencizer does, both
  without making spaCy objects for every match and token.

``Extractor(..., fast=False)`` runs the plain definitions; ``tests/test_extract_fastpath.py``
checks that both give the same results.

Triggers and look-aheads are read from the rule as written, before its placeholders are
expanded, with a small reader of pattern items (:func:`_atoms`) that knows only what
patterns use: plain characters, escapes, character classes, groups, quantifiers, ``|``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from functools import reduce
from itertools import compress, pairwise
from operator import or_
from typing import TYPE_CHECKING

from .patterns import DETERMINERS, GAPS, SLOT_EDGES, AllRules, expression

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .linking import RegistryMatcher
    from .patterns import CompiledRule
    from .rules import Rule


class RuleIndex(AllRules):
    """The rules :class:`AllRules` would try on a sentence, less those without a trigger
    in it (in table order), each with its :func:`fast_expression`.

    A trigger without spaces is in a sentence exactly when it is inside one of its words
    (runs of non-spaces): which rules have one inside a word is worked out once per word,
    as bits (bit ``i`` is rule ``i``).
    """

    def __init__(self, rules: tuple[CompiledRule, ...]) -> None:
        super().__init__(
            tuple(
                dataclasses.replace(r, regex=re.compile(fast_expression(r.rule), r.regex.flags))
                for r in rules
            )
        )
        self.triggers = [triggers(r.rule) for r in rules]
        self._in_words = [(t, i) for i, ts in enumerate(self.triggers) for t in ts if _word(t)]
        self._always = sum(1 << i for i, ts in enumerate(self.triggers) if not ts)
        self._inside = functools.lru_cache(maxsize=200_000)(self._rules_inside)
        self._fitting: dict[frozenset[str], list[tuple[int, tuple[str, ...]]]] = {}

    def allows(self, letters: frozenset[str]) -> bool:
        return bool(self._fit(letters))

    def candidates(self, masked: str, letters: frozenset[str]) -> list[CompiledRule]:
        folded = fold(masked)
        found = reduce(or_, map(self._inside, folded.split()), self._always)
        return [
            self.rules[i]
            for i, spaced in self._fit(letters)
            if found >> i & 1 or (spaced and any(t in folded for t in spaced))
        ]

    def _fit(self, letters: frozenset[str]) -> list[tuple[int, tuple[str, ...]]]:
        """The rules that fit these letters: (position, its triggers with spaces)."""
        if letters not in self._fitting:
            self._fitting[letters] = [
                (i, tuple(t for t in self.triggers[i] if not _word(t)))
                for i, rule in enumerate(self.rules)
                if rule.fits(letters)
            ]
        return self._fitting[letters]

    def _rules_inside(self, word: str) -> int:
        """The rules with a trigger inside ``word``, as bits."""
        return sum({1 << i for t, i in self._in_words if t in word})


def _word(trigger: str) -> bool:
    """True when ``trigger`` has no spaces (as str.split sees them): it is inside a word."""
    return trigger.split() == [trigger]


#: Characters that re.IGNORECASE matches with an ASCII letter but str.lower() does not map.
_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_CASE_TWINS = str.maketrans(_TWINS)


def fold(text: str) -> str:
    """``text`` lower-cased so that a trigger is in it whenever IGNORECASE would match it."""
    if not text.isascii() and any(map(text.__contains__, _TWINS)):
        text = text.translate(_CASE_TWINS)
    return text.lower()


# ---- triggers ----------------------------------------------------------------------


def triggers(rule: Rule) -> tuple[str, ...]:
    """Lower-case strings of which every match of ``rule`` contains one; () if none known.

    Words where the rule has them ("born"; "joined" or "rejoined"), else plain characters
    around slots ("» «" for two slots side by side).
    """
    found = _best(_required(rule.pattern, rule.verbs)) or frozenset()
    # "join" is in every match that has "joined"
    return tuple(sorted(t for t in found if not any(u in t for u in found - {t})))


def _required(text: str, verbs: tuple[str, ...] = ()) -> list[frozenset[str]]:
    """Sets of strings such that every match of ``text`` contains a string of each set.

    ``text`` is a pattern or a part of one. Only what it always matches counts: plain
    characters that are not optional (with what slots start and end with), groups
    (looked into: a choice gives one string of each alternative) and ``{verb}``, a
    choice of the rule's verbs. Look-arounds match no text: what is either side of
    one is side by side in a match.
    """
    atoms = list(_atoms(text))
    if any(kind == "|" for kind, _, _, _ in atoms):
        return []  # a choice between whole patterns: no one part is always there
    found: list[frozenset[str]] = []
    run = ""  # plain characters, one after another
    for kind, body, optional, _ in atoms:
        if kind == "char" and not optional:
            run += body
            continue
        if kind == "look":
            continue
        start, end = SLOT_EDGES.get(body, ("", "")) if kind == "{" else ("", "")
        if body in GAPS:
            run = run.removesuffix(" ")  # it may be a comma
        found += _pieces(run + start)
        run = end
        if optional:
            continue
        if kind == "group":
            choices = _choices(body)
            found += _required(body) if len(choices) == 1 else _one_of(choices)
        elif body == "{verb}":
            found += _one_of(list(verbs))
    return found + _pieces(run)


def _pieces(run: str) -> list[frozenset[str]]:
    """The words of a run of plain characters, and the run itself."""
    run = run.lower()
    return [frozenset([w]) for w in _WORD.findall(run)] + ([frozenset([run])] if run else [])


_WORD = re.compile("[a-z]+")


def _one_of(choices: list[str]) -> list[frozenset[str]]:
    """A set with a string of each alternative ([] unless each has one)."""
    each = [_best(_required(choice)) for choice in choices]
    return [frozenset().union(*each)] if each and all(each) else []  # type: ignore[arg-type]


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling set: words if any (the longest shortest word, then the fewest
    words), else the longest shortest string, not counting spaces."""
    words = [s for s in sets if all(map(str.isalpha, s))]
    if words:
        return max(words, key=lambda s: (min(map(len, s)), -len(s)))
    telling = [s for s in sets if all(t.strip() for t in s)]
    return max(telling, key=lambda s: (min(len(t.strip()) for t in s), -len(s)), default=None)


# ---- look-aheads -------------------------------------------------------------------

#: What the object slot starts with: the slot itself or a determiner.
_OBJECT_AHEAD = "(?=[«" + "".join(sorted({d[0] for d in DETERMINERS})) + "])"


def fast_expression(rule: Rule) -> str:
    """The rule's expression with look-aheads that change no match: each says what the
    next item starts with, so that a search fails at most characters on one test.

    Before ``{O}``: ``«`` or a determiner's first letter. Before ``{verb}`` after a gap
    or ``{A}``: the letters the verbs start with, when each starts with a plain letter
    (a gap tries to end at every character). Before look-behinds that start the pattern:
    a copy of the look-ahead after them (instead of every look-behind at every character).
    """
    text = rule.pattern.replace("{O}", _OBJECT_AHEAD + "{O}")
    ahead = _first_letters(rule.verbs)
    if ahead:
        text = (
            text.replace("{A}{verb}", ahead + "{A}{verb}")
            .replace("{_}{verb}", "{_}" + ahead + "{verb}")
            .replace("{__}{verb}", "{__}" + ahead + "{verb}")
        )
    return expression(dataclasses.replace(rule, pattern=_hoisted(text)))


def _first_letters(verbs: tuple[str, ...]) -> str:
    """A look-ahead for the letters the verbs start with ("" unless each starts with one)."""
    firsts = set()
    for verb in verbs:
        atoms = list(_atoms(verb))
        if not atoms or any(kind == "|" for kind, _, _, _ in atoms):
            return ""
        kind, body, optional, _ = atoms[0]
        if kind != "char" or optional or not body.isalpha():
            return ""  # it may start otherwise ("s?he", "[ab]c", "(?:re)?joined")
        firsts.add(body)  # matched under the rule's own flags, as the verb is
    return "(?=[" + "".join(sorted(firsts)) + "])" if firsts else ""


def _hoisted(text: str) -> str:
    """``text`` with the look-ahead that follows its leading look-behinds copied first."""
    atoms = list(_atoms(text))
    n = 0
    while n < len(atoms) and atoms[n][0] == "look" and atoms[n][1].startswith("(?<"):
        n += 1
    if 0 < n < len(atoms) and atoms[n][0] == "look" and atoms[n][1].startswith("(?="):
        return atoms[n][1] + text
    return text


# ---- the items of a pattern --------------------------------------------------------


def _atoms(text: str) -> Iterator[tuple[str, str, bool, int]]:
    """(kind, text, optional, where) of each item of a pattern, outside any group.

    Kinds: ``char`` (a plain character), ``group`` (its inside), ``{`` (a placeholder),
    ``|`` (a choice), ``look`` (matches no text: a look-around, ``\\b``, ``^``, ``$``),
    ``other`` (a character class, an escape such as ``\\w``, ``.``). ``optional`` is
    true when a quantifier follows.
    """
    i = 0
    while i < len(text):
        kind, body, end = _atom(text, i)
        quantifier = _QUANTIFIER.match(text, end)
        yield kind, body, quantifier is not None, i
        i = quantifier.end() if quantifier else end


_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*,?\d*\})[?+]?")
_ESCAPE = re.compile(r"\\(?:x\w\w|u\w{4}|U\w{8}|N\{[^}]*\}|\d+|.)", re.DOTALL)
_GROUP = re.compile(r"\(\?:|\(\?P<\w+>|\((?!\?)")
_LOOK = re.compile(r"\(\?(?:=|!|<=|<!)")


def _atom(text: str, i: int) -> tuple[str, str, int]:
    """The item starting at ``text[i]``: (kind, text, where the next one starts)."""
    c = text[i]
    if c == "\\":
        escape = _ESCAPE.match(text, i)
        assert escape is not None
        body = escape.group()
        if len(body) == 2 and not body[1].isalnum():
            return "char", body[1], escape.end()
        return ("look" if body in ("\\b", "\\B", "\\A", "\\Z") else "other"), body, escape.end()
    if c == "[":
        return "other", "", _class_end(text, i)
    if c == "(":
        end = _group_end(text, i)
        group = _GROUP.match(text, i)
        if group:
            return "group", text[group.end() : end - 1], end
        return ("look" if _LOOK.match(text, i) else "other"), text[i:end], end
    if c == "{" and (text[i + 1 : i + 2].isalpha() or text[i + 1 : i + 2] == "_"):
        end = text.index("}", i) + 1
        return "{", text[i:end], end
    if c in "|^$":
        return ("|" if c == "|" else "look"), c, i + 1
    return ("other" if c == "." else "char"), c, i + 1


def _class_end(text: str, i: int) -> int:
    """Where the character class starting at ``text[i]`` (a ``[``) ends."""
    j = i + 1
    if text[j : j + 1] == "^":
        j += 1
    j += 1  # a "]" first is a plain character
    while text[j] != "]":
        j += 2 if text[j] == "\\" else 1
    return j + 1


def _group_end(text: str, i: int) -> int:
    """Where the group starting at ``text[i]`` (a ``(``) ends."""
    depth, j = 0, i
    while True:
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(text, j)
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        j += 1
        if depth == 0:
            return j


def _choices(body: str) -> list[str]:
    """The alternatives of a group's inside (split at its own ``|``, not its groups')."""
    bars = [at for kind, _, _, at in _atoms(body) if kind == "|"]
    edges = [-1, *bars, len(body)]
    return [body[a + 1 : b] for a, b in pairwise(edges)]


# ---- names and sentences in a tokenized paragraph ----------------------------------


def registry_names(matcher: RegistryMatcher, doc: Doc) -> list[tuple[int, int, str]]:
    """What ``matcher(doc)`` gives (spaCy's filter_spans over the phrase matches: the
    longest wins, then the earliest), without making a span of each match.

    (Two entities never match the same tokens, so the order of equal spans is moot.)
    """
    longest_first = sorted([(s - e, s, e, m) for m, s, e in matcher.matches(doc)])
    taken = bytearray(len(doc))
    kept = []
    for _, start, end, match_id in longest_first:
        if not taken[start] and not taken[end - 1]:
            kept.append((start, end, matcher.ids[match_id]))
            taken[start:end] = b"\x01" * (end - start)
    kept.sort()
    return kept


def sentence_bounds(doc: Doc, ends: frozenset[int]) -> list[tuple[int, int]]:
    """(first, last) token of each sentence, as spaCy's sentencizer splits them.

    ``ends`` are the ORTH ids of the sentencizer's sentence-final characters (``.``,
    ``!``, ``?`` ...). A sentence starts at the first token after such a character that
    is neither punctuation nor such a character.
    """
    from spacy.attrs import ORTH

    orth = doc.to_array(ORTH).tolist() if len(doc) else []
    n = len(orth)
    starts = [0] if n else []
    for j in compress(range(n), map(ends.__contains__, orth)):
        k = j + 1
        while k < n and (orth[k] in ends or doc[k].is_punct):
            k += 1
        if k < n and k > starts[-1]:
            starts.append(k)
    return [(a, b - 1) for a, b in pairwise([*starts, n])]
